import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createGlobSet, createLinter, memoryHost, ResolveError } from '../../src/core/api.js';

const exampleText = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');

test('createLinter: one factory over a host lints, fixes and says which schema applies and why', async () => {
  const host = memoryHost({ '/repo/.runbook-lint.json': JSON.stringify({ rules: { 'section-order': 'off' }, overrides: [{ files: ['drafts/**'], rules: { 'placeholder-text': 'off' } }] }) });
  const linter = createLinter({ host });
  const text = '# Payments outage runbook\n\n## Purpose\n\n[insert purpose]\n';
  const live = await linter.lint('/repo/live.md', text, { now: new Date('2026-06-01') });
  assert.ok(live.findings.some((f) => f.ruleId === 'placeholder-text'));
  assert.ok(live.findings.some((f) => f.ruleId === 'required-section'));
  assert.equal(live.errorCount, live.findings.filter((f) => f.severity === 'error').length);
  assert.equal(live.schemaWhy, 'default: /repo/.runbook-lint.json has no "schema" key');
  const draft = await linter.lint('/repo/drafts/a.md', text, { now: new Date('2026-06-01') });
  assert.equal(draft.findings.some((f) => f.ruleId === 'placeholder-text'), false, 'the override applies');
  assert.deepEqual(draft.sources.map((s) => s.via), ['config', 'overrides[0]']);

  const fixed = await linter.fix('/repo/live.md', text, { now: new Date('2026-06-01') });
  assert.ok(fixed.text.length > text.length, 'missing sections inserted');
  const missing = (o: { findings: Array<{ ruleId: string }> }) => o.findings.filter((f) => f.ruleId === 'required-section').length;
  assert.ok(missing(fixed.outcome) < missing(live), 'fewer missing sections after fixing');
  assert.ok(linter.rules.some((r) => r.id === 'stale-review'));
});

test('createLinter: an untrusted linter reads no files; a bad config rejects with located problems', async () => {
  const bad = memoryHost({ '/r/.runbook-lint.json': '{ "rules": { "nope": "off" } }' });
  await assert.rejects(createLinter({ host: bad }).lint('/r/a.md', '# A\n'), (e: unknown) => e instanceof ResolveError && e.problems[0]!.line === 1);
  const untrusted = await createLinter({ host: bad, trusted: false }).lint('/r/a.md', exampleText('payments-outage.md'));
  assert.match(untrusted.schemaWhy, /not trusted/);
});

test('createLinter: documentPieces makes re-lints incremental with the findings of a full lint', () => {
  const linter = createLinter({ host: memoryHost({}) });
  const settings = linter.prepare({ schema: { kind: 'builtin' }, rules: {} });
  const now = new Date('2026-06-01');
  const pieces = linter.documentPieces();
  const text = exampleText('payments-outage.md');
  assert.deepEqual(linter.lintText(text, settings, { now, pieces }).findings, linter.lintText(text, settings, { now }).findings);
  const firstParsed = pieces.lastStats.parsed;
  assert.ok(firstParsed > 1, `the first lint parses every piece (${firstParsed})`);
  const at = text.indexOf('\n## ', text.length / 2);
  const edited = `${text.slice(0, at)}\n\nA new paragraph, TODO fill in.\n${text.slice(at)}`;
  const incremental = linter.lintText(edited, settings, { now, pieces });
  assert.deepEqual(incremental.findings, linter.lintText(edited, settings, { now }).findings);
  assert.ok(pieces.lastStats.parsed < firstParsed, JSON.stringify(pieces.lastStats));
  assert.ok(pieces.lastStats.reused + pieces.lastStats.shifted > 0, JSON.stringify(pieces.lastStats));
});

test('createGlobSet: globs relative to a folder, as config include/ignore match them', () => {
  const set = createGlobSet('/repo', ['runbooks/**/*.md']);
  assert.deepEqual([set.dir, [...set.globs]], ['/repo', ['runbooks/**/*.md']]);
  assert.equal(set.matches('/repo/runbooks/a/b.md'), true);
  assert.equal(set.matches('/repo/docs/b.md'), false);
  assert.equal(set.matches('/elsewhere/runbooks/b.md'), false);
});
