import { defineRule } from '../rule.js';
import type { RunbookDocument } from '../model.js';
import type { Range } from '../types.js';
import { plural, quoted } from '../text.js';
import {
  addInterval,
  formatDate,
  formatInterval,
  parseInterval,
  parseIsoDate,
  toDayNumber,
  utcDate,
  type CalendarDate,
  type Interval,
} from './util/review-dates.js';

const DEFAULT_INTERVAL: Interval = { years: 0, months: 0, days: 365 };

// The latest time zone is UTC+14: a review dated "today" there is not in the future.
const LATEST_ZONE_MS = 14 * 3_600_000;

function valueRange(doc: RunbookDocument, key: string): Range {
  const fm = doc.frontmatter!;
  const value = fm.pointers.get(`/frontmatter/${key}`);
  if (value && value.end.offset > value.start.offset) return value;
  return fm.pointers.get(`/frontmatter/${key}#key`) ?? value ?? fm.range ?? doc.lines.lineRange(1);
}

interface Options {
  maxAgeDays?: number;
  warnDaysBefore: number;
}

/**
 * What the review date says, in every finding's `data.status` (the checklist panel shows it):
 * `invalid` (empty, not a date, or the interval is unreadable), `future`, `overdue`, `due-soon`.
 */
export type ReviewFindingStatus = 'invalid' | 'future' | 'overdue' | 'due-soon';

/** `last_reviewed` must be a real date, not in the future, and not older than the review interval. */
export default defineRule<Options>({
  meta: {
    id: 'stale-review',
    severity: 'error',
    description: 'last_reviewed is older than review_interval (default 365 days), in the future, or not a date.',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        maxAgeDays: {
          type: 'integer', minimum: 1, description: 'Maximum days between reviews; the stricter of this and the runbook\'s review_interval applies.',
          'x-message': '`maxAgeDays` must be a whole number of days, at least 1.',
        },
        warnDaysBefore: { type: 'integer', minimum: 0, description: 'Warn this many days before a review falls due (0: off).' },
      },
      additionalProperties: false,
      examples: [{ maxAgeDays: 180 }],
    },
    defaultOptions: { warnDaysBefore: 0 },
    messages: {
      empty: 'last_reviewed is empty; expected the ISO date (YYYY-MM-DD) of the last full review, e.g. "last_reviewed: 2026-09-15".',
      notADate: 'last_reviewed {{value}} {{reason}}; write the day of the last full review as YYYY-MM-DD, e.g. "last_reviewed: 2026-09-15".',
      future: 'last_reviewed {{lastReviewed}} is in the future (today is {{today}}); use the date the review actually took place.',
      badInterval: 'review_interval {{value}} is not a duration; expected e.g. "365 days", "6 months", "1 year" or "P1Y". Checking the review date against {{fallback}} instead.',
      overdue: 'Last reviewed {{lastReviewed}}, {{ago}}; the review interval is {{interval}}, so a review was due on {{dueDate}}. It is {{overdueText}} overdue: review the runbook, then update last_reviewed.',
      dueSoon: 'Review due {{when}}, on {{dueDate}}: last reviewed {{lastReviewed}}, {{ago}}; the review interval is {{interval}}.',
    },
  },
  check({ doc, options, now, report }) {
    const fm = doc.frontmatter;
    // No front matter or no last_reviewed: the `frontmatter` rule reports the missing key.
    if (!fm || !Object.prototype.hasOwnProperty.call(fm.data, 'last_reviewed')) return;
    const raw = fm.data.last_reviewed;
    const range = valueRange(doc, 'last_reviewed');

    if (raw === null || raw === undefined || raw === '') {
      report({ messageId: 'empty', range, data: { status: 'invalid' satisfies ReviewFindingStatus } });
      return;
    }
    const parsed = typeof raw === 'string' ? parseIsoDate(raw) : parseIsoDate(String(raw));
    if (typeof raw !== 'string' || !parsed.ok) {
      const reason = parsed.ok ? 'is not an ISO date (YYYY-MM-DD)' : parsed.reason;
      report({ messageId: 'notADate', range, data: { status: 'invalid' satisfies ReviewFindingStatus, value: quoted(raw), reason } });
      return;
    }
    const last = parsed.date;
    const lastText = formatDate(last);
    const today = utcDate(now);
    const todayDay = toDayNumber(today);
    const lastDay = toDayNumber(last);

    if (lastDay > toDayNumber(utcDate(new Date(now.getTime() + LATEST_ZONE_MS)))) {
      report({ messageId: 'future', range, data: { status: 'future' satisfies ReviewFindingStatus, lastReviewed: lastText, today: formatDate(today) } });
      return;
    }

    // Which interval applies: the runbook's own, the configured maximum, or the 365-day default.
    const candidates: Array<{ due: CalendarDate; label: string }> = [];
    if (Object.prototype.hasOwnProperty.call(fm.data, 'review_interval')) {
      const rawInterval = fm.data.review_interval;
      const interval = typeof rawInterval === 'string' ? parseInterval(rawInterval) : undefined;
      if (interval) candidates.push({ due: addInterval(last, interval), label: formatInterval(interval) });
      else {
        const fallback = options.maxAgeDays !== undefined ? `${options.maxAgeDays} days (maxAgeDays)` : '365 days';
        report({ messageId: 'badInterval', range: valueRange(doc, 'review_interval'), data: { status: 'invalid' satisfies ReviewFindingStatus, value: quoted(rawInterval), fallback } });
      }
    }
    if (options.maxAgeDays !== undefined) {
      const days = options.maxAgeDays;
      candidates.push({ due: addInterval(last, { years: 0, months: 0, days }), label: `${plural(days, 'day')} (maxAgeDays in the configuration)` });
    }
    if (candidates.length === 0) candidates.push({ due: addInterval(last, DEFAULT_INTERVAL), label: formatInterval(DEFAULT_INTERVAL) });
    // The stricter (earlier) due date wins.
    const { due, label } = candidates.reduce((a, b) => (toDayNumber(b.due) < toDayNumber(a.due) ? b : a));
    const dueDay = toDayNumber(due);
    const dueText = formatDate(due);
    const ago = todayDay - lastDay;
    const agoText = ago === 0 ? 'today' : `${plural(ago, 'day')} ago`;

    if (todayDay > dueDay) {
      const overdue = todayDay - dueDay;
      report({
        messageId: 'overdue',
        range,
        data: { status: 'overdue' satisfies ReviewFindingStatus, lastReviewed: lastText, dueDate: dueText, daysOverdue: overdue, ago: agoText, interval: label, overdueText: plural(overdue, 'day') },
      });
      return;
    }
    const left = dueDay - todayDay;
    if (options.warnDaysBefore > 0 && left <= options.warnDaysBefore) {
      report({
        messageId: 'dueSoon',
        range,
        severity: 'warning',
        data: { status: 'due-soon' satisfies ReviewFindingStatus, lastReviewed: lastText, dueDate: dueText, daysLeft: left, when: left === 0 ? 'today' : `in ${plural(left, 'day')}`, ago: agoText, interval: label },
      });
    }
  },
});
