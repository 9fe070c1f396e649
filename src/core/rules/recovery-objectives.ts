import { shorten } from '../text.js';
import { defineRule } from '../rule.js';
import { hasTemplateText } from './util/placeholders.js';
import { rangeForPointer, subtree, type RunbookDocument, type SectionNode, type TableInfo } from '../model.js';
import { sectionsForRule } from '../sections/for-rule.js';
import type { Range } from '../types.js';
import { sourceOf, textUnits, tightRange } from './util/entries.js';
import { cellRange, cellText, normalizeHeader } from './util/tables.js';
import { findDurations, formatMinutes, isBareNumber, VAGUE_DURATION } from './util/durations.js';

/**
 * RTO and RPO as testable durations (NIST SP 800-34 §4.1 and App. L: RTO/RPO per system from the
 * BIA), every row of a per-system table included; and, when an MTD is given, RTO ≤ MTD.
 */

type Objective = 'rto' | 'rpo' | 'mtd';

interface Entry {
  objective: Objective;
  system?: string;
  value: string;
  range: Range;
  source: 'field' | 'table' | 'frontmatter' | 'prose';
  /** Unit given by the table header (`RTO (hours)`), for bare numbers. */
  headerUnit?: number;
  /** Front-matter value was a YAML number. */
  numeric?: boolean;
}

const NAMES: Record<Objective, string> = { rto: 'RTO', rpo: 'RPO', mtd: 'MTD' };
const LONG: Record<Objective, string> = { rto: 'Recovery Time Objective', rpo: 'Recovery Point Objective', mtd: 'maximum tolerable downtime' };
const EXAMPLE: Record<Objective, string> = { rto: '"4h", "30 min" or "PT4H"', rpo: '"15 min", "0 min" or "PT15M"', mtd: '"8h", "1 day" or "P1D"' };

function classify(label: string): Objective | undefined {
  const t = normalizeHeader(label);
  if (/\b(?:rto|rtos)\b|recovery time(?: objective)?|target recovery time/.test(t) && !/\b(?:rto|recovery time)\b.*\b(?:actual|achieved|tested|measured|result)\b|\b(?:actual|achieved|tested|measured)\b.*\b(?:rto|recovery time)\b/.test(t)) return 'rto';
  if (/\b(?:rpo|rpos)\b|recovery point(?: objective)?|(?:max(?:imum)?|acceptable|tolerable|allowable) data loss/.test(t)) return 'rpo';
  if (/\b(?:mtd|mtpd|mao|mtpod)\b|max(?:imum)? tolerable(?: period of)? (?:downtime|disruption|outage)|tolerable downtime|max(?:imum)? (?:allowable|acceptable) (?:downtime|outage)/.test(t)) return 'mtd';
  return undefined;
}

/** The system a label names besides the objective: `RTO (Payment Gateway API)` → `Payment Gateway API`. */
function systemOf(label: string): string | undefined {
  const rest = label
    .replace(/\*\*|__/g, '')
    .replace(/recovery time objective|recovery point objective|maximum tolerable (?:period of )?(?:downtime|disruption)|max(?:imum)? tolerable downtime|\b(?:RTO|RPO|MTD|MTPD|MAO)s?\b/gi, ' ')
    .replace(/\b(?:target|targets|objective|objectives|overall|agreed|default|max(?:imum)?|min(?:imum)?|the|our|system-wide|global)\b/gi, ' ')
    .replace(/^[\s(:–—-]*(?:for|of)?\s*|[\s):–—-]+$/gi, '')
    .replace(/^\(|\)$/g, '')
    .trim();
  return rest && /\p{L}/u.test(rest) ? rest : undefined;
}

const UNIT_IN_HEADER: Array<[RegExp, number]> = [
  [/\b(?:min|mins|minutes)\b/, 1],
  [/\b(?:h|hr|hrs|hours)\b/, 60],
  [/\b(?:d|days)\b/, 1440],
  [/\b(?:s|sec|secs|seconds)\b/, 1 / 60],
];

function headerUnit(header: string): number | undefined {
  const t = normalizeHeader(header);
  for (const [re, minutes] of UNIT_IN_HEADER) if (re.test(t)) return minutes;
  return undefined;
}

/** An RPO of zero said in words (synchronous replication). */
const ZERO_LOSS = /^(?:zero|nil|no data loss|zero data loss)\b/i;
const SYSTEM_COLUMNS = /^(?:system|systems|service|services|application|applications|app|component|function|business function|process|business process|asset|workload|platform|product|name|tier)\b/;
const INLINE_SPLIT = /(?:[,;|]|\band\b)\s*(?:\*\*|__)?\s*(RTO|RPO|MTD|MTPD)\b\s*(?:\*\*|__)?\s*[:=]\s*(?:\*\*|__)?\s*/i;
const PROSE = /\b(RTO|RPO|MTD|MTPD|recovery time objective|recovery point objective|maximum tolerable downtime)\b(?:\s*\((?:RTO|RPO|MTD)\))?\s+(?:(?:for [^.;,]{1,60}?\s+)?(?:is|are|of|=|[–—-]|will be|must be|shall be|stays?|remains?)\s+)(?:set (?:at|to)\s+)?([^.;\n]+)/gi;
const PROSE_BEFORE = /(\b\d+(?:[.,]\d+)?\s*-?\s*(?:minutes?|mins?|hours?|hrs?|h|days?|seconds?)|\bPT?\d[\dHMSDTW]*)\s*-?\s*(RTO|RPO|MTD)\b/gi;

interface Options {
  required: Objective[];
}

/** What is wrong with one given value: a message id of the rule and the words it needs. */
interface ValueProblem {
  messageId: 'empty' | 'noUnit' | 'notADuration';
  data: Record<string, unknown>;
}

export default defineRule<Options>({
  meta: {
    id: 'recovery-objectives',
    severity: 'error',
    description: 'RTO or RPO is missing or not a duration (4h, 30 min, PT4H), in the Recovery Objectives section or the front matter; RTO exceeds the MTD.',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        required: { type: 'array', items: { enum: ['rto', 'rpo'] }, uniqueItems: true, description: 'Objectives the Recovery Objectives section (or front matter) must give.' },
      },
      additionalProperties: false,
      examples: [{ required: ['rto'] }],
    },
    defaultOptions: { required: ['rto', 'rpo'] },
    messages: {
      // `name` is e.g. `RTO for "Payments"`, or `` `rto` in the front matter ``.
      empty: '{{name}} is empty; expected a duration such as {{example}}.',
      noUnit: '{{name}} is "{{bare}}" without a unit (minutes? hours?); add a unit, e.g. "{{bare}}h" or "{{bare}} min".',
      notADuration: '{{name}} is "{{shown}}", not a duration{{vague}}; expected e.g. {{example}}.',
      missing: 'Section "{{heading}}" gives no {{name}} ({{longName}}); expected a line such as {{example}}, a table with an {{name}} column per system, or `{{objective}}` in the front matter.',
      exceedsMtd: 'RTO "{{rto}}"{{rtoDuration}}{{forSystem}} is longer than the MTD "{{mtd}}"{{mtdDuration}}; the RTO must not exceed the maximum tolerable downtime.',
    },
  },
  check({ doc, options, report }) {
    // A glossary that defines RTO and RPO is not where the plan sets them.
    const section = sectionsForRule(doc, 'recovery-objectives').find((s) => !GLOSSARY_HEADING.test(s.heading));
    const fm = doc.model.frontmatter ?? {};
    const fmEntries = frontmatterEntries(doc, fm);
    // RTO/RPO tables outside the section (an appendix, a BIA table under Dependencies) are read too.
    const elsewhere = tablesElsewhere(doc, section);
    if (!section && fmEntries.length === 0 && elsewhere.length === 0) return;
    const { required } = options;

    const entries = [...fmEntries, ...(section ? sectionEntries(doc, section) : []), ...elsewhere];
    const parsed = new Map<Entry, number>();
    for (const entry of entries) {
      const problem = valueProblem(entry);
      if (problem === undefined) {
        parsed.set(entry, minutesOf(entry)!);
        continue;
      }
      if (entry.source === 'prose') continue; // prose only ever confirms
      if (entry.objective === 'mtd' && !entry.value.trim()) continue; // an empty MTD cell: no MTD given
      report({ messageId: problem.messageId, range: entry.range, data: { objective: entry.objective, system: entry.system, value: entry.value, ...problem.data } });
    }

    if (section) {
      for (const objective of required) {
        if (entries.some((e) => e.objective === objective && (e.source !== 'prose' || parsed.has(e)))) continue;
        const example = objective === 'rto' ? '"RTO: 4h"' : '"RPO: 15 min"';
        report({
          messageId: 'missing',
          range: section.headingRange,
          data: { objective, missing: true, heading: section.heading, name: NAMES[objective], longName: LONG[objective], example },
        });
      }
    }

    // RTO ≤ MTD, per system where both are given per system, else against the general MTD.
    const mtds = entries.filter((e) => e.objective === 'mtd' && parsed.has(e));
    for (const rto of entries.filter((e) => e.objective === 'rto' && parsed.has(e))) {
      const mtd = mtds.find((m) => m.system && rto.system && sameSystem(m.system, rto.system)) ?? mtds.find((m) => !m.system) ?? (rto.system ? undefined : mtds.length === 1 ? mtds[0] : undefined);
      if (!mtd) continue;
      const r = parsed.get(rto)!;
      const m = parsed.get(mtd)!;
      if (r > m) {
        // ISO 8601 durations (PT4H) are spelt out in brackets.
        const iso = /^\s*P/i.test(rto.value) || /^\s*P/i.test(mtd.value);
        report({
          messageId: 'exceedsMtd',
          range: rto.range,
          data: {
            objective: 'rto', system: rto.system, rtoMinutes: r, mtdMinutes: m,
            rto: rto.value, mtd: mtd.value, forSystem: rto.system ? ` for "${rto.system}"` : '',
            rtoDuration: iso ? ` (${formatMinutes(r)})` : '', mtdDuration: iso ? ` (${formatMinutes(m)})` : '',
          },
        });
      }
    }
  },
});

function sameSystem(a: string, b: string): boolean {
  return normalizeHeader(a) === normalizeHeader(b);
}

/** `0 (replicated)`, `4h (business hours)`: the value without a trailing remark in brackets. */
function valueOf(entry: Entry): string {
  const v = entry.value.trim();
  const bare = v.replace(/\s*\([^()]*\)\s*$/, '').trim();
  return bare || v;
}

function minutesOf(entry: Entry): number | undefined {
  const v = valueOf(entry);
  if (isBareNumber(v)) {
    const n = Number(v.replace(',', '.'));
    if (n === 0) return 0;
    return entry.headerUnit !== undefined ? n * entry.headerUnit : undefined;
  }
  if (entry.objective === 'rpo' && ZERO_LOSS.test(v)) return 0;
  return findDurations(v)[0]?.minutes;
}

/** Why the value is not a usable duration, or undefined when it is. */
function valueProblem(entry: Entry): ValueProblem | undefined {
  const v = valueOf(entry);
  const who = entry.system ? ` for "${entry.system}"` : '';
  const name = entry.source === 'frontmatter' ? `\`${entry.objective}\` in the front matter` : `${NAMES[entry.objective]}${who}`;
  const example = EXAMPLE[entry.objective];
  if (!v) return { messageId: 'empty', data: { name, example } };
  // "[insert RPO]" / "TBD" are placeholder-text's findings: one unfinished value, one finding.
  if (hasTemplateText(v)) return undefined;
  if (isBareNumber(v)) {
    if (Number(v.replace(',', '.')) === 0 || entry.headerUnit !== undefined) return undefined;
    return { messageId: 'noUnit', data: { name, bare: v } };
  }
  if (entry.objective === 'rpo' && ZERO_LOSS.test(v)) return undefined;
  const duration = findDurations(v)[0];
  if (!duration || (duration.kind === 'immediate' && entry.objective !== 'rpo')) {
    const vague = VAGUE_DURATION.test(v) ? ', which cannot be tested' : '';
    return { messageId: 'notADuration', data: { name, shown: shorten(v, 40), vague, example } };
  }
  return undefined;
}

function frontmatterEntries(doc: RunbookDocument, fm: Record<string, unknown>): Entry[] {
  const out: Entry[] = [];
  for (const objective of ['rto', 'rpo', 'mtd'] as Objective[]) {
    if (!(objective in fm)) continue;
    const value = fm[objective];
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string' && typeof value !== 'number') continue; // lists/maps: the schema reports those
    out.push({ objective, value: String(value), range: rangeForPointer(doc, `/frontmatter/${objective}`), source: 'frontmatter', numeric: typeof value === 'number' });
  }
  return out;
}

function sectionEntries(doc: RunbookDocument, section: SectionNode): Entry[] {
  const out: Entry[] = [];
  const covered: Range[] = [];
  for (const s of subtree(section)) {
    const sectionSystem = s === section ? undefined : s.heading;
    // A glossary ("Definitions", "Terms") explains the words; its `RTO: Maximum acceptable downtime.` is no objective.
    if (GLOSSARY_HEADING.test(s.heading)) continue;
    // `### Critical Systems (RTO: 4 hours, RPO: 1 hour)`: objectives given in a sub-heading.
    if (s !== section) out.push(...headingEntries(doc, s));
    for (const field of s.fields) {
      const objective = classify(field.label);
      if (!objective) continue;
      covered.push(field.range);
      if (isDefinition(field.value)) continue;
      const system = systemOf(field.label) ?? (classify(s.heading) ? undefined : sectionSystem);
      // `RTO: 4h, RPO: 15 min` on one line: split at the next objective label.
      let raw = sourceOf(doc, field.valueRange);
      let start = field.valueRange.start.offset;
      let current: Objective = objective;
      for (;;) {
        const m = INLINE_SPLIT.exec(raw);
        const value = stripEmphasis(m ? raw.slice(0, m.index) : raw);
        const lead = raw.indexOf(value.trim());
        const vs = start + Math.max(0, lead);
        out.push({ objective: current, system, value: value.trim(), range: doc.lines.range(vs, vs + value.trim().length), source: 'field' });
        if (!m) break;
        const next = classify(m[1]!)!;
        start += m.index + m[0].length;
        raw = raw.slice(m.index + m[0].length);
        current = next;
      }
    }
    for (const table of s.tables) out.push(...tableEntries(table, sectionSystem));
    for (const table of s.tables) covered.push(table.range);
  }
  // Prose ("The RTO is 4 hours.") confirms an objective the fields and tables do not give.
  for (const unit of textUnits(doc, section)) {
    if (unit.kind !== 'paragraph' || covered.some((r) => r.start.offset <= unit.range.start.offset && unit.range.end.offset <= r.end.offset)) continue;
    for (const m of unit.text.matchAll(PROSE)) {
      const objective = classify(m[1]!);
      if (objective) out.push({ objective, value: m[2]!.trim(), range: unit.range, source: 'prose' });
    }
    for (const m of unit.text.matchAll(PROSE_BEFORE)) {
      const objective = classify(m[2]!);
      if (objective) out.push({ objective, value: m[1]!.replace(/-$/, '').trim(), range: unit.range, source: 'prose' });
    }
  }
  return out;
}

/**
 * Per-system objective tables (an RTO or RPO column) in sections outside the objectives section.
 * Only column tables count there: a key/value row such as `| RTO | … |` elsewhere may be prose about
 * the term, but a column headed RTO holds one objective per row.
 */
function tablesElsewhere(doc: RunbookDocument, section: SectionNode | undefined): Entry[] {
  const inside = new Set(section ? subtree(section) : []);
  const out: Entry[] = [];
  for (const s of doc.sections) {
    if (inside.has(s)) continue;
    for (const table of s.tables) {
      const objectives = table.headers.map((h) => classify(h));
      if (!objectives.some((o) => o === 'rto' || o === 'rpo')) continue;
      out.push(...tableEntries(table, undefined));
    }
  }
  return out;
}

const GLOSSARY_HEADING = /\b(?:definitions?|glossary|terms|terminology|acronyms|abbreviations)\b/i;
/** `Maximum acceptable downtime.`, `The target time to restore…`: what the term means, not a value. */
const DEFINITION = /^(?:the |a |an )?(?:max(?:imum)?|min(?:imum)?|target(?:ed)?|time|amount|period|point in time|duration|length|how (?:long|much)|acceptable|tolerable|allowable|measure)\b/i;

function isDefinition(value: string): boolean {
  return DEFINITION.test(value.trim()) && findDurations(value).length === 0;
}

/** `RTO: 4 hours, RPO: 1 hour` inside a sub-heading, for the system the heading names. */
function headingEntries(doc: RunbookDocument, s: SectionNode): Entry[] {
  const out: Entry[] = [];
  const system = s.heading.replace(/\s*[(:].*$/, '').trim() || undefined;
  for (const m of s.heading.matchAll(/\b(RTO|RPO|MTD|MTPD)\s*[:=]\s*([^,;()]+?)\s*(?=[,;)]|$)/gi)) {
    const objective = classify(m[1]!);
    if (!objective) continue;
    out.push({ objective, system, value: m[2]!.trim(), range: tightRange(doc, s.headingRange, m[2]!.trim()), source: 'field' });
  }
  return out;
}

function tableEntries(table: TableInfo, sectionSystem: string | undefined): Entry[] {
  const out: Entry[] = [];
  const objectiveColumns = table.headers.map((h) => classify(h));
  if (objectiveColumns.some(Boolean)) {
    // One row per system, one column per objective.
    let systemCol = table.headers.findIndex((h, i) => !objectiveColumns[i] && SYSTEM_COLUMNS.test(normalizeHeader(h)));
    if (systemCol < 0) systemCol = objectiveColumns.findIndex((o) => !o);
    table.rows.forEach((_, r) => {
      const system = (systemCol >= 0 ? cellText(table, r, systemCol).trim() : '') || sectionSystem || `row ${r + 1}`;
      objectiveColumns.forEach((objective, c) => {
        if (!objective) return;
        out.push({ objective, system, value: cellText(table, r, c).trim(), range: cellRange(table, r, c), source: 'table', headerUnit: headerUnit(table.headers[c]!) });
      });
    });
    return out;
  }
  // Key/value tables: `| RTO | 4h |`, or `| Objective | System A | System B |`.
  table.rows.forEach((_, r) => {
    const objective = classify(cellText(table, r, 0));
    if (!objective || table.headers.length < 2) return;
    const valueColumns = table.headers.map((_, i) => i).filter((i) => i > 0);
    const perSystem = valueColumns.length > 1 && valueColumns.every((i) => !/^(?:value|target|objective|objectives|time|duration|goal|notes?|comments?|rationale|description)$/.test(normalizeHeader(table.headers[i]!)));
    for (const c of perSystem ? valueColumns : [valueColumns[0]!]) {
      out.push({ objective, system: perSystem ? table.headers[c] : (systemOf(cellText(table, r, 0)) ?? sectionSystem), value: cellText(table, r, c).trim(), range: cellRange(table, r, c), source: 'table', headerUnit: headerUnit(cellText(table, r, 0)) });
    }
  });
  return out;
}

function stripEmphasis(value: string): string {
  return value.replace(/^\s*(?:\*\*|__|\*|_)|(?:\*\*|__|\*|_)\s*$/g, '');
}

