import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildChecklistView, checklistTree, EXPORT_CSP, h, panelCsp, progressText, renderExportHtml, renderPanelHtml, startDrill, toHtml, toggleDrillItem,
} from '../../src/core/checklist/index.js';
import { lintText, type LintResult } from '../../src/core/lint.js';
import type { Finding } from '../../src/core/types.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { fixturesDir, lintWithDefaults, readFixture, TODAY } from '../helpers/lint.js';

const small = () => buildChecklistView(lintWithDefaults(readFixture('checklist', 'small.md')), { now: TODAY });
const hostile = () => buildChecklistView(lintWithDefaults(readFixture('checklist', 'hostile.md')), { now: TODAY });
const SHELL = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abcdef0123456789abcdef01', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/checklist.js' };

/** Every start tag with its attributes. */
function tags(html: string): Array<{ name: string; attrs: Array<[string, string]> }> {
  const out: Array<{ name: string; attrs: Array<[string, string]> }> = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs = [...m[2]!.matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ''] as [string, string]);
    out.push({ name: m[1]!.toLowerCase(), attrs });
  }
  return out;
}

/**
 * The snapshot's findings are written here, not produced by the rules, so rewording a rule's
 * message does not touch the snapshot; what is pinned is the renderer's output.
 */
function snapshotResult(): LintResult {
  const result = lintText(readFixture('checklist', 'small.md'), { schema: builtinSchema(), rules: [], now: TODAY });
  const at = (line: number) => ({ start: { line, column: 1, offset: 0 }, end: { line, column: 2, offset: 1 } });
  const findings: Finding[] = [
    { ruleId: 'required-section', severity: 'error', message: 'Missing required section "Backup Communication Channels".', range: at(1),
      data: { sectionId: 'backup-channels', title: 'Backup Communication Channels' }, fix: { title: 'Insert', edits: [{ start: 0, end: 0, newText: 'x' }] } },
    { ruleId: 'stale-review', severity: 'error', message: 'Last reviewed 2025-06-01; a review was due on 2025-12-01. It is 357 days overdue.', range: at(3),
      data: { status: 'overdue', lastReviewed: '2025-06-01', dueDate: '2025-12-01', daysOverdue: 357 } },
  ];
  return { ...result, findings, errorCount: 2, warningCount: 0 };
}

test('export snapshot: small fixture (regenerate deliberately with UPDATE_SNAPSHOTS=1)', () => {
  const html = renderExportHtml(buildChecklistView(snapshotResult(), { now: TODAY }), { source: 'test/fixtures/checklist/small.md', generatedAt: TODAY });
  const file = join(fixturesDir, 'checklist', 'small.expected.html');
  if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(file, html);
  assert.equal(html, readFileSync(file, 'utf8'));
});

test('export: standalone, strict CSP, no script, no external resource, checkboxes as glyphs', () => {
  const html = renderExportHtml(small(), { source: 'small.md', generatedAt: TODAY });
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">`));
  assert.equal(EXPORT_CSP.includes('script-src'), false, 'default-src none covers scripts');
  const all = tags(html);
  assert.equal(all.filter((t) => t.name === 'script' || t.name === 'link' || t.name === 'img' || t.name === 'iframe').length, 0);
  assert.equal(all.filter((t) => t.name === 'input' || t.name === 'button').length, 0, 'nothing to click in print');
  assert.ok(html.includes('aria-label="done">☑</span>'));
  assert.ok(html.includes('aria-label="not done">☐</span>'));
  assert.ok(html.includes('@media print'));
  assert.ok(html.includes('<a href="tel:+442079460958">+44 20 7946 0958</a>'));
  assert.ok(html.includes('Overdue by 357 days (due 2025-12-01)'));
});

test('hostile content: escaped in the export and the panel, no handler attributes, no unsafe hrefs', () => {
  const v = hostile();
  for (const html of [renderExportHtml(v, { generatedAt: TODAY }), renderPanelHtml(v, { version: 3 }, SHELL)]) {
    const all = tags(html);
    const names = new Set(all.map((t) => t.name));
    for (const bad of ['svg', 'img', 'iframe', 'u', 'style2', 'b', 'a-evil']) assert.equal(names.has(bad), false, `<${bad}> rendered`);
    for (const t of all) {
      for (const [name, value] of t.attrs) {
        assert.ok(!name.startsWith('on'), `<${t.name} ${name}>`);
        if (name === 'href') assert.match(value, /^(?:https?:|mailto:|tel:)/);
      }
    }
    assert.equal(all.filter((t) => t.name === 'script').length, html.includes('<script nonce=') ? 1 : 0);
    assert.ok(html.includes('&lt;script&gt;window.__pwned = 1; alert(&#39;item&#39;)&lt;/script&gt;'));
    assert.ok(html.includes('Image &lt;img src=x onerror=&quot;window.__pwned=2;alert(2)&quot;&gt; here'));
    assert.ok(html.includes('Activation Criteria &quot;&gt;&lt;svg onload=alert(&#39;h2&#39;)&gt;'));
    assert.ok(html.includes('<title>Hostile &lt;script&gt;alert(1)&lt;/script&gt; runbook — checklist</title>'));
  }
});

test('panel HTML: CSP with nonce, one nonce\'d script from the bundle, data attributes for clicks', () => {
  const html = renderPanelHtml(small(), { version: 7 }, SHELL);
  const csp = panelCsp(SHELL);
  assert.equal(csp, `default-src 'none'; style-src ${SHELL.cspSource} 'nonce-${SHELL.nonce}'; script-src 'nonce-${SHELL.nonce}'; img-src ${SHELL.cspSource} data:`);
  assert.ok(html.includes(`content="${csp.replace(/'/g, '&#39;')}"`));
  assert.ok(html.includes(`<script nonce="${SHELL.nonce}" src="${SHELL.scriptUri}"></script>`));
  assert.ok(html.includes(`<style nonce="${SHELL.nonce}">`));
  assert.ok(html.includes('<main id="content" data-version="7">'));
  assert.match(html, /<input type="checkbox" id="cb-0" checked aria-labelledby="t-0" data-line="11" data-box="\d+" data-key="[^"]+">/);
  assert.ok(html.includes('role="status" aria-live="polite">1 of 2 checklist items done (50%)</div>'));
  assert.throws(() => renderPanelHtml(small(), {}, { ...SHELL, nonce: 'x"><script>' }), /nonce/);
});

test('drill overlay: the run decides what is checked and shows elapsed time; the source state is ignored', () => {
  const v = small();
  const items = v.sections.flatMap((s) => s.checklist);
  let drill = startDrill(new Date('2026-11-23T10:00:00Z'));
  drill = toggleDrillItem(drill, { key: items[1]!.key, section: 'Activation Criteria', text: items[1]!.plain, line: items[1]!.line }, new Date('2026-11-23T10:04:05Z'));
  const html = toHtml(checklistTree(v, { mode: 'panel', drill }));
  assert.ok(html.includes('<time datetime="2026-11-23T10:04:05.000Z">+00:04:05</time>'));
  assert.match(html, /id="cb-0" aria-labelledby/, 'item checked in the source is unchecked in a fresh run');
  assert.match(html, /id="cb-1" checked/);
  assert.equal(progressText(v, drill), 'Drill: 1 of 2 checklist items done (50%)');
  assert.ok(html.includes('data-action="drill-export"'));
});

test('renderer refuses elements outside its list and drops unsafe attributes', () => {
  assert.throws(() => h('script'), /not allowed/);
  assert.equal(toHtml(h('a', { href: 'javascript:alert(1)', onclick: 'x', style: 'x', 'data-x': '"' }, '<b>')), '<a data-x="&quot;">&lt;b&gt;</a>');
});
