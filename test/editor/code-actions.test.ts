import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import { applyFixes } from '../../src/core/fix.js';
import { lintText } from '../../src/core/lint.js';
import type { Finding } from '../../src/core/types.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { codeActions, fixAllText, toLspDiagnostic, type LintedDocument } from '../../src/editor/index.js';
import { TODAY } from '../helpers/lint.js';
import { applyWorkspaceEdit, exampleRunbook, withoutSections } from '../helpers/lsp.js';

const URI = 'file:///work/runbooks/payments.md';
const lint = (t: string) => lintText(t, { schema: builtinSchema(), now: TODAY });

function linted(text: string): LintedDocument {
  return { uri: URI, text, result: lint(text), lint: (t) => lint(t).findings };
}

const key = (a: CodeAction) => JSON.stringify([a.kind, a.title, a.edit]);

test('three missing sections on line 1: "Insert all 3" and "Disable … for this file" are offered once each, listing all three diagnostics', () => {
  const text = withoutSections(exampleRunbook(), ['Escalation Contacts', 'Communication Plan', 'Testing and Maintenance']);
  const doc = linted(text);
  const missing = doc.result.findings.filter((f) => f.ruleId === 'required-section');
  assert.equal(missing.length, 3);
  assert.ok(missing.every((f) => f.range.start.line === 1), 'reported on line 1');
  const diagnostics = missing.map((f) => toLspDiagnostic(f));
  const actions = codeActions(doc, { diagnostics, only: ['quickfix'], today: '2026-11-23' });
  assert.equal(new Set(actions.map(key)).size, actions.length, `no action twice: ${actions.map((a) => a.title).join(' | ')}`);
  const titles = actions.map((a) => a.title);
  assert.equal(titles.filter((t) => t === 'Insert all 3 missing sections').length, 1);
  assert.equal(titles.filter((t) => t === 'Disable required-section for this file').length, 1);
  for (const t of ['Escalation Contacts', 'Communication Plan', 'Testing and Maintenance']) assert.equal(titles.filter((x) => x === `Insert section "${t}"`).length, 1);
  const all = actions.find((a) => a.title === 'Insert all 3 missing sections')!;
  assert.equal(all.diagnostics?.length, 3, 'the shared action names every diagnostic it fixes');
  const after = applyWorkspaceEdit(text, URI, all.edit);
  assert.deepEqual(lint(after).findings.filter((f) => f.ruleId === 'required-section'), []);
  assert.equal(after, applyFixes(text, missing).text, 'same text as applying the three fixes');
  assert.ok(after.indexOf('## Escalation Contacts') < after.indexOf('## Communication Plan'), 'schema order');
});

test('a single quick fix edits exactly what the core fix does; no fix-all unless asked or unfiltered', () => {
  const text = withoutSections(exampleRunbook(), ['Escalation Contacts']);
  const doc = linted(text);
  const f = doc.result.findings.find((x) => x.ruleId === 'required-section')!;
  const quick = codeActions(doc, { diagnostics: [toLspDiagnostic(f)], only: ['quickfix'], today: '2026-11-23' });
  const insert = quick.find((a) => a.title === 'Insert section "Escalation Contacts"')!;
  assert.equal(insert.isPreferred, true);
  assert.equal(applyWorkspaceEdit(text, URI, insert.edit), applyFixes(text, [f]).text);
  assert.ok(!quick.some((a) => a.kind?.startsWith('source')), 'quickfix only');
  assert.ok(!quick.some((a) => a.title.startsWith('Insert all')), 'no "insert all" for one section');
  const unfiltered = codeActions(doc, { diagnostics: [toLspDiagnostic(f)], today: '2026-11-23' });
  assert.ok(unfiltered.some((a) => a.kind === 'source.fixAll.runbook-lint'));
});

test('fix-all (source.fixAll.runbook-lint) applies every fix, re-linting like --fix, as one edit', () => {
  const text = withoutSections(exampleRunbook(), ['Communication Plan', 'Revision History']).replace(/^approver: .*\n/m, '');
  const doc = linted(text);
  for (const only of [['source.fixAll.runbook-lint'], ['source.fixAll'], ['source']]) {
    const actions = codeActions(doc, { diagnostics: [], only, today: '2026-11-23' });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all runbook-lint problems', 'source.fixAll.runbook-lint']], `only ${only}`);
    const after = applyWorkspaceEdit(text, URI, actions[0]!.edit);
    assert.equal(after, fixAllText(text, (t) => lint(t).findings).text);
    assert.deepEqual(lint(after).findings.filter((x: Finding) => x.fix).map((x) => x.message), []);
    assert.ok(lint(after).findings.every((x) => x.ruleId === 'placeholder-text'), 'only the inserted placeholders remain');
  }
  assert.deepEqual(codeActions(doc, { diagnostics: [], only: ['source.organizeImports'], today: '2026-11-23' }), []);
  assert.equal(codeActions(doc, { diagnostics: [], only: ['source.fixAll'], today: '2026-11-23', fixAllKind: 'source.fixAll.runbookLint' })[0]?.kind, 'source.fixAll.runbookLint');
  // A config or schema that failed to load: nothing is fixable.
  assert.deepEqual(codeActions({ ...doc, lint: undefined }, { diagnostics: [], only: ['source.fixAll'], today: '2026-11-23' }), []);
});

test('stale review: "Mark as reviewed today" is preferred and sets only the date', () => {
  const text = exampleRunbook().replace(/^last_reviewed: .*$/m, 'last_reviewed: 2020-01-01');
  const doc = linted(text);
  const f = doc.result.findings.find((x) => x.ruleId === 'stale-review')!;
  const actions = codeActions(doc, { diagnostics: [toLspDiagnostic(f)], only: ['quickfix'], today: '2026-11-23' });
  const mark = actions.find((a) => a.title === 'Mark as reviewed today (2026-11-23)')!;
  assert.equal(mark.isPreferred, true);
  assert.equal(applyWorkspaceEdit(text, URI, mark.edit), text.replace('last_reviewed: 2020-01-01', 'last_reviewed: 2026-11-23'));
});

test('a byte-order mark shifts line-1 positions of diagnostics and edits by one character', () => {
  const plain = withoutSections(exampleRunbook(), ['Escalation Contacts', 'Communication Plan']);
  const text = '\ufeff' + plain;
  const doc = linted(text);
  const f = doc.result.findings.find((x) => x.ruleId === 'required-section')!;
  const d = toLspDiagnostic(f, true);
  assert.equal(d.range.start.character, f.range.start.column, 'column shifted past the BOM');
  const actions = codeActions(doc, { diagnostics: [d], only: ['quickfix'], today: '2026-11-23' });
  const disable = actions.find((a) => a.title === 'Disable required-section for this file')!;
  const all = actions.find((a) => a.title === 'Insert all 2 missing sections')!;
  assert.equal(applyWorkspaceEdit(text, URI, all.edit), '\ufeff' + applyFixes(plain, doc.result.findings.filter((x) => x.ruleId === 'required-section')).text);
  assert.ok(applyWorkspaceEdit(text, URI, disable.edit).startsWith('\ufeff---'), 'BOM stays first');
  assert.deepEqual(lint(applyWorkspaceEdit(text, URI, disable.edit)).findings.filter((x) => x.ruleId === 'required-section'), []);
});

test('diagnostics carry source, rule id as code and the docs link', () => {
  const doc = linted(withoutSections(exampleRunbook(), ['Escalation Contacts']));
  const d = toLspDiagnostic(doc.result.findings[0]!);
  assert.equal(d.source, 'runbook-lint');
  assert.equal(d.code, 'required-section');
  assert.equal(d.codeDescription?.href, 'https://github.com/runbook-lint/runbook-lint/blob/main/docs/rules/required-section.md');
  assert.equal(d.severity, 1);
  assert.deepEqual(d.data, doc.result.findings[0]!.data);
});
