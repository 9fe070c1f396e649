import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root, RootContent } from 'mdast';
import { LineIndex } from './text.js';
import type { Processor } from 'unified';

/**
 * Only the syntax a runbook needs: YAML front matter, tables and task lists.
 * Full remark-gfm also tokenises autolinks, strikethrough and footnotes on every line,
 * which we never read (bench/report.md measures the difference).
 */
function remarkRunbookSyntax(this: Processor): void {
  const data = this.data() as Record<string, unknown[] | undefined>;
  (data.micromarkExtensions ??= []).push(frontmatter('yaml'), gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(
    frontmatterFromMarkdown('yaml'),
    gfmTableFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  );
}

const processor = unified().use(remarkParse).use(remarkRunbookSyntax).freeze();

/**
 * Parse Markdown into mdast with positions (with parseRunbook's guard against inline markup that
 * would stall the parser). Throws only on parser bugs; callers turn that into a `fatal` finding.
 */
export function parseMarkdown(text: string): Root {
  return parseRunbook(text).root;
}

/** A block read as plain text because its inline markup would make the parser's time explode. */
export interface PlainBlock {
  start: number;
  end: number;
  /** Emphasis, link and code delimiters counted in it. */
  delimiters: number;
}

export interface ParsedRunbook {
  root: Root;
  plainBlocks: PlainBlock[];
}

/**
 * Emphasis (`*`, `_`), link (`[`, `]`) and code-span delimiters one paragraph may hold before it is
 * read without inline markup. micromark matches delimiters pairwise per paragraph (quadratic), and a
 * paragraph of 200 KB of `a*a*…` would take hours; real paragraphs hold a few dozen.
 */
export const MAX_INLINE_DELIMITERS = 2000;

/**
 * Parse a runbook, first guarding the parser: a block of consecutive lines with more than
 * MAX_INLINE_DELIMITERS delimiters (a table: in one row) is blanked out for the parser and put back
 * as one plain-text paragraph with the original text and positions. Linear in the text.
 */
export function parseRunbook(text: string): ParsedRunbook {
  const plainBlocks = findHeavyInlineBlocks(text);
  if (plainBlocks.length === 0) return { root: processor.parse(text) as Root, plainBlocks };
  const parts: string[] = [];
  let at = 0;
  for (const b of plainBlocks) {
    parts.push(text.slice(at, b.start), text.slice(b.start, b.end).replace(/[^\r\n]/g, ' '));
    at = b.end;
  }
  parts.push(text.slice(at));
  const root = processor.parse(parts.join('')) as Root;
  const lines = new LineIndex(text);
  const paragraphs: RootContent[] = plainBlocks.map((b) => {
    const position = { start: lines.point(b.start), end: lines.point(b.end) };
    return { type: 'paragraph', children: [{ type: 'text', value: text.slice(b.start, b.end), position }], position };
  });
  // Merge by start offset: the parser saw blank lines there, so nothing else starts inside a block.
  const merged: RootContent[] = [];
  let p = 0;
  for (const child of root.children) {
    const start = child.position?.start.offset ?? 0;
    while (p < paragraphs.length && plainBlocks[p]!.start <= start) merged.push(paragraphs[p++]!);
    merged.push(child);
  }
  while (p < paragraphs.length) merged.push(paragraphs[p++]!);
  root.children = merged;
  return { root, plainBlocks };
}

const isSpace = (c: number) => c === 32 || c === 9;

/** Blocks (runs of non-blank lines outside fenced code; a list item or heading starts a new one) over the delimiter limit. */
function findHeavyInlineBlocks(text: string): PlainBlock[] {
  const out: PlainBlock[] = [];
  const n = text.length;
  let fence: { ch: number; len: number } | undefined;
  let blockStart = -1;
  let blockEnd = -1;
  let count = 0;
  let tableMode = false;
  let flagged = false;
  const close = () => {
    if (flagged) out.push({ start: blockStart, end: blockEnd, delimiters: count });
    blockStart = -1;
    count = 0;
    tableMode = false;
    flagged = false;
  };
  let i = 0;
  while (i < n) {
    const lineStart = i;
    let lineEnd = i;
    while (lineEnd < n && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    const next = lineEnd >= n ? n : lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
    i = next;
    let j = lineStart;
    while (j < lineEnd && (isSpace(text.charCodeAt(j)) || text.charCodeAt(j) === 62)) j++; // indentation and `>`
    if (j === lineEnd) {
      if (!fence) close();
      continue;
    }
    const c = text.charCodeAt(j);
    if (c === 96 || c === 126) {
      // ``` or ~~~: opens or closes a fenced code block, whose lines are never inline-parsed.
      let k = j;
      while (k < lineEnd && text.charCodeAt(k) === c) k++;
      if (k - j >= 3) {
        if (!fence) {
          close();
          fence = { ch: c, len: k - j };
          continue;
        }
        let rest = k;
        while (rest < lineEnd && isSpace(text.charCodeAt(rest))) rest++;
        if (c === fence.ch && k - j >= fence.len && rest === lineEnd) {
          fence = undefined;
          continue;
        }
      }
    }
    if (fence) continue;
    if (startsNewBlock(text, j, lineEnd)) close();
    if (blockStart < 0) blockStart = lineStart;
    blockEnd = lineEnd;
    if (!tableMode && isTableDelimiterRow(text, j, lineEnd)) tableMode = true;
    const inLine = countDelimiters(text, j, lineEnd);
    if (tableMode) {
      if (inLine > MAX_INLINE_DELIMITERS) flagged = true;
      count = Math.max(count, inLine);
    } else {
      count += inLine;
      if (count > MAX_INLINE_DELIMITERS) flagged = true;
    }
  }
  close();
  return out;
}

/** A list item marker or an ATX heading: the paragraph before it ends here. */
function startsNewBlock(text: string, j: number, end: number): boolean {
  const c = text.charCodeAt(j);
  if (c === 35) return true; // '#'
  if ((c === 45 || c === 42 || c === 43) && (j + 1 === end || isSpace(text.charCodeAt(j + 1)))) return true;
  let k = j;
  while (k < end && k - j < 10 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
  if (k === j || k - j > 9) return false;
  const d = text.charCodeAt(k);
  return (d === 46 || d === 41) && (k + 1 === end || isSpace(text.charCodeAt(k + 1)));
}

/** `|---|:--:|` and the like: the rows after it are cells, each its own inline content. */
function isTableDelimiterRow(text: string, j: number, end: number): boolean {
  let pipes = 0;
  let dashes = 0;
  for (let k = j; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 124) pipes++;
    else if (c === 45) dashes++;
    else if (c !== 58 && !isSpace(c)) return false;
  }
  return pipes > 0 && dashes > 0;
}

/** Runs of `*` or `_`, and every `[`, `]` and run of backticks. */
function countDelimiters(text: string, start: number, end: number): number {
  let count = 0;
  let previous = -1;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 91 || c === 93) count++;
    else if ((c === 42 || c === 95 || c === 96) && c !== previous) count++;
    previous = c;
  }
  return count;
}
