/**
 * Smoke test on real runbooks: every .md file of the shared corpus (openshift/runbooks,
 * prometheus-operator/runbooks, gitlab-com/runbooks: ~850 files) lints with the default schema
 * without a single `fatal`, and every range (findings, fixes, the source map) lies inside its document.
 * The inner loop (`npm run test:unit`) lints every 8th file (test/helpers/tier.ts); `npm test` all.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusRoot, corpusSkip, markdownFiles } from '../helpers/corpus.js';
import { join, relative } from 'node:path';
import { applyFixes } from '../../src/core/fix.js';
import { lintWithDefaults } from '../helpers/lint.js';
import { tierSample } from '../helpers/tier.js';
import { assertFindingsInside, assertRangeInside, assertSorted, lineStarts } from '../helpers/ranges.js';

const corpusDir = corpusRoot;
const skip = corpusSkip(corpusDir);


test('every corpus runbook lints with the default schema: no fatal, every range inside its document', { skip }, (t) => {
  const all = markdownFiles(corpusDir);
  assert.ok(all.length >= 800, `expected the ~848 corpus files, found ${all.length}`);
  const files = tierSample(all, 8);
  t.diagnostic(`${files.length} of the ${all.length} Markdown files under ${corpusDir}`);

  const fatals: string[] = [];
  const rangeProblems: string[] = [];
  const byRule = new Map<string, number>();
  let findings = 0;
  let slowest = { file: '', ms: 0 };
  for (const [index, file] of files.entries()) {
    const name = relative(corpusDir, file);
    const input = readFileSync(file, 'utf8');
    const t0 = performance.now();
    const result = lintWithDefaults(input);
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { file: name, ms };
    const text = result.bom ? input.slice(1) : input;
    findings += result.findings.length;
    for (const f of result.findings) {
      byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
      if (f.ruleId === 'fatal') fatals.push(`${name}:${f.range.start.line}:${f.range.start.column}: ${f.message}`);
    }
    try {
      assertFindingsInside(text, result.findings, name);
      assertSorted(result.findings, name);
      if (result.doc) {
        const starts = lineStarts(text);
        for (const [pointer, range] of result.doc.pointers) assertRangeInside(text, range, `${name} pointer "${pointer}"`, starts);
      }
      // The fixes must apply cleanly too (the CLI's --fix on a real file); re-linting every file would
      // double the run time, so every 8th file is re-linted after its fixes.
      if (index % 8 === 0) {
        const fixed = applyFixes(text, result.findings).text;
        assertFindingsInside(fixed, lintWithDefaults(fixed).findings, `${name} after fixes`);
      }
    } catch (error) {
      rangeProblems.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  t.diagnostic(`${findings} findings: ${[...byRule].sort().map(([k, v]) => `${k}=${v}`).join(', ')}`);
  t.diagnostic(`slowest file: ${slowest.file} (${slowest.ms.toFixed(0)} ms)`);
  assert.deepEqual(fatals, [], `fatal findings in ${fatals.length} file(s)`);
  assert.deepEqual(rangeProblems, [], `range problems in ${rangeProblems.length} file(s)`);
  assert.ok(findings > 0, 'the default schema has something to say about these non-continuity runbooks');
});
