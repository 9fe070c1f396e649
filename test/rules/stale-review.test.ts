import test from 'node:test';
import assert from 'node:assert/strict';
import { lintWithDefaults } from '../helpers/lint.js';
import { addInterval, formatInterval, parseInterval, parseIsoDate } from '../../src/core/rules/util/review-dates.js';

function stale(frontmatter: string, rules = {}, now?: Date) {
  const text = `---\nowner: Head of IT – Sam Okafor\n${frontmatter}\n---\n\n# Email Outage Runbook\n`;
  return lintWithDefaults(text, rules, now).findings.filter((f) => f.ruleId === 'stale-review');
}

test('review intervals: day/week/month/year words and ISO-8601 durations', () => {
  assert.deepEqual(parseInterval('365 days'), { years: 0, months: 0, days: 365 });
  assert.deepEqual(parseInterval('6 months'), { years: 0, months: 6, days: 0 });
  assert.deepEqual(parseInterval('1 year'), { years: 1, months: 0, days: 0 });
  assert.deepEqual(parseInterval('2 weeks'), { years: 0, months: 0, days: 14 });
  assert.deepEqual(parseInterval('90d'), { years: 0, months: 0, days: 90 });
  assert.deepEqual(parseInterval('P1Y'), { years: 1, months: 0, days: 0 });
  assert.deepEqual(parseInterval('P6M'), { years: 0, months: 6, days: 0 });
  assert.deepEqual(parseInterval('P90D'), { years: 0, months: 0, days: 90 });
  assert.deepEqual(parseInterval('P2W'), { years: 0, months: 0, days: 14 });
  assert.deepEqual(parseInterval('P1Y6M'), { years: 1, months: 6, days: 0 });
  assert.deepEqual(parseInterval('1 year and 6 months'), { years: 1, months: 6, days: 0 });
  for (const bad of ['', 'yearly', 'every spring', 'P', 'P0D', '0 days', '12', 'PT4H', '6 moons']) assert.equal(parseInterval(bad), undefined, bad);
});

test('calendar dates: only real ISO dates; month arithmetic clamps to the last day', () => {
  assert.equal(parseIsoDate('2026-02-30').ok, false);
  assert.equal(parseIsoDate('2026-13-01').ok, false);
  assert.equal(parseIsoDate('May 2025').ok, false);
  assert.equal(parseIsoDate('2025-01-10T09:00:00Z').ok, false);
  assert.equal(parseIsoDate('2024-02-29').ok, true);
  const d = (s: string) => {
    const r = parseIsoDate(s);
    assert.ok(r.ok);
    return r.date;
  };
  assert.deepEqual(addInterval(d('2026-01-31'), { years: 0, months: 1, days: 0 }), d('2026-02-28'));
  assert.deepEqual(addInterval(d('2024-02-29'), { years: 1, months: 0, days: 0 }), d('2025-02-28'));
  assert.deepEqual(addInterval(d('2025-12-20'), { years: 0, months: 0, days: 14 }), d('2026-01-03'));
  assert.equal(formatInterval({ years: 0, months: 0, days: 14 }), '2 weeks');
  assert.equal(formatInterval({ years: 0, months: 0, days: 365 }), '365 days');
  assert.equal(formatInterval({ years: 1, months: 6, days: 0 }), '1 year 6 months');
});

test('the brief example: 682 days ago, due 2026-01-10, 317 days overdue; range is the front-matter value', () => {
  const [f, ...rest] = stale('last_reviewed: 2025-01-10\nreview_interval: 365 days');
  assert.equal(rest.length, 0);
  assert.ok(f!.message.startsWith('Last reviewed 2025-01-10, 682 days ago; the review interval is 365 days, so a review was due on 2026-01-10.'), f!.message);
  assert.match(f!.message, /317 days overdue/);
  assert.deepEqual([f!.range.start.line, f!.range.start.column, f!.range.end.column], [3, 16, 26]);
  // The facts other code reads (the checklist panel) are in data, next to the message's wording.
  const { status, lastReviewed, dueDate, daysOverdue } = f!.data as Record<string, unknown>;
  assert.deepEqual({ status, lastReviewed, dueDate, daysOverdue }, { status: 'overdue', lastReviewed: '2025-01-10', dueDate: '2026-01-10', daysOverdue: 317 });
  assert.equal(f!.messageId, 'overdue');
  assert.equal(f!.fix, undefined);
});

test('uses ctx.now: the same runbook is fresh one day and stale the next', () => {
  const fm = 'last_reviewed: 2025-11-23\nreview_interval: P1Y';
  assert.equal(stale(fm, {}, new Date('2026-11-23T23:59:00Z')).length, 0);
  assert.equal(stale(fm, {}, new Date('2026-11-24T00:01:00Z')).length, 1);
});

test('a date later than today everywhere on Earth is in the future; "today" in UTC+14 is not', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  assert.equal(stale('last_reviewed: 2026-11-24', {}, now).length, 0);
  const [f] = stale('last_reviewed: 2026-11-25', {}, now);
  assert.match(f!.message, /is in the future/);
});

test('warnDaysBefore warns on the due date itself and stays an error once overdue', () => {
  const rules = { 'stale-review': ['error', { warnDaysBefore: 10 }] as ['error', Record<string, unknown>] };
  const [due] = stale('last_reviewed: 2025-11-23\nreview_interval: 1 year', rules);
  assert.equal(due!.severity, 'warning');
  assert.match(due!.message, /Review due today, on 2026-11-23/);
  const [over] = stale('last_reviewed: 2025-11-22\nreview_interval: 1 year', rules);
  assert.equal(over!.severity, 'error');
});

test('non-string last_reviewed values (numbers, lists) are "not a date", and a YAML timestamp tag is accepted', () => {
  assert.match(stale('last_reviewed: 20250110')[0]!.message, /"20250110" is not an ISO date/);
  assert.match(stale('last_reviewed: [2025-01-10]')[0]!.message, /is not an ISO date/);
  assert.equal(stale('last_reviewed: !!timestamp 2026-09-01').length, 0);
});

test('silent without front matter or without last_reviewed', () => {
  assert.equal(lintWithDefaults('# Runbook\n\nlast_reviewed: 2001-01-01\n').findings.filter((f) => f.ruleId === 'stale-review').length, 0);
  assert.equal(stale('review_interval: nonsense').length, 0);
});
