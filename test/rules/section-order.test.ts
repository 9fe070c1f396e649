import test from 'node:test';
import assert from 'node:assert/strict';
import { lintWithDefaults } from '../helpers/lint.js';
import { longestIncreasing } from '../../src/core/rules/section-order.js';

test('longest increasing subsequence keeps the longest in-order run', () => {
  assert.deepEqual([...longestIncreasing([0, 1, 2, 5, 3, 4, 6])].sort(), [0, 1, 2, 4, 5, 6]);
  assert.deepEqual([...longestIncreasing([])], []);
  assert.equal(longestIncreasing([9, 8, 7, 6]).size, 1);
  assert.equal(longestIncreasing([3, 0, 1, 2]).size, 3);
});

test('every misplaced section is reported at once (not just the first, unlike MD043)', () => {
  const titles = ['Revision History', 'Dependencies', 'Testing and Maintenance', 'Communication Plan', 'Purpose and Scope'];
  const text = '# Runbook\n\n' + titles.map((t) => `## ${t}\n\ntext\n`).join('\n');
  const findings = lintWithDefaults(text).findings.filter((f) => f.ruleId === 'section-order');
  // Fully reversed: one section stays, the other four are each reported.
  assert.equal(findings.length, 4);
  assert.ok(findings.every((f) => f.severity === 'warning' && f.fix === undefined));
});

test('duplicates and unknown headings do not count', () => {
  const text = '# Runbook\n\n## Purpose and Scope\n\nx\n\n## Escalation Contacts\n\nx\n\n## Notes\n\nx\n\n## Purpose\n\nx\n';
  assert.equal(lintWithDefaults(text).findings.filter((f) => f.ruleId === 'section-order').length, 0);
});
