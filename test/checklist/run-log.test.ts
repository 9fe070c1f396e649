import test from 'node:test';
import assert from 'node:assert/strict';
import { formatElapsed, formatInstant, formatRunLog, startDrill, toggleDrillItem } from '../../src/core/checklist/index.js';

const items = [
  { key: 'a', section: 'Activation Criteria', text: 'Declare the incident', line: 40 },
  { key: 'b', section: 'Activation Criteria', text: 'Page tier | 1', line: 42 },
  { key: 'c', section: 'Recovery Procedures', text: 'Open the <bridge>', line: 120 },
];

test('elapsed and instants', () => {
  assert.equal(formatElapsed(0), '+00:00:00');
  assert.equal(formatElapsed(3_723_000), '+01:02:03');
  assert.equal(formatElapsed(26 * 3_600_000), '+26:00:00');
  assert.equal(formatElapsed(-5000), '+00:00:00');
  assert.equal(formatInstant('2026-11-23T14:03:12.345Z'), '2026-11-23 14:03:12 UTC');
  assert.equal(formatInstant('2026-11-23T14:03:12Z', 60), '2026-11-23 15:03:12 +01:00');
  assert.equal(formatInstant('2026-11-23T00:30:00Z', -330), '2026-11-22 19:00:00 -05:30');
});

test('toggling in a run records and clears timestamps without touching other items', () => {
  let s = startDrill(new Date('2026-11-23T10:00:00Z'));
  s = toggleDrillItem(s, items[0]!, new Date('2026-11-23T10:01:00Z'));
  s = toggleDrillItem(s, items[1]!, new Date('2026-11-23T10:02:00Z'));
  s = toggleDrillItem(s, items[1]!, new Date('2026-11-23T10:03:00Z'));
  assert.deepEqual(s.checked, { a: '2026-11-23T10:01:00.000Z' });
  assert.deepEqual(Object.keys(s.labels!), ['a']);
});

test('run log: header, steps in time order with elapsed, escaped cells, open items', () => {
  let s = startDrill(new Date('2026-11-23T10:00:00Z'));
  s = toggleDrillItem(s, items[2]!, new Date('2026-11-23T10:07:30Z'));
  s = toggleDrillItem(s, items[1]!, new Date('2026-11-23T10:02:05Z'));
  const log = formatRunLog({ title: 'Payments outage', file: 'runbooks/payments.md', drill: s, runner: 'Dana Whitfield', exportedAt: new Date('2026-11-23T11:00:00Z'), items });
  assert.equal(log, `# Run log: Payments outage

- Runbook: runbooks/payments.md
- Started: 2026-11-23 10:00:00 UTC
- Run by: Dana Whitfield
- Log written: 2026-11-23 11:00:00 UTC (+01:00:00 after the start)
- Completed: 2 of 3 checklist items

## Steps completed

| # | Time | Elapsed | Section | Step | Line |
| ---: | --- | --- | --- | --- | ---: |
| 1 | 2026-11-23 10:02:05 UTC | +00:02:05 | Activation Criteria | Page tier \\| 1 | 42 |
| 2 | 2026-11-23 10:07:30 UTC | +00:07:30 | Recovery Procedures | Open the &lt;bridge> | 120 |

## Not completed

- [ ] Declare the incident (Activation Criteria, line 40)
`);
});

test('run log: nothing checked, an item since removed from the runbook, unknown runner', () => {
  const empty = formatRunLog({ title: 'T', drill: startDrill(new Date('2026-01-01T00:00:00Z')), runner: '', exportedAt: new Date('2026-01-01T00:00:10Z'), items: [] });
  assert.match(empty, /No checklist item was checked during this run\./);
  assert.match(empty, /- Run by: unknown/);
  assert.match(empty, /Every checklist item was completed\./);
  let s = startDrill(new Date('2026-01-01T00:00:00Z'));
  s = toggleDrillItem(s, { key: 'gone', section: 'Old', text: 'Removed step', line: 9 }, new Date('2026-01-01T00:01:00Z'));
  const log = formatRunLog({ title: 'T', drill: s, runner: 'x', exportedAt: new Date('2026-01-01T00:02:00Z'), items: [] });
  assert.match(log, /\| 1 \| 2026-01-01 00:01:00 UTC \| \+00:01:00 \| Old \| Removed step \| 9 \|/);
});
