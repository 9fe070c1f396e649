import test from 'node:test';
import assert from 'node:assert/strict';
import { assertCleanError, runCliInProcess, tempProject } from './helpers.js';

const PLAN = '# Plan\n\n## 1. Purpose\n\nWhy.\n\n## 2. Scope\n\nWhat.\n\n## Escalation paths\n\n- Tier 1: SRE\n\n### Notes\n\nn\n\n## Glossary\n\nWords.\n';

test('--print-sections lists every heading with line, level, section id (or -) and why', async () => {
  const dir = tempProject({ 'plan.md': PLAN });
  const r = await runCliInProcess(['--print-sections', 'plan.md'], dir);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'plan.md');
  assert.match(lines[1]!, /^\s+3 {2}## 1\. Purpose\s+purpose-scope\s+recognised as Purpose and Scope: heading is the alias "Purpose"$/);
  assert.match(lines[2]!, /^\s+7 {2}## 2\. Scope\s+purpose-scope\s+.*\(continues the section at line 3\)$/);
  assert.match(lines[3]!, /^\s+11 {2}## Escalation paths\s+escalation-contacts\s+recognised as Escalation Contacts: heading reads as the alias "Escalation Path"$/);
  assert.match(lines[4]!, /^\s+15 {2}### Notes\s+-\s+not a schema section; its content counts for Escalation Contacts/);
  assert.match(lines[5]!, /^\s+19 {2}## Glossary\s+-\s+not a schema section: no alias, pattern or content signature matches$/);
});

test('--print-sections --format json gives the same facts as data', async () => {
  const dir = tempProject({ 'plan.md': PLAN });
  const r = await runCliInProcess(['--print-sections', 'plan.md', '--format', 'json'], dir);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { title: string; headings: Array<Record<string, unknown>> };
  assert.equal(out.title, 'Plan');
  assert.deepEqual(out.headings.map((h) => [h.line, h.level, h.id, h.section]), [
    [3, 2, 'purpose-scope', 'purpose-scope'],
    [7, 2, 'purpose-scope', 'purpose-scope'],
    [11, 2, 'escalation-contacts', 'escalation-contacts'],
    [15, 3, null, 'escalation-contacts'],
    [19, 2, null, null],
  ]);
  assert.deepEqual(out.headings[2]!.recognition, { by: 'normalised', detail: 'heading reads as the alias "Escalation Path"' });
  assert.equal(out.headings[1]!.partOf, 3);
});

test('--print-sections on a missing file or with another format: exit 2, one clean line', async () => {
  const dir = tempProject({});
  const missing = await runCliInProcess(['--print-sections', 'nope.md'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.md:1:1: Cannot read file: no such file/);
  assertCleanError(missing.stderr);
  const sarif = await runCliInProcess(['--print-sections', 'nope.md', '--format', 'sarif'], dir);
  assert.equal(sarif.code, 2);
  assertCleanError(sarif.stderr);
});
