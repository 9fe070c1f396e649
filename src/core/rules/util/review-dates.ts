import { plural } from '../../text.js';
/** Calendar dates and review intervals for front-matter review checks (UTC, pure). */

export interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export type DateParse = { ok: true; date: CalendarDate } | { ok: false; reason: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A strict ISO-8601 calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export function parseIsoDate(value: string): DateParse {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return { ok: false, reason: 'is not an ISO date (YYYY-MM-DD)' };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return { ok: false, reason: `is not a real date (there is no month ${month})` };
  const max = daysInMonth(year, month);
  if (day < 1 || day > max) return { ok: false, reason: `is not a real date (${MONTHS[month - 1]} ${year} has ${max} days)` };
  return { ok: true, date: { year, month, day } };
}

export function toDayNumber(d: CalendarDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

export function fromDayNumber(n: number): CalendarDate {
  const date = new Date(n * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): CalendarDate {
  return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() };
}

export interface Interval {
  years: number;
  months: number;
  days: number; // weeks folded in as 7 days
}

const UNIT = /^(?:(d|days?)|(w|wks?|weeks?)|(mo|mos|months?)|(y|yrs?|years?))$/i;

/**
 * `365 days`, `6 months`, `1 year`, `2 weeks`, `90d`, and ISO-8601 `P1Y`, `P6M`, `P90D`, `P2W`, `P1Y6M`.
 * Returns undefined for anything else (including a zero interval).
 */
export function parseInterval(value: string): Interval | undefined {
  const text = value.trim();
  const iso = /^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/i.exec(text);
  if (iso) {
    const interval = { years: Number(iso[1] ?? 0), months: Number(iso[2] ?? 0), days: Number(iso[3] ?? 0) * 7 + Number(iso[4] ?? 0) };
    return isZero(interval) ? undefined : interval;
  }
  const interval: Interval = { years: 0, months: 0, days: 0 };
  const parts = text.split(/\s*(?:,|\band\b)\s*|\s+(?=\d)/i).filter(Boolean);
  if (parts.length === 0) return undefined;
  for (const part of parts) {
    const m = /^(\d+)\s*([a-z]+)$/i.exec(part.trim());
    if (!m) return undefined;
    const n = Number(m[1]);
    const unit = UNIT.exec(m[2]!);
    if (!unit) return undefined;
    if (unit[1]) interval.days += n;
    else if (unit[2]) interval.days += n * 7;
    else if (unit[3]) interval.months += n;
    else interval.years += n;
  }
  return isZero(interval) ? undefined : interval;
}

function isZero(i: Interval): boolean {
  return i.years === 0 && i.months === 0 && i.days === 0;
}

/** Calendar addition: years and months first (clamped to the month's last day), then days. */
export function addInterval(d: CalendarDate, i: Interval): CalendarDate {
  const totalMonths = d.year * 12 + (d.month - 1) + i.years * 12 + i.months;
  const year = Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  const day = Math.min(d.day, daysInMonth(year, month));
  return fromDayNumber(toDayNumber({ year, month, day }) + i.days);
}


/** `1 year`, `6 months`, `90 days`, `1 year 6 months`. */
export function formatInterval(i: Interval): string {
  const parts: string[] = [];
  if (i.years) parts.push(plural(i.years, 'year'));
  if (i.months) parts.push(plural(i.months, 'month'));
  // `P2W` reads as "2 weeks"; longer spans read best in days (`90 days`, `365 days`).
  if (i.days) parts.push(parts.length === 0 && i.days % 7 === 0 && i.days <= 28 ? plural(i.days / 7, 'week') : plural(i.days, 'day'));
  return parts.join(' ') || '0 days';
}
