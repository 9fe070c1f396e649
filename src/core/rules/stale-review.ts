import { defineRule } from '../rule.js';
import type { RunbookDocument } from '../model.js';
import type { Range } from '../types.js';
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

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 40 ? text.slice(0, 37) + '…' : text);
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** `last_reviewed` must be a real date, not in the future, and not older than the review interval. */
export default defineRule({
  meta: {
    id: 'stale-review',
    severity: 'error',
    description: 'last_reviewed is older than review_interval (default 365 days), in the future, or not a date.',
    docs: 'rule-stale-review',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        maxAgeDays: { type: 'integer', minimum: 1, description: 'Maximum days between reviews; the stricter of this and the runbook\'s review_interval applies.' },
        warnDaysBefore: { type: 'integer', minimum: 0, description: 'Warn this many days before a review falls due (0: off).' },
      },
      additionalProperties: false,
    },
    defaultOptions: { warnDaysBefore: 0 },
  },
  check({ doc, options, now, report }) {
    const fm = doc.frontmatter;
    // No front matter or no last_reviewed: the `frontmatter` rule reports the missing key.
    if (!fm || !Object.prototype.hasOwnProperty.call(fm.data, 'last_reviewed')) return;
    const raw = fm.data.last_reviewed;
    const range = valueRange(doc, 'last_reviewed');

    if (raw === null || raw === undefined || raw === '') {
      report({ message: 'last_reviewed is empty; expected the ISO date (YYYY-MM-DD) of the last full review, e.g. "last_reviewed: 2026-09-15".', range });
      return;
    }
    const parsed = typeof raw === 'string' ? parseIsoDate(raw) : parseIsoDate(String(raw));
    if (typeof raw !== 'string' || !parsed.ok) {
      const reason = parsed.ok ? 'is not an ISO date (YYYY-MM-DD)' : parsed.reason;
      report({ message: `last_reviewed ${shown(raw)} ${reason}; write the day of the last full review as YYYY-MM-DD, e.g. "last_reviewed: 2026-09-15".`, range });
      return;
    }
    const last = parsed.date;
    const lastText = formatDate(last);
    const today = utcDate(now);
    const todayDay = toDayNumber(today);
    const lastDay = toDayNumber(last);

    if (lastDay > toDayNumber(utcDate(new Date(now.getTime() + LATEST_ZONE_MS)))) {
      report({
        message: `last_reviewed ${lastText} is in the future (today is ${formatDate(today)}); use the date the review actually took place.`,
        range,
        data: { lastReviewed: lastText },
      });
      return;
    }

    // Which interval applies: the runbook's own, the configured maximum, or the 365-day default.
    const candidates: Array<{ due: CalendarDate; label: string }> = [];
    if (Object.prototype.hasOwnProperty.call(fm.data, 'review_interval')) {
      const rawInterval = fm.data.review_interval;
      const interval = typeof rawInterval === 'string' ? parseInterval(rawInterval) : undefined;
      if (interval) candidates.push({ due: addInterval(last, interval), label: formatInterval(interval) });
      else {
        const fallback = typeof options.maxAgeDays === 'number' ? `${options.maxAgeDays} days (maxAgeDays)` : '365 days';
        report({
          message: `review_interval ${shown(rawInterval)} is not a duration; expected e.g. "365 days", "6 months", "1 year" or "P1Y". Checking the review date against ${fallback} instead.`,
          range: valueRange(doc, 'review_interval'),
        });
      }
    }
    if (typeof options.maxAgeDays === 'number') {
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
        message: `Last reviewed ${lastText}, ${agoText}; the review interval is ${label}, so a review was due on ${dueText}. It is ${plural(overdue, 'day')} overdue: review the runbook, then update last_reviewed.`,
        range,
        data: { lastReviewed: lastText, dueDate: dueText, daysOverdue: overdue },
      });
      return;
    }
    const warnDays = typeof options.warnDaysBefore === 'number' ? options.warnDaysBefore : 0;
    const left = dueDay - todayDay;
    if (warnDays > 0 && left <= warnDays) {
      report({
        message: `Review due ${left === 0 ? 'today' : `in ${plural(left, 'day')}`}, on ${dueText}: last reviewed ${lastText}, ${agoText}; the review interval is ${label}.`,
        range,
        severity: 'warning',
        data: { lastReviewed: lastText, dueDate: dueText, daysLeft: left },
      });
    }
  },
});
