/**
 * Durations in runbook prose and fields, parsed to minutes (pure).
 *
 * Human forms: `4h`, `4 hours`, `4 hrs`, `30 min`, `30m`, `1.5 hours`, `1h 30m`, `1 hour and 30 minutes`,
 * `4-hour`, `one hour`, `half an hour`, `1 business day`, ranges `2-4 hours` (the upper bound counts).
 * ISO-8601: `PT4H`, `PT15M`, `P1D`, `P1DT2H`, `P2W` (a year is 365 days, a month 30 days).
 * Words for "no delay": `immediately`, `at once`, `right away`, `straight away`, `instantly` (0 minutes).
 */

export interface DurationMatch {
  /** Length in minutes (seconds become fractions of a minute). */
  minutes: number;
  /** The matched source text. */
  text: string;
  /** Offsets of the match in the searched text. */
  index: number;
  end: number;
  kind: 'human' | 'iso' | 'immediate';
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, 'forty-five': 45, 'forty five': 45, sixty: 60, ninety: 90,
  'twenty-four': 24, 'twenty four': 24, 'forty-eight': 48, 'forty eight': 48, 'seventy-two': 72, 'seventy two': 72,
};

const UNIT_MINUTES: Array<[RegExp, number]> = [
  [/^(?:s|secs?|seconds?)$/i, 1 / 60],
  [/^(?:m|mins?|minutes?)$/i, 1],
  [/^(?:h|hrs?|hours?)$/i, 60],
  [/^(?:(?:business|working) days?|d|days?)$/i, 1440],
  [/^(?:w|wks?|weeks?)$/i, 10080],
  [/^(?:mo|mos|months?)$/i, 43200],
  [/^(?:y|yrs?|years?)$/i, 525600],
];

const NUM = String.raw`\d+(?:[.,]\d+)?`;
const WORD_NUM = String.raw`(?:half an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty[- ]four|twenty|thirty|forty[- ]five|forty[- ]eight|sixty|seventy[- ]two|ninety)`;
// Longer unit spellings first so `mins` is not read as `m` + `ins`.
const UNIT = String.raw`(?:(?:business|working)\s+days?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?|years?|yrs?|s|m|h|d|w|y)`;
const LONG_UNIT = String.raw`(?:(?:business|working)\s+days?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?)`;
/**
 * One `<number> <unit>` part (`4h`, `30 min`, `4-hour`, `1h` in `1h30m`); a range `2-4 hours` /
 * `2 to 4 hours` takes the upper bound. Word numbers need a space and a spelled-out unit (`an hour`,
 * never `as`).
 */
const PART = String.raw`(?:(${NUM})(?:\s*(?:-|–|to)\s*(${NUM}))?(?:\s*-\s*|\s*)(${UNIT})|(${WORD_NUM})(?:\s*-\s*|\s+)(${LONG_UNIT}))(?![\p{L}_])`;
const PART_RE = new RegExp(PART, 'iu');
/** Consecutive parts (`1h 30m`, `1 hour and 30 minutes`, `1h30m`). */
const HUMAN_RE = new RegExp(String.raw`(?<![\p{L}\p{N}_.,\-/#@])${PART}(?:(?:\s*,?\s*(?:and\s+)?|\s*)${PART})*`, 'giu');
const ISO_RE = /(?<![\p{L}\p{N}_])P(?=\d|T\d)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?(?![\p{L}\p{N}_])/giu;
const IMMEDIATE_RE = /(?<![\p{L}])(?:immediately|at once|right away|straight away|straightaway|instantly|without delay|no delay)(?![\p{L}])/giu;

function num(s: string | undefined): number {
  return s ? Number(s.replace(',', '.')) : 0;
}

function unitMinutes(unit: string): number | undefined {
  const u = unit.replace(/\s+/g, ' ');
  for (const [re, minutes] of UNIT_MINUTES) if (re.test(u)) return minutes;
  return undefined;
}

function partMinutes(part: string): number | undefined {
  const m = PART_RE.exec(part);
  if (!m) return undefined;
  const unit = unitMinutes(m[3] ?? m[5]!);
  if (unit === undefined) return undefined;
  let n: number;
  if (m[4]) {
    const w = m[4].toLowerCase().replace(/\s+/g, ' ');
    n = w.startsWith('half') ? 0.5 : (NUMBER_WORDS[w] ?? NUMBER_WORDS[w.replace(' ', '-')] ?? NaN);
  } else {
    n = Math.max(num(m[1]), num(m[2]));
  }
  return Number.isFinite(n) ? n * unit : undefined;
}

function isoMinutes(m: RegExpExecArray): number | undefined {
  if (m.slice(1).every((g) => g === undefined)) return undefined;
  return num(m[1]) * 525600 + num(m[2]) * 43200 + num(m[3]) * 10080 + num(m[4]) * 1440 + num(m[5]) * 60 + num(m[6]) + num(m[7]) / 60;
}

/**
 * Every duration in `text`, in order of position, without overlaps. A bare `m`/`s`/`h` unit glued to
 * other letters (`m365`, `SEV-1s`) does not count; neither do phone numbers or times (`02:00`).
 */
export function findDurations(text: string): DurationMatch[] {
  const out: DurationMatch[] = [];
  for (const m of text.matchAll(ISO_RE)) {
    const minutes = isoMinutes(m);
    if (minutes !== undefined) out.push({ minutes, text: m[0], index: m.index!, end: m.index! + m[0].length, kind: 'iso' });
  }
  for (const m of text.matchAll(HUMAN_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((d) => d.index < end && start < d.end)) continue;
    // Split the run back into parts and add them up.
    let minutes = 0;
    let ok = true;
    const partGlobal = new RegExp(PART, 'giu');
    for (const p of m[0].matchAll(partGlobal)) {
      const v = partMinutes(p[0]);
      if (v === undefined) ok = false;
      else minutes += v;
    }
    // `24x7`, `9-5` and the like have no unit and never match.
    if (ok) out.push({ minutes, text: m[0], index: start, end, kind: 'human' });
  }
  for (const m of text.matchAll(IMMEDIATE_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!out.some((d) => d.index < end && start < d.end)) out.push({ minutes: 0, text: m[0], index: start, end, kind: 'immediate' });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** The first duration in a value such as `4h`, `< 4 hours`, `PT4H`, `within 1 business day`; undefined if none. */
export function parseDuration(value: string): DurationMatch | undefined {
  return findDurations(value)[0];
}

/** `15`, `4.5`: a number without a unit (ambiguous: minutes? hours?). */
export function isBareNumber(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && /^\s*\d+(?:[.,]\d+)?\s*$/.test(value);
}

/** Words that say a duration is not known yet (`ASAP`, `TBD`, `soon`…); they are not durations. */
export const VAGUE_DURATION = /\b(?:asap|as soon as possible|tb[dca]|to be (?:determined|confirmed|agreed|defined)|soon|unknown|n\/a|none|not (?:set|defined|known|applicable)|best effort|quickly|fast|promptly|urgent(?:ly)?|varies|depends)\b|\?\?+/i;

/** 240 → `4 h`, 90 → `1 h 30 min`, 15 → `15 min`, 2880 → `2 d`, 0.5 → `30 s`. */
export function formatMinutes(minutes: number): string {
  if (minutes === 0) return '0 min';
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  const parts: string[] = [];
  let rest = Math.round(minutes);
  const days = Math.floor(rest / 1440);
  rest -= days * 1440;
  const hours = Math.floor(rest / 60);
  rest -= hours * 60;
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (rest) parts.push(`${rest} min`);
  return parts.join(' ');
}
