/**
 * findingFor (src/editor/diagnostics.ts): a diagnostic handed back with a code-action request is
 * paired with its finding by rule id, whole range and data, not by message text alone.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Finding } from '../../src/core/api.js';
import { findingFor, toLspDiagnostic } from '../../src/editor/index.js';

const at = (line: number, column: number, endColumn: number): Finding['range'] => ({ start: { line, column, offset: 0 }, end: { line, column: endColumn, offset: 0 } });
const finding = (ruleId: string, message: string, range: Finding['range'], data?: Record<string, unknown>): Finding => ({ ruleId, severity: 'warning', message, range, ...(data ? { data } : {}) });
/** What VS Code hands back: range, message, source and code, no data. */
const withoutData = (f: Finding) => {
  const { data: _data, ...d } = toLspDiagnostic(f);
  return d;
};

test('identical message text at different ranges: each diagnostic pairs with the finding at its own range', () => {
  const findings = [finding('placeholder-text', 'Placeholder "TODO" left in the runbook', at(3, 1, 5)), finding('placeholder-text', 'Placeholder "TODO" left in the runbook', at(9, 1, 5)), finding('placeholder-text', 'Placeholder "TODO" left in the runbook', at(9, 1, 9))];
  for (const f of findings) {
    assert.equal(findingFor(findings, toLspDiagnostic(f)), f);
    assert.equal(findingFor(findings, withoutData(f)), f, 'also without data');
  }
});

test('the same range with different rules: the diagnostic code decides', () => {
  const range = at(1, 1, 20);
  const findings = [finding('stale-review', 'Reviewed too long ago', range), finding('frontmatter', 'Reviewed too long ago', range)];
  assert.equal(findingFor(findings, toLspDiagnostic(findings[1]!)), findings[1]);
  assert.equal(findingFor(findings, { ...toLspDiagnostic(findings[0]!), code: { value: 'stale-review', target: 'https://example.test' } }), findings[0], 'VS Code code objects');
  assert.equal(findingFor(findings, { ...toLspDiagnostic(findings[0]!), code: 'empty-section' }), undefined);
});

test('one rule on one range: the data an LSP client hands back decides, whatever the message says; without data the message does', () => {
  const range = at(1, 1, 12);
  const findings = [finding('required-section', 'Missing section "Escalation Contacts"', range, { section: 'escalation', heading: 'Escalation Contacts' }), finding('required-section', 'Missing section "Communication Plan"', range, { section: 'communication', heading: 'Communication Plan' })];
  const second = toLspDiagnostic(findings[1]!);
  assert.equal(findingFor(findings, second), findings[1]);
  assert.equal(findingFor(findings, { ...second, message: 'Fehlender Abschnitt' }), findings[1], 'a client that shows its own text still pairs');
  assert.equal(findingFor(findings, { ...second, data: { heading: 'Communication Plan', section: 'communication' } }), findings[1], 'key order does not matter');
  assert.equal(findingFor(findings, { ...second, data: { section: 'revision-history' } }), undefined, 'data from an older lint pairs with nothing');
  assert.equal(findingFor(findings, withoutData(findings[0]!)), findings[0]);
  assert.equal(findingFor(findings, { ...withoutData(findings[0]!), data: null }), findings[0], 'null data is no data');
  assert.equal(findingFor(findings, { ...withoutData(findings[0]!), message: 'something else' }), undefined, 'ambiguous without data or message');
});

test('a byte-order mark shifts line-1 ranges by one character, as the published diagnostics do', () => {
  const findings = [finding('required-section', 'Missing section "Purpose"', at(1, 1, 10), { section: 'purpose' })];
  assert.equal(findingFor(findings, toLspDiagnostic(findings[0]!, true), true), findings[0]);
  assert.equal(findingFor(findings, toLspDiagnostic(findings[0]!, true), false), undefined);
});
