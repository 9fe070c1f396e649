import type { SchemaInfo, SectionSpec } from '../schema.js';
import { joinAnd, normalizeHeading } from '../text.js';
import { StringMemo } from '../memo.js';

/**
 * Section recognition (docs/recognition.md): every heading is scored against every section spec of the
 * schema; the best score wins, ties go to the section that comes first in the schema.
 *
 *   alias       100  the heading equals an `x-headings` alias (case, numbering, emoji, punctuation ignored)
 *   normalised   90  equal after plural → singular, `and`/`&`/`/` dropped, "Appendix B –", "(CP-4)" removed
 *   pattern   50+10n  an `x-heading-patterns` keyword or /regex/ matches n words of the heading
 *   content      20  the heading matches nothing, but the body has the section's content signature
 */
export type RecognitionKind = 'alias' | 'normalised' | 'pattern' | 'content';

export interface Recognition {
  by: RecognitionKind;
  /** What matched, in words: the alias, the keyword, the columns. */
  detail: string;
  score: number;
}

export interface HeadingMatch {
  id: string;
  recognition: Recognition;
}

/** A keyword (whole words of the canonical heading) or a regex over the plain heading. */
interface Matcher {
  source: string;
  test(plain: string, canonical: string): string | undefined;
}

/** `x-heading-patterns` object entries: what a section's body looks like when its heading says little. */
export interface ContentSignature {
  /** A table has, for every group, a column whose header contains one of the group's terms. */
  columns?: string[][];
  /** Every group's term appears as a field key, a column header or a first-column cell. */
  keys?: string[][];
}

interface CompiledSpec {
  spec: SectionSpec;
  aliases: Map<string, string>;
  canonicalAliases: Map<string, string>;
  patterns: Matcher[];
  excludes: Matcher[];
  signatures: ContentSignature[];
}

export interface Recogniser {
  /** Best heading match (highest score, then schema order), or undefined. */
  matchHeading(heading: string): HeadingMatch | undefined;
  /** Headings the schema says are never sections except by an exact alias (a template's colophon). */
  isColophon(heading: string): boolean;
  /** Best content-signature match for a body, among `candidates` (ids not yet recognised by heading). */
  matchContent(body: ContentSummary, candidates: Set<string>, heading: string): HeadingMatch | undefined;
}

/** What the content signatures look at: the body's table headers and first-column cells, and field keys. */
export interface ContentSummary {
  tables: Array<{ headers: string[]; firstColumn: string[] }>;
  fieldKeys: string[];
}

const SCORE = { alias: 100, normalised: 90, pattern: 50, perWord: 10, content: 20 } as const;

const STOPWORDS = new Set(['and', 'or', 'the', 'a', 'an', 'of', 'for', 'to', 'our', 'your', 'its', 'in', 'on', 'with']);

/** English plural → singular, good enough when applied to both sides of a comparison. */
export function singular(word: string): string {
  if (word.length <= 3) return word.endsWith('s') && /^(?:rto|rpo|sla|bia|dr|ir)s$/.test(word) ? word.slice(0, -1) : word;
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(?:ss|us|is|ous)$/.test(word)) return word;
  if (/(?:ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/**
 * The heading with document furniture removed: "Appendix B – ", "Annex 2:", "Part II.", "Section 6:",
 * leading numbering, and a parenthesised suffix ("(CP-4)", "(RTO)", "(SIRT)"), lowercased, words only.
 */
export function plainHeading(text: string): string {
  let t = text.normalize('NFKC');
  t = t.replace(/^\s*(?:appendix|annex|attachment|exhibit|section|part|chapter|step|phase)\s+(?:[\p{N}]+(?:\.[\p{N}]+)*|[a-z]{1,2}|[ivxlc]{1,5})\s*(?:[:.)\-–—]+\s*|\s+(?=[–—-]))/iu, '');
  // "I - Identification", "A – Contacts", "3 - Roles": a numeral and a spaced dash.
  t = t.replace(/^\s*(?:[\p{N}]+(?:\.[\p{N}]+)*|[a-z]|[ivxlc]{1,5})\s+[–—-]\s+/iu, '');
  t = t.replace(/^\s*[–—-]\s*/u, '');
  t = t.replace(/[\s:;,.–—-]+$/u, '');
  for (let i = 0; i < 3; i++) {
    const stripped = t.replace(/\s*[([][^()[\]]*[)\]]\s*$/u, '');
    if (stripped === t || !/\p{L}/u.test(stripped)) break;
    t = stripped;
  }
  // "Recovery Phase", "Reconstitution Stage": NIST phases read as the section.
  return normalizeHeading(t).replace(/(?<=\p{L}.*) (?:phase|stage)$/u, '');
}

/** Plain heading, singular words, without joining words: "Escalation paths" and "Escalation Path" meet. */
export function canonicalHeading(text: string): string {
  return toCanonical(plainHeading(text));
}

/** Canonical words in sorted order: "Notification and Activation" meets "Activation and Notification". */
function wordSet(canonical: string): string {
  return canonical.split(' ').sort().join(' ');
}

function toCanonical(plain: string): string {
  return plain
    .split(' ')
    .filter((w) => w && !STOPWORDS.has(w))
    .map(singular)
    .join(' ');
}

function wordCount(text: string): number {
  return text.split(' ').filter(Boolean).length;
}

/** `/body/flags` → RegExp, else undefined. Invalid expressions are reported by `patternProblems`. */
function asRegex(source: string): RegExp | undefined {
  const m = /^\/(.+)\/([imsu]*)$/s.exec(source);
  if (!m) return undefined;
  try {
    return new RegExp(m[1]!, m[2]!.includes('i') ? m[2]! : m[2]! + 'i');
  } catch {
    return undefined;
  }
}

function compileMatcher(source: string): Matcher | undefined {
  if (source.startsWith('/')) {
    const re = asRegex(source);
    if (!re) return undefined;
    return { source, test: (plain) => re.exec(plain)?.[0] };
  }
  const phrase = toCanonical(normalizeHeading(source));
  if (!phrase) return undefined;
  const padded = ` ${phrase} `;
  return { source, test: (_plain, canonical) => (` ${canonical} `.includes(padded) ? phrase : undefined) };
}

/** Problems in `x-heading-patterns` values (bad regex, empty keyword), for schema load errors. */
export function patternProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return ['x-heading-patterns must be an array'];
  const out: string[] = [];
  for (const entry of value) {
    if (typeof entry === 'string') {
      const source = entry.startsWith('!') ? entry.slice(1) : entry;
      if (source.startsWith('/') && !asRegex(source)) out.push(`"${entry}" is not a valid /regex/`);
      else if (!source.startsWith('/') && !toCanonical(normalizeHeading(source))) out.push(`"${entry}" has no words to match`);
    } else if (!entry || typeof entry !== 'object' || (!Array.isArray((entry as ContentSignature).columns) && !Array.isArray((entry as ContentSignature).keys))) {
      out.push('a content signature needs "columns" or "keys" (arrays of term groups)');
    }
  }
  return out;
}

function compileSpec(spec: SectionSpec): CompiledSpec {
  const aliases = new Map<string, string>();
  const canonicalAliases = new Map<string, string>();
  for (const alias of [spec.title, ...spec.aliases, spec.id]) {
    const key = normalizeHeading(alias);
    if (key && !aliases.has(key)) aliases.set(key, alias);
    const canon = wordSet(canonicalHeading(alias));
    if (canon && !canonicalAliases.has(canon)) canonicalAliases.set(canon, alias);
  }
  const patterns: Matcher[] = [];
  const excludes: Matcher[] = [];
  const signatures: ContentSignature[] = [];
  for (const entry of spec.patterns) {
    if (typeof entry === 'string') {
      const negative = entry.startsWith('!');
      const matcher = compileMatcher(negative ? entry.slice(1) : entry);
      if (matcher) (negative ? excludes : patterns).push(matcher);
    } else signatures.push(entry);
  }
  return { spec, aliases, canonicalAliases, patterns, excludes, signatures };
}

const cache = new WeakMap<SchemaInfo, Recogniser>();

/** The recogniser for a schema, built once per SchemaInfo. */
export function recogniser(info: SchemaInfo): Recogniser {
  const hit = cache.get(info);
  if (hit) return hit;
  const specs = info.sections.map(compileSpec);
  const global = info.globalPatterns.map((p) => compileMatcher(p.startsWith('!') ? p.slice(1) : p)).filter((m): m is Matcher => Boolean(m));
  const isColophon = (heading: string): boolean => {
    const plain = plainHeading(heading);
    const canonical = toCanonical(plain);
    return global.some((m) => m.test(plain, canonical) !== undefined);
  };
  const result: Recogniser = {
    isColophon,
    matchHeading(heading) {
      const normal = normalizeHeading(heading);
      if (!normal) return undefined;
      // An exact alias wins outright, first section in schema order (the historic rule).
      for (const c of specs) {
        const alias = c.aliases.get(normal);
        if (alias !== undefined) return { id: c.spec.id, recognition: { by: 'alias', detail: `heading is the alias "${alias}"`, score: SCORE.alias } };
      }
      if (isColophon(heading)) return undefined;
      const plain = plainHeading(heading);
      const canonical = toCanonical(plain);
      if (!canonical) return undefined;
      let best: HeadingMatch | undefined;
      for (const c of specs) {
        if (c.excludes.some((m) => m.test(plain, canonical) !== undefined)) continue;
        let candidate: Recognition | undefined;
        const alias = c.canonicalAliases.get(wordSet(canonical));
        if (alias !== undefined) candidate = { by: 'normalised', detail: `heading reads as the alias "${alias}"`, score: SCORE.normalised };
        else {
          for (const m of c.patterns) {
            const matched = m.test(plain, canonical);
            if (matched === undefined) continue;
            const score = SCORE.pattern + SCORE.perWord * Math.max(1, wordCount(matched));
            if (!candidate || score > candidate.score) candidate = { by: 'pattern', detail: `heading matches '${m.source}'`, score };
          }
        }
        // Strictly greater: on a tie the section earlier in the schema keeps it.
        if (candidate && (!best || candidate.score > best.recognition.score)) best = { id: c.spec.id, recognition: candidate };
      }
      return best;
    },
    matchContent(body, candidates, heading) {
      // Asked for every unrecognised section with a body on every lint: the heading's words are memoized.
      if (colophons.get(heading, isColophon)) return undefined;
      const { plain, canonical } = headingWords.get(heading, (h) => {
        const p = plainHeading(h);
        return { plain: p, canonical: toCanonical(p) };
      });
      for (const c of specs) {
        if (!candidates.has(c.spec.id) || c.signatures.length === 0) continue;
        if (c.excludes.some((m) => m.test(plain, canonical) !== undefined)) continue;
        for (const signature of c.signatures) {
          const detail = signatureMatches(signature, body);
          if (detail) return { id: c.spec.id, recognition: { by: 'content', detail, score: SCORE.content } };
        }
      }
      return undefined;
    },
  };
  // The same headings come back in every runbook of a repository and on every re-lint in the editor.
  const colophons = new StringMemo<boolean>();
  const headingWords = new StringMemo<{ plain: string; canonical: string }>();
  const matches = new StringMemo<HeadingMatch | undefined>();
  const memoized: Recogniser = {
    isColophon: (heading) => colophons.get(heading, result.isColophon),
    matchHeading: (heading) => matches.get(heading, (h) => result.matchHeading(h)),
    matchContent: (body, candidates, heading) => result.matchContent(body, candidates, heading),
  };
  cache.set(info, memoized);
  return memoized;
}

function termIn(cell: string, term: string): boolean {
  return paddedWords(cell).includes(paddedWords(term));
}

/** ` canonical words ` of a header, cell or term: every table's cells are tried against every term, on every lint. */
function paddedWords(text: string): string {
  return paddedWordMemo.get(text, (t) => ` ${toCanonical(normalizeHeading(t))} `);
}

const paddedWordMemo = new StringMemo<string>();

/** Why the body matches the signature ("its table has Tier and Escalate after columns"), or undefined. */
function signatureMatches(signature: ContentSignature, body: ContentSummary): string | undefined {
  if (signature.columns && signature.columns.length > 0) {
    for (const table of body.tables) {
      const found = signature.columns.map((group) => table.headers.find((h) => group.some((term) => termIn(h, term))));
      if (found.every(Boolean)) return `its table has ${listWords(found as string[])} columns`;
    }
  }
  if (signature.keys && signature.keys.length > 0) {
    const keys = [...body.fieldKeys, ...body.tables.flatMap((t) => [...t.headers, ...t.firstColumn])];
    const found = signature.keys.map((group) => keys.find((k) => group.some((term) => termIn(k, term))));
    if (found.every(Boolean)) return `its body gives ${listWords(found as string[])}`;
  }
  return undefined;
}

function listWords(words: string[]): string {
  return joinAnd(words.map((w) => `"${w}"`));
}

/** "recognised as Escalation Contacts: heading matches 'escalation'" — shown by --print-sections and the hover. */
export function describeRecognition(section: { id: string; known: boolean; recognition?: Recognition; partOf?: { headingRange: { start: { line: number } } }; owner?: { id: string; heading: string } }, info: SchemaInfo): string {
  if (section.known && section.recognition) {
    const title = info.sectionById.get(section.id)?.title ?? section.id;
    const part = section.partOf ? ` (continues the section at line ${section.partOf.headingRange.start.line})` : '';
    return `recognised as ${title}: ${section.recognition.detail}${part}`;
  }
  if (section.owner) {
    const title = info.sectionById.get(section.owner.id)?.title ?? section.owner.id;
    return `not a schema section; its content counts for ${title} ("${section.owner.heading}")`;
  }
  return 'not a schema section: no alias, pattern or content signature matches';
}
