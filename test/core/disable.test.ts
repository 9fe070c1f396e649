import test from 'node:test';
import assert from 'node:assert/strict';
import { applyFixes } from '../../src/core/fix.js';
import { disableFix } from '../../src/core/disable.js';
import { lintWithDefaults } from '../helpers/lint.js';

const body = '# Plan\n\n## Purpose and Scope\n\n## Roles\n\nThe IC leads.\n';

function ids(text: string, rule = 'empty-section') {
  return lintWithDefaults(text).findings.filter((f) => f.ruleId === rule).map((f) => f.range.start.line);
}

test('disable / enable / disable-next-line / disable-line / disable-file', () => {
  assert.deepEqual(ids(body), [3]);
  assert.deepEqual(ids('<!-- runbook-lint-disable empty-section -->\n' + body), []);
  assert.deepEqual(ids('<!-- runbook-lint-disable -->\n' + body), [], 'no rule list means every rule');
  assert.deepEqual(ids('<!-- runbook-lint-disable placeholder-text -->\n' + body), [4], 'other rules stay on');
  assert.deepEqual(ids('<!-- runbook-lint-disable empty-section -->\n<!-- runbook-lint-enable empty-section -->\n' + body), [5]);
  assert.deepEqual(ids('# Plan\n\n<!-- runbook-lint-disable-next-line empty-section -->\n## Purpose and Scope\n\n## Roles\n\nx\n'), []);
  assert.deepEqual(ids('# Plan\n\n## Purpose and Scope <!-- runbook-lint-disable-line empty-section -->\n\n## Roles\n\nx\n'), []);
  assert.equal(lintWithDefaults('# Plan\n\n<!-- runbook-lint-disable-file required-section -->\n').findings.filter((f) => f.ruleId === 'required-section').length, 0);
});

test('the disable quick fix silences exactly its finding, wherever it is', () => {
  const text = '---\nowner: Ops\nlast_reviewed: 2020-01-01\n---\n# Plan\n\n## Purpose and Scope\n\n## Escalation Contacts\n\n| Tier | Contact |\n|---|---|\n| 1 | TBD |\n';
  const before = lintWithDefaults(text);
  for (const rule of ['stale-review', 'empty-section', 'placeholder-text', 'required-section']) {
    const finding = before.findings.find((f) => f.ruleId === rule);
    assert.ok(finding, `fixture has a ${rule} finding`);
    const fixed = applyFixes(text, [{ ...finding, fix: disableFix(before.doc!, finding) }]).text;
    const after = lintWithDefaults(fixed).findings.filter((f) => f.ruleId === rule);
    // Document-level and front-matter findings can only be silenced for the whole file.
    const expected = rule === 'required-section' || rule === 'stale-review' ? 0 : before.findings.filter((f) => f.ruleId === rule).length - 1;
    assert.equal(after.length, expected, `${rule} silenced:\n${fixed}`);
    assert.equal(lintWithDefaults(fixed).findings.filter((f) => f.ruleId === 'fatal').length, 0);
  }
});
