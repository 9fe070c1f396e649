import { defineRule } from '../rule.js';
import { escapeRegExp, LineIndex } from '../text.js';
import { subtree, type RunbookDocument, type SectionNode } from '../model.js';
import type { SchemaInfo } from '../schema.js';
import type { Range } from '../types.js';
import type { TextScanner } from '../scan-memo.js';
import { closedTagNames, isHtmlTagName, maskNonProse } from './util/prose-mask.js';
import {
  BLANK_LINE, DATE_TEMPLATE, DOLLAR_CURLY, DOUBLE_CURLY, FORMAT_CONTEXT, PERCENT_VAR, PHONE_TEMPLATE, SHELL_LINE,
  bracketIsTemplate, codeSpanIsPlaceholder, isEnvVar, isPhoneTemplate,
} from './util/placeholders.js';
import { normalizeHeader } from './util/tables.js';

interface Candidate {
  start: number;
  end: number;
  text: string;
  /** `marker`: TODO/TBD/[insert …], an author's note; `slot`: a blank a template leaves to fill in. */
  kind: 'marker' | 'slot';
}

// A letter or digit on either side means the word is part of a longer word or identifier (`TODOS`, `MY_TODO_LIST`).
const BEFORE = String.raw`(?<![\p{L}\p{N}])(?<![\p{L}\p{N}]_)`;
const AFTER = String.raw`(?![\p{L}\p{N}])(?!_[\p{L}\p{N}])`;

/** Template markers in prose. Each pattern's whole match is the placeholder. */
const PATTERNS: RegExp[] = [
  // `[insert date]`, `[Insert the RTO here]`: the snippet/quick-fix form, any case.
  /\[[^\S\r\n]*insert\b[^\]\r\n]{0,100}\]/giu,
  // `TBD`, `TODO`, `XXX`, `FIXME` (upper case; "todo list" in prose is fine). `tbd` in any case.
  new RegExp(`${BEFORE}(?:TODO|XXX|FIXME|[Tt][Bb][Dd])${AFTER}`, 'gu'),
  /\blorem ipsum\b/giu,
  /\?{3,}/gu,
];

/** `{RTO hours}`: NIST template style. Not `${VAR}`, `{{ template }}`, `%{x}`, JSON, LaTeX, regex quantifiers. */
const CURLY = /(?<![$%#\\{\p{L}\p{N}_])\{([\p{L}][\p{L}\p{N} _.,'’/&()+-]{0,79})\}(?!\})/gu;

/** `[Name]`, `[Department/Agency Name]`: FEMA template style. Links, references, task boxes, footnotes and alerts are excluded below. */
const BRACKET = /(?<![\]!\\\p{L}\p{N}_`])\[([^\[\]\r\n]{1,100})\](?![(\[:])/gu;

/** `<team name>`, `<phone>`: angle-bracket placeholders (real HTML tags are excluded below). */
const ANGLE = /(?<![\p{L}\p{N}\\])<([\p{L}][\p{L}\p{N} _.'’/|&-]{0,79})>|&lt;([\p{L}][\p{L}\p{N} _.'’/|&-]{0,79})&gt;/gu;

// UI paths: `Settings -> [Integrations] -> [Expand]`.
const NAV_BEFORE = /(?:->|→|»|>)[^\S\r\n]*$/;
const NAV_AFTER = /^[^\S\r\n]*(?:->|→|»)/;

function curlyIsTemplate(inner: string): boolean {
  // `{a,b}` brace expansion and `{0,3}` quantifiers are code-ish; a template has a word.
  if (/^[\p{L}\p{N}_-]*(?:,[\p{L}\p{N}_-]*)+$/u.test(inner)) return false;
  return /\p{L}{2,}/u.test(inner);
}

const EXAMPLE_QUOTE = /\b(?:e\.\s?g\.|for example|for instance|such as|say|says|said|announces?|e\.g\.,)[^"“”\n]{0,20}["“][^"”\n]*$/i;

/**
 * Headings of message templates and scripts ("Templates", "Call script", "Reference: Initial
 * Response Call Structure", "Example announcement"): their slots are filled in during each incident by
 * design, so only author notes (TODO, TBD, [insert …]) are reported there.
 */
const TEMPLATE_HEADING = /\b(?:templates?|scripts?|samples?|examples?|boilerplate|wording|call structure)\b/i;

/**
 * Line bounds of a scanned text, indexed once on first use: searching back for the line start per
 * candidate scanned the whole text when it has no `\r` (quadratic on big documents).
 */
class Lines {
  private index?: LineIndex;
  constructor(private readonly text: string) {}
  private get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }
  /** Offset where the line holding `at` starts. */
  start(at: number): number {
    return this.lines.lineStart(this.lines.point(at).line);
  }
  /** The source line holding offset `at`. */
  around(at: number): string {
    const line = this.lines.point(at).line;
    return this.text.slice(this.lines.lineStart(line), this.lines.lineEnd(line));
  }
}

/** Offset ranges of sections under a template heading (the heading's own subsections included). */
function templateRanges(doc: RunbookDocument): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const section of doc.sections) {
    if (!TEMPLATE_HEADING.test(section.heading)) continue;
    if (section.parent && TEMPLATE_HEADING.test(section.parent.heading)) continue;
    out.push([section.headingRange.end.offset, section.range.end.offset]);
  }
  return out;
}

/** A code span that is only a marker (`` `TODO` ``) is a placeholder as a value: after `Key:` or alone in a table cell. */
function bareMarkerIsValue(masked: string, lines: Lines, start: number, end: number): boolean {
  const before = masked.slice(lines.start(start), start);
  const after = masked.slice(end, end + 200).split(/[\r\n]/)[0]!;
  return (/:\s*(?:\*\*|__)?\s*$/.test(before) && /^\s*(?:\*\*|__)?\s*$/.test(after)) || (/\|\s*$/.test(before) && /^\s*\|/.test(after));
}

/** The sentence around `at` (for "use the format YYYY-MM-DD"); a soft line break does not end it. */
function sentenceAround(text: string, at: number, end: number): string {
  const before = text.slice(Math.max(0, at - 160), at);
  const after = text.slice(end, end + 100);
  const stops = [...before.matchAll(/[.!?]\s|\n[^\S\n]*\n|\||\n[^\S\n]*(?:[-*+]|\d+[.)])\s/g)];
  const last = stops[stops.length - 1];
  const from = last ? last.index! + last[0].length : 0;
  const to = after.search(/[.!?]\s|\n[^\S\n]*\n|\||\n[^\S\n]*(?:[-*+]|\d+[.)])\s/);
  return before.slice(from) + text.slice(at, end) + (to < 0 ? after : after.slice(0, to));
}

/** Find placeholders in `masked` (same offsets as the document) between `from` and `to`. */
function scan(masked: string, from: number, to: number, extra: RegExp | undefined, closed: Set<string>, out: Candidate[]): void {
  const slice = masked.slice(from, to);
  const lines = new Lines(slice);
  const add = (start: number, text: string, kind: Candidate['kind'] = 'slot'): void => {
    out.push({ start: from + start, end: from + start + text.length, text, kind });
  };
  for (const pattern of extra ? [...PATTERNS, extra] : PATTERNS) for (const m of slice.matchAll(pattern)) add(m.index!, m[0], 'marker');
  for (const m of slice.matchAll(CURLY)) if (curlyIsTemplate(m[1]!)) add(m.index!, m[0]);
  // `{{ site.baseurl }}`, `{{ page.path | relative_url }}`: a site generator's expression, filled in when the page is built.
  for (const m of slice.matchAll(DOUBLE_CURLY)) if (!/[.|(]/.test(m[1]!)) add(m.index!, m[0]);
  for (const m of slice.matchAll(DOLLAR_CURLY)) {
    // `${HOME}`, a variable inside a path or an assignment (`${BACKUP_DIR}/db`) or on a shell line is shell text.
    const around = slice.slice(Math.max(0, m.index! - 1), m.index!) + slice.slice(m.index! + m[0].length, m.index! + m[0].length + 1);
    if (!isEnvVar(m[1]!) && !/[/=:.]/.test(around) && !SHELL_LINE.test(lines.around(m.index!))) add(m.index!, m[0]);
  }
  for (const m of slice.matchAll(PERCENT_VAR)) if (!isEnvVar(m[1]!)) add(m.index!, m[0]);
  for (const m of slice.matchAll(PHONE_TEMPLATE)) if (isPhoneTemplate(m[0])) add(m.index!, m[0]);
  for (const m of slice.matchAll(DATE_TEMPLATE)) if (!FORMAT_CONTEXT.test(sentenceAround(slice, m.index!, m.index! + m[0].length))) add(m.index!, m[0]);
  for (const m of slice.matchAll(BLANK_LINE)) add(m.index!, m[0]);
  for (const m of slice.matchAll(BRACKET)) {
    const at = m.index!;
    if (NAV_BEFORE.test(slice.slice(Math.max(0, at - 4), at)) || NAV_AFTER.test(slice.slice(at + m[0].length, at + m[0].length + 4))) continue;
    // `("IC, the timer for [TEAM]'s investigation is up.")`: a slot in a quoted example utterance.
    if (EXAMPLE_QUOTE.test(slice.slice(lines.start(at), at))) continue;
    if (bracketIsTemplate(m[1]!)) add(at, m[0]);
  }
  for (const m of slice.matchAll(ANGLE)) {
    const inner = (m[1] ?? m[2])!;
    const name = /^[\p{L}\p{N}-]+/u.exec(inner)![0];
    if (isHtmlTagName(name, closed)) continue; // `<br>`, `<details open>`, `&lt;kbd&gt;` written out on purpose
    add(m.index!, m[0]);
  }
}

/** Keep the earliest, then longest, of overlapping candidates (`[insert <name>]` is one placeholder). */
function dedupe(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  let end = -1;
  for (const c of candidates) {
    if (c.start < end) continue;
    out.push(c);
    end = c.end;
  }
  return out;
}

function show(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? flat.slice(0, 57) + '…' : flat;
}

/**
 * Header words of the columns a section's tables must fill in, from the schema's
 * `x-required-columns` annotation on the section node (`["phone", "email", "escalate after"]`).
 */
function requiredColumns(schemaJson: Record<string, unknown>, id: string): string[] {
  const sections = (schemaJson.properties as Record<string, unknown> | undefined)?.sections as Record<string, unknown> | undefined;
  const node = (sections?.properties as Record<string, unknown> | undefined)?.[id] as Record<string, unknown> | undefined;
  const value = node?.['x-required-columns'];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map(normalizeHeader).filter(Boolean) : [];
}

/** A header names a required column when it contains one of the words as whole words (`Phone number` ∋ `phone`). */
function isRequiredColumn(header: string, words: readonly string[]): boolean {
  const h = ` ${normalizeHeader(header)} `;
  return words.some((w) => h.includes(` ${w} `));
}

/**
 * Sections whose tables have required columns: required with error severity and an
 * `x-required-columns` annotation, with their unknown subsections (which inherit the columns).
 */
function requiredTableSections(doc: RunbookDocument, info: SchemaInfo, schemaJson: Record<string, unknown>): Array<{ section: SectionNode; columns: string[] }> {
  const out: Array<{ section: SectionNode; columns: string[] }> = [];
  for (const spec of info.sections) {
    if (!spec.required || spec.severity !== 'error') continue;
    const columns = requiredColumns(schemaJson, spec.id);
    if (columns.length === 0) continue;
    const section = doc.byId.get(spec.id);
    if (!section) continue;
    for (const s of subtree(section)) if (s === section || !s.known) out.push({ section: s, columns });
  }
  return out.sort((a, b) => a.section.headingRange.start.offset - b.section.headingRange.start.offset);
}

/** A check-mark matrix (`✅`, `:white_check_mark:`, `x`) uses blank cells to mean "no": they are not placeholders. */
function isMatrix(rows: Array<Record<string, string>>): boolean {
  return rows.some((row) => Object.values(row).some((v) => /^(?:[✓✔✅❌✗✘☑☐]\uFE0F?|x|yes|no|y|n|:[a-z_+-]+:)$/iu.test(v.trim())));
}

/** A cell's range without the leading pipe and padding, so the squiggle sits inside the cell. */
function cellInterior(doc: RunbookDocument, range: Range): Range {
  let s = range.start.offset;
  let e = range.end.offset;
  if (doc.text[s] === '|') s++;
  if (e > s && doc.text[e - 1] === '|') e--;
  return s < e ? doc.lines.range(s, e) : range;
}

export default defineRule({
  meta: {
    id: 'placeholder-text',
    severity: 'error',
    description: 'Template placeholder text left in the runbook ([insert …], {…}, {{VAR}}, [Name], TBD, TODO, +1-XXX-XXX-XXXX, YYYY-MM-DD, ____, <name>, empty cells of required columns).',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        words: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Extra words or phrases to report (matched as whole words, any case).' },
        allow: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Placeholder texts to accept (exact text, any case), e.g. "<namespace>" or "TBD".' },
      },
      additionalProperties: false,
      examples: [{ allow: ['<namespace>'] }],
    },
    defaultOptions: { words: [], allow: [] },
    messages: {
      placeholder: 'Placeholder "{{shown}}" left in the runbook; replace it with the real value.',
      emptyRow: 'Empty row {{row}} in the table of "{{heading}}"; fill it in or delete it.',
      emptyCell: 'Empty cell in column {{column}}, row {{row}} of the table in "{{heading}}"; fill it in (write "n/a" if it does not apply).',
    },
  },
  check({ doc, schema, options, report, scanText }) {
    const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);
    const words = strings(options.words).map((w) => w.trim());
    const allow = new Set(strings(options.allow).map((a) => a.trim().toLowerCase()));
    const extra = words.length > 0 ? new RegExp(`${BEFORE}(?:${words.map(escapeRegExp).join('|')})${AFTER}`, 'giu') : undefined;
    const closed = closedTagNames(doc.text);
    const candidates: Candidate[] = [];

    // Markdown body: prose only (code, comments, URLs and real HTML are blanked).
    const mask = maskNonProse(doc);
    const maskLines = new Lines(mask.text);
    // The results depend on the text, the extra words and the element names the document closes.
    const proseScanner: TextScanner<Candidate> = {
      key: `placeholder-text\0${extra?.source ?? ''}\0${[...closed].sort().join(' ')}`,
      scan: (segment) => {
        const found: Candidate[] = [];
        scan(segment, 0, segment.length, extra, closed, found);
        return found;
      },
    };
    candidates.push(...scanText(proseScanner, mask.text));
    // A code span that is itself a slot (`TODO: add…`, `[ORGANIZATION NAME]`); code that contains such text is code.
    for (const span of mask.codeSpans) {
      if (!codeSpanIsPlaceholder(span.value)) continue;
      // "add `TODO` notes to the channel" names the marker; `Bridge: `TBD`` leaves a value open.
      if (/^\s*(?:TODO|TBD|TBC|FIXME|tbd)\s*$/.test(span.value) && !bareMarkerIsValue(mask.text, maskLines, span.start, span.end)) continue;
      candidates.push({ start: span.start, end: span.end, text: doc.text.slice(span.start, span.end), kind: /^\s*(?:TODO|TBD|TBC|FIXME)/i.test(span.value) ? 'marker' : 'slot' });
    }
    // A link whose destination is itself a placeholder: `[dashboard](TBD)`.
    for (const link of mask.links) {
      const url = link.url.trim();
      if (!/^(?:TBD|TODO|XXX|FIXME|#|\?+)$/i.test(url) && !/^#?(?:TODO|TBD|FIXME)[-_]/.test(url)) continue; // also `#TODO-link-to-actual-resource`
      const at = doc.text.indexOf(url, link.start);
      if (at !== -1 && at + url.length <= link.end) candidates.push({ start: at, end: at + url.length, text: url, kind: 'marker' });
    }
    // Front-matter values (keys are the schema's business).
    if (doc.frontmatter) {
      for (const [pointer, range] of doc.frontmatter.pointers) {
        if (pointer.endsWith('#key')) continue;
        let { offset: from } = range.start;
        let { offset: to } = range.end;
        // A flow collection (`systems: [api, db]`) is YAML syntax, not a bracketed placeholder: scan inside it.
        const key = pointer.slice('/frontmatter/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
        const value = doc.frontmatter.data[key];
        if (value !== null && typeof value === 'object' && /^[[{]/.test(doc.text[from] ?? '') && /[\]}]/.test(doc.text[to - 1] ?? '')) {
          from++;
          to--;
        }
        scan(doc.text, from, to, extra, closed, candidates);
      }
    }

    const templates = templateRanges(doc);
    for (const c of dedupe(candidates)) {
      if (c.kind === 'slot' && templates.some(([s, e]) => s <= c.start && c.end <= e)) continue;
      const key = c.text.trim().toLowerCase();
      const inner = key.replace(/^(?:\[|\{|<|&lt;)|(?:\]|\}|>|&gt;)$/g, '');
      if (allow.has(key) || allow.has(inner)) continue;
      report({
        messageId: 'placeholder',
        range: doc.lines.range(c.start, c.end),
        data: { placeholder: c.text, shown: show(c.text) },
      });
    }

    // Empty cells in required columns: a contact table with a blank phone is a placeholder too.
    // Only columns the schema marks as required: a blank in a RACI matrix or a Notes column is an answer, not a gap.
    for (const { section, columns } of requiredTableSections(doc, schema.info, schema.schema)) {
      for (const table of section.tables) {
        const required = table.headers.map((h) => isRequiredColumn(h, columns));
        if (!required.some(Boolean) || isMatrix(table.rows)) continue;
        table.rows.forEach((_row, r) => {
          const ranges = table.cellRanges[r]!;
          // Judge the source, not the plain text: a cell holding only `<phone>` or `<br>` is not empty.
          const isEmpty = ranges.map((range) => doc.text.slice(range.start.offset, range.end.offset).replace(/^\|/, '').replace(/\|$/, '').trim() === '');
          const empty = isEmpty.filter(Boolean);
          if (empty.length === 0) return;
          if (empty.length === table.headers.length) {
            report({
              messageId: 'emptyRow',
              range: doc.lines.lineRange(ranges[0]!.start.line),
              data: { emptyRow: r + 1, row: r + 1, heading: section.heading },
            });
            return;
          }
          table.headers.forEach((header, c) => {
            if (!isEmpty[c] || !required[c]) return;
            const label = /^column-\d+$/.test(header) ? `column ${c + 1}` : `"${header}"`;
            report({
              messageId: 'emptyCell',
              range: cellInterior(doc, ranges[c]!),
              data: { emptyCell: { row: r + 1, column: header }, row: r + 1, column: label, heading: section.heading },
            });
          });
        });
      }
    }
  },
});
