import type { RunbookDocument, SectionNode } from './model.js';
import type { SchemaInfo, SectionSpec } from './schema.js';
import type { Finding, Fix, TextEdit } from './types.js';
import { detectEol } from './text.js';
import { snippetToText } from './snippet.js';

/**
 * Build the Markdown for a section from its schema snippet. Also used by `new` and completion.
 */
export function sectionMarkdown(spec: SectionSpec, level: number, eol: string, now: Date): string {
  // required-section builds this for every missing section of every file: convert each snippet
  // once per level, line ending and UTC day (the snippet's date variables), not once per finding.
  const key = `${level}|${eol}|${now.getUTCFullYear()}-${now.getUTCMonth()}-${now.getUTCDate()}`;
  let bySpec = markdownCache.get(spec);
  const hit = bySpec?.get(key);
  if (hit !== undefined) return hit;
  const heading = `${'#'.repeat(Math.max(1, Math.min(6, level)))} ${spec.title}`;
  const body = spec.snippet ? snippetToText(spec.snippet, now).replace(/\r?\n/g, eol).trimEnd() : `[insert ${spec.title.toLowerCase()}]`;
  const markdown = heading + eol + eol + body;
  if (!bySpec) markdownCache.set(spec, (bySpec = new Map()));
  if (bySpec.size >= 16) bySpec.clear();
  bySpec.set(key, markdown);
  return markdown;
}

/** sectionMarkdown results per schema section spec (specs belong to a compiled schema and do not change). */
const markdownCache = new WeakMap<SectionSpec, Map<string, string>>();

/** Where a missing section goes: after the nearest preceding schema section, else before the next, else at the end. */
export function insertionPoint(doc: RunbookDocument, schema: SchemaInfo, spec: SectionSpec): { offset: number; level: number; before: boolean } {
  let previous: SectionNode | undefined;
  let next: SectionNode | undefined;
  for (const other of schema.sections) {
    const present = doc.byId.get(other.id);
    if (!present) continue;
    if (other.order < spec.order) {
      if (!previous || present.range.end.offset > previous.range.end.offset) previous = present;
    } else if (other.order > spec.order && (!next || present.headingRange.start.offset < next.headingRange.start.offset)) {
      next = present;
    }
  }
  const fallbackLevel = doc.sections.find((s) => s.parent === undefined)?.level ?? (doc.title && !doc.title.fromFrontmatter ? 2 : 2);
  if (previous) return { offset: previous.range.end.offset, level: previous.level, before: false };
  if (next) return { offset: next.headingRange.start.offset, level: next.level, before: true };
  let end = doc.text.length;
  while (end > 0 && /\s/.test(doc.text[end - 1]!)) end--;
  return { offset: end, level: fallbackLevel, before: false };
}

/** The fix that inserts a missing schema section at its schema position. */
export function insertSectionFix(doc: RunbookDocument, schema: SchemaInfo, spec: SectionSpec, now: Date): Fix {
  const eol = detectEol(doc.text);
  const at = insertionPoint(doc, schema, spec);
  const markdown = sectionMarkdown(spec, at.level, eol, now);
  const newText = at.before ? markdown + eol + eol : (at.offset === 0 ? '' : eol + eol) + markdown + (at.offset >= doc.text.trimEnd().length ? eol : '');
  return { title: `Insert section "${spec.title}"`, edits: [{ start: at.offset, end: at.offset, newText }] };
}

/**
 * Apply the fixes of many findings in one pass, ESLint-style: edits that overlap an earlier one are
 * skipped (and reported back) so the caller can re-lint and try again. Insertions at the same offset
 * keep the findings' order, so several missing sections land in schema order.
 */
export function applyFixes(text: string, findings: Finding[]): { text: string; applied: Finding[]; skipped: Finding[] } {
  const withFix = findings.map((f, index) => ({ f, index })).filter((x) => x.f.fix && x.f.fix.edits.length > 0);
  withFix.sort((a, b) => firstStart(a.f) - firstStart(b.f) || a.index - b.index);
  const applied: Finding[] = [];
  const skipped: Finding[] = [];
  const edits: TextEdit[] = [];
  let lastEnd = -1;
  for (const { f } of withFix) {
    const sorted = [...f.fix!.edits].sort((a, b) => a.start - b.start);
    const overlaps = sorted[0]!.start < lastEnd || sorted.some((e, i) => i > 0 && e.start < sorted[i - 1]!.end);
    if (overlaps) {
      skipped.push(f);
      continue;
    }
    edits.push(...sorted);
    lastEnd = Math.max(lastEnd, sorted[sorted.length - 1]!.end);
    applied.push(f);
  }
  return { text: applyEdits(text, edits), applied, skipped };
}

function firstStart(f: Finding): number {
  return Math.min(...f.fix!.edits.map((e) => e.start));
}

/** Apply non-overlapping edits (any order; equal starts keep their given order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const ordered = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  let out = '';
  let cursor = 0;
  for (const { e } of ordered) {
    out += text.slice(cursor, e.start) + e.newText;
    cursor = Math.max(cursor, e.end);
  }
  return out + text.slice(cursor);
}
