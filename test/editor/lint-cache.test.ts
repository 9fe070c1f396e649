/**
 * The editor layer's per-document lint cache (src/editor/lint-cache.ts): results by URI and
 * version, parsed pieces reused across versions, dropped on config/schema change, bounded.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, emptyHost, type PreparedSettings } from '../../src/core/api.js';
import { DocumentLintCache } from '../../src/editor/index.js';
import { repoRoot, TODAY } from '../helpers/lint.js';

const linter = createLinter({ host: emptyHost });
const settings = linter.prepare({ schema: { kind: 'builtin' }, rules: {} });
const plan = readFileSync(join(repoRoot, 'test', 'real-world', 'plans', 'org-counteractive-ir-plan-template.md'), 'utf8');
const options = { now: TODAY };
/** The full (non-incremental) lint the cache must equal. */
const lintText = (text: string, prepared: PreparedSettings = settings) => linter.lintText(text, prepared, options);

test('a new version re-parses only the edited piece and gives the full lint\'s findings', () => {
  const cache = new DocumentLintCache();
  cache.lint('file:///a.md', 1, plan, settings, options);
  const at = plan.indexOf('\n## ', plan.length / 3);
  const edited = plan.slice(0, at) + '\n\nA new paragraph with a TODO.\n' + plan.slice(at);
  const result = cache.lint('file:///a.md', 2, edited, settings, options);
  assert.deepEqual(result.findings, lintText(edited).findings);
  const stats = cache.stats('file:///a.md')!;
  assert.equal(stats.parsed, 1, JSON.stringify(stats));
  assert.ok(stats.reused + stats.shifted >= 20, JSON.stringify(stats));
});

test('the same URI and version is answered from the cache; other options or an invalidation lint again (reusing the pieces)', () => {
  const cache = new DocumentLintCache();
  const first = cache.lint('file:///a.md', 1, plan, settings, options);
  assert.equal(cache.lint('file:///a.md', 1, plan, settings, options), first);
  // Another rule configuration is another lint, from the cached pieces.
  const strict = linter.prepare({ schema: { kind: 'builtin' }, rules: { 'placeholder-text': 'off' } });
  const other = cache.lint('file:///a.md', 1, plan, strict, options);
  assert.notEqual(other, first);
  assert.deepEqual(other.findings, lintText(plan, strict).findings);
  assert.equal(cache.stats('file:///a.md')!.parsed, 0);
  cache.invalidate();
  const again = cache.lint('file:///a.md', 1, plan, strict, options);
  assert.notEqual(again, other);
  assert.deepEqual(again.findings, other.findings);
  assert.equal(cache.stats('file:///a.md')!.parsed, 0);
  // A changed text under the same version number (a client that reuses versions) is linted anew.
  const changed = plan.replace('# ', '# Changed ');
  assert.deepEqual(cache.lint('file:///a.md', 1, changed, strict, options).findings, lintText(changed, strict).findings);
});

test('the cache holds at most maxDocuments documents and maxChars characters, least recently linted dropped first', () => {
  const cache = new DocumentLintCache(2, 3 * plan.length);
  cache.lint('file:///a.md', 1, plan, settings, options);
  cache.lint('file:///b.md', 1, plan, settings, options);
  cache.lint('file:///a.md', 2, plan + '\n', settings, options); // a is now the most recent
  cache.lint('file:///c.md', 1, plan, settings, options);
  assert.deepEqual(['a', 'b', 'c'].map((n) => cache.has(`file:///${n}.md`)), [true, false, true]);
  const small = new DocumentLintCache(10, plan.length + 10);
  small.lint('file:///a.md', 1, plan, settings, options);
  small.lint('file:///b.md', 1, plan, settings, options);
  assert.deepEqual(['a', 'b'].map((n) => small.has(`file:///${n}.md`)), [false, true]);
  // A document over the bound on its own is still linted (and kept while it is the current one).
  const tiny = new DocumentLintCache(10, 10);
  assert.deepEqual(tiny.lint('file:///a.md', 1, plan, settings, options).findings, lintText(plan).findings);
  assert.ok(tiny.has('file:///a.md'));
  tiny.delete('file:///a.md');
  assert.ok(!tiny.has('file:///a.md'));
});
