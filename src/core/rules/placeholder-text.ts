import { defineRule } from '../rule.js';
import { subtree, type RunbookDocument, type SectionNode } from '../model.js';
import type { SchemaInfo } from '../schema.js';
import type { Range } from '../types.js';
import { closedTagNames, isHtmlTagName, maskNonProse } from './util/prose-mask.js';

interface Candidate {
  start: number;
  end: number;
  text: string;
}

// A letter or digit on either side means the word is part of a longer word or identifier (`TODOS`, `MY_TODO_LIST`).
const BEFORE = String.raw`(?<![\p{L}\p{N}])(?<![\p{L}\p{N}]_)`;
const AFTER = String.raw`(?![\p{L}\p{N}])(?!_[\p{L}\p{N}])`;

/** Template markers in prose. Each pattern's whole match is the placeholder. */
const PATTERNS: RegExp[] = [
  // `[insert date]`, `[Insert the RTO here]`: the snippet/quick-fix form, any case.
  /\[[^\S\r\n]*insert\b[^\]\r\n]{0,100}\]/giu,
  // `TBD`, `TODO`, `XXX`, `FIXME` (upper case; "todo list" in prose is fine). `tbd` in any case.
  new RegExp(`${BEFORE}(?:TODO|XXX(?:-X{3,4})*|FIXME|[Tt][Bb][Dd])${AFTER}`, 'gu'),
  /\blorem ipsum\b/giu,
  /\?{3,}/gu,
];

/** `{RTO hours}`: NIST template style. Not `${VAR}`, `{{ template }}`, `%{x}`, JSON, LaTeX, regex quantifiers. */
const CURLY = /(?<![$%#\\{\p{L}\p{N}_])\{([\p{L}][\p{L}\p{N} _.,'’/&()+-]{0,79})\}(?!\})/gu;

/** `[Name]`, `[Department/Agency Name]`: FEMA template style. Links, references, task boxes, footnotes and alerts are excluded below. */
const BRACKET = /(?<![\]!\\\p{L}\p{N}_`])\[([^\[\]\r\n]{1,100})\](?![(\[:])/gu;

/** `<team name>`, `<phone>`: angle-bracket placeholders (real HTML tags are excluded below). */
const ANGLE = /(?<![\p{L}\p{N}\\])<([\p{L}][\p{L}\p{N} _.'’/|&-]{0,79})>|&lt;([\p{L}][\p{L}\p{N} _.'’/|&-]{0,79})&gt;/gu;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Words that name the value a template asks for (`[Name]`, `[Department/Agency Name]`, `[Phone Number]`,
 * `[System Name]`, `[date]`, `[version]`). Square brackets are also used for UI paths (`[Status] -> [Targets]`),
 * log tags (`[ERR]`), status badges (`[Deprecated]`) and broken links, so a bracket is a placeholder only
 * when it names such a value or starts with an instruction verb.
 */
const VALUE_NOUNS = new Set(
  (
    'name names title date dates time day days month year hours minutes phone telephone mobile cell number numbers email e-mail address ' +
    'department agency organization organisation org company business unit division team group role person contact contacts owner manager ' +
    'lead coordinator vendor provider supplier site location building room floor city country region ' +
    'zone cluster host hostname server instance environment env version id identifier url account username user login ticket ' +
    'value amount cost percentage figure duration rto rpo mtd placeholder description'
  ).split(' '),
);
// An instruction needs an object: `[Describe the strategy]` yes, the `[Enter]` key or an `[Add]` button no.
const INSTRUCTION = /^(?:insert|enter|add|describe|list|specify|provide|fill|replace|type|put|include|your|define|state|identify)\s+\S/i;
// UI paths: `Settings -> [Integrations] -> [Expand]`.
const NAV_BEFORE = /(?:->|→|»|>)[^\S\r\n]*$/;
const NAV_AFTER = /^[^\S\r\n]*(?:->|→|»)/;

function bracketIsTemplate(inner: string): boolean {
  const t = inner.trim();
  if (t === '' || /^[xX✓✔]$/.test(t)) return false; // task box `[ ]`, `[x]`
  if (/^[\^!]/.test(t)) return false; // footnote `[^1]`, GitHub alert `[!NOTE]`
  if (!/^\p{L}/u.test(t)) return false; // `[1]` citations, `[-]`, `[*]`
  if (/[=:"`<>{}|]|\.\.\.|\.(?:md|html?|ya?ml|json|sh)$/i.test(t)) return false; // option syntax, code-ish, file names of broken links
  if (INSTRUCTION.test(t)) return true;
  return t.split(/[^\p{L}\p{N}]+/u).some((word) => VALUE_NOUNS.has(word.toLowerCase()));
}

function curlyIsTemplate(inner: string): boolean {
  // `{a,b}` brace expansion and `{0,3}` quantifiers are code-ish; a template has a word.
  if (/^[\p{L}\p{N}_-]*(?:,[\p{L}\p{N}_-]*)+$/u.test(inner)) return false;
  return /\p{L}{2,}/u.test(inner);
}

/** Find placeholders in `masked` (same offsets as the document) between `from` and `to`. */
function scan(masked: string, from: number, to: number, extra: RegExp | undefined, closed: Set<string>, out: Candidate[]): void {
  const slice = masked.slice(from, to);
  const add = (start: number, text: string): void => {
    out.push({ start: from + start, end: from + start + text.length, text });
  };
  for (const pattern of extra ? [...PATTERNS, extra] : PATTERNS) for (const m of slice.matchAll(pattern)) add(m.index!, m[0]);
  for (const m of slice.matchAll(CURLY)) if (curlyIsTemplate(m[1]!)) add(m.index!, m[0]);
  for (const m of slice.matchAll(BRACKET)) {
    const at = m.index!;
    if (NAV_BEFORE.test(slice.slice(Math.max(0, at - 4), at)) || NAV_AFTER.test(slice.slice(at + m[0].length, at + m[0].length + 4))) continue;
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

/** Sections whose tables must be complete: required with error severity, with their unknown subsections. */
function requiredTableSections(doc: RunbookDocument, info: SchemaInfo): SectionNode[] {
  const out: SectionNode[] = [];
  for (const spec of info.sections) {
    if (!spec.required || spec.severity !== 'error') continue;
    const section = doc.byId.get(spec.id);
    if (!section) continue;
    for (const s of subtree(section)) if (s === section || !s.known) out.push(s);
  }
  return out.sort((a, b) => a.headingRange.start.offset - b.headingRange.start.offset);
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
    description: 'Template placeholder text left in the runbook ([insert …], {…}, [Name], TBD, TODO, <name>, empty cells of required tables).',
    docs: 'rule-placeholder-text',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        words: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Extra words or phrases to report (matched as whole words, any case).' },
        allow: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Placeholder texts to accept (exact text, any case), e.g. "<namespace>" or "TBD".' },
      },
      additionalProperties: false,
    },
    defaultOptions: { words: [], allow: [] },
  },
  check({ doc, schema, options, report }) {
    const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);
    const words = strings(options.words).map((w) => w.trim());
    const allow = new Set(strings(options.allow).map((a) => a.trim().toLowerCase()));
    const extra = words.length > 0 ? new RegExp(`${BEFORE}(?:${words.map(escapeRegExp).join('|')})${AFTER}`, 'giu') : undefined;
    const closed = closedTagNames(doc.text);
    const candidates: Candidate[] = [];

    // Markdown body: prose only (code, comments, URLs and real HTML are blanked).
    const mask = maskNonProse(doc);
    scan(mask.text, 0, mask.text.length, extra, closed, candidates);
    // A link whose destination is itself a placeholder: `[dashboard](TBD)`.
    for (const link of mask.links) {
      const url = link.url.trim();
      if (!/^(?:TBD|TODO|XXX|FIXME|#|\?+)$/i.test(url)) continue;
      const at = doc.text.indexOf(url, link.start);
      if (at !== -1 && at + url.length <= link.end) candidates.push({ start: at, end: at + url.length, text: url });
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

    for (const c of dedupe(candidates)) {
      const key = c.text.trim().toLowerCase();
      const inner = key.replace(/^(?:\[|\{|<|&lt;)|(?:\]|\}|>|&gt;)$/g, '');
      if (allow.has(key) || allow.has(inner)) continue;
      report({
        message: `Placeholder "${show(c.text)}" left in the runbook; replace it with the real value.`,
        range: doc.lines.range(c.start, c.end),
        data: { placeholder: c.text },
      });
    }

    // Empty cells in the tables of required sections: a contact table with a blank phone is a placeholder too.
    for (const section of requiredTableSections(doc, schema.info)) {
      for (const table of section.tables) {
        if (isMatrix(table.rows)) continue;
        table.rows.forEach((_row, r) => {
          const ranges = table.cellRanges[r]!;
          // Judge the source, not the plain text: a cell holding only `<phone>` or `<br>` is not empty.
          const isEmpty = ranges.map((range) => doc.text.slice(range.start.offset, range.end.offset).replace(/^\|/, '').replace(/\|$/, '').trim() === '');
          const empty = isEmpty.filter(Boolean);
          if (empty.length === 0) return;
          if (empty.length === table.headers.length) {
            report({
              message: `Empty row ${r + 1} in the table of "${section.heading}"; fill it in or delete it.`,
              range: doc.lines.lineRange(ranges[0]!.start.line),
              data: { emptyRow: r + 1 },
            });
            return;
          }
          table.headers.forEach((header, c) => {
            if (!isEmpty[c]) return;
            const label = /^column-\d+$/.test(header) ? `column ${c + 1}` : `"${header}"`;
            report({
              message: `Empty cell in column ${label}, row ${r + 1} of the table in "${section.heading}"; fill it in (write "n/a" if it does not apply).`,
              range: cellInterior(doc, ranges[c]!),
              data: { emptyCell: { row: r + 1, column: header } },
            });
          });
        });
      }
    }
  },
});
