import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import { LineIndex } from './text.js';
import { carryNodeMemos } from './memo.js';
import { everySegment, ScanMemo } from './scan-memo.js';
import { plainTableRows } from './table-rows.js';
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
export function parseRunbook(text: string, pieces?: PieceCache): ParsedRunbook {
  // A block never crosses a segment boundary (a `#` line after a blank line starts a new one), so a
  // segment with at most MAX_INLINE_DELIMITERS delimiter characters holds no heavy block: an editor's
  // re-lint counts only the segments an edit changed.
  const light = pieces && everySegment(pieces.scans, 'inline-delimiters', text, (segment) => countDelimiterChars(segment) <= MAX_INLINE_DELIMITERS);
  const plainBlocks = light ? [] : findHeavyInlineBlocks(text);
  const parse = (source: string) => (pieces ? pieces.parse(source) : parseInChunks(source));
  if (plainBlocks.length === 0) return { root: parse(text), plainBlocks };
  const parts: string[] = [];
  let at = 0;
  for (const b of plainBlocks) {
    parts.push(text.slice(at, b.start), text.slice(b.start, b.end).replace(/[^\r\n]/g, ' '));
    at = b.end;
  }
  parts.push(text.slice(at));
  const root = parse(parts.join(''));
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
  // A new root: the parsed one may be a PieceCache's, reused by the next parse.
  return { root: { ...root, children: merged }, plainBlocks };
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
      if (k - j >= 3 && (c === 126 || text.indexOf('`', k) === -1 || text.indexOf('`', k) >= lineEnd)) {
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

/** Characters that may be emphasis, link or code delimiters: an upper bound of countDelimiters over any lines of `text`. */
function countDelimiterChars(text: string): number {
  let count = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 91 || c === 93 || c === 42 || c === 95 || c === 96) count++;
  }
  return count;
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

/**
 * Documents over this size are parsed in pieces (see parseInChunks). micromark copies its whole
 * token list each time a list item or block quote closes, so one parse costs time quadratic in the
 * document; pieces of about this size keep that cost bounded per piece, hence linear overall. Small
 * pieces also keep memory down: a piece's tokens are garbage as soon as it is parsed, before the
 * collector promotes them (measured on 2 MB of runbook text: 4 KB pieces take 0.55x the time and
 * 0.75x the peak memory of 32 KB pieces; on a 1 MB table 0.5x and 0.6x).
 */
export const CHUNK_BYTES = 4 * 1024;

/**
 * Parse like processor.parse, in pieces for a big document. A piece ends only where blank lines
 * outside fenced code, HTML comments and raw HTML blocks are followed by a line that no open block
 * can continue (CUTTABLE_AFTER_BLANK), so each piece parses as it would in the whole document. Link
 * reference definitions are document-wide: the definition lines a piece refers to but does not hold
 * are appended to it for the parse (their nodes are dropped again).
 */
export function parseInChunks(text: string, chunkBytes = CHUNK_BYTES): Root {
  return parsePieces(text, chunkBytes, {
    whole: (input) => processor.parse(input) as Root,
    piece: (source, start, line) => parsePiece(source, start, line),
  });
}

/** One piece as the parser reads it: `input` is the piece's text, then the definitions it refers to. */
interface PieceSource {
  input: string;
  /** Length of the piece itself (nodes starting at or after it are appended definitions). */
  length: number;
  /** Length of the copied header and delimiter rows `input` starts with (0: none), when the piece continues a table. */
  prefix: number;
}

interface PieceParsers {
  /** The whole text, when it is not cut (small, or no place to cut). */
  whole: (text: string) => Root;
  /** One piece's top-level nodes, at document positions (the piece starts at `start`, after `line` line breaks). */
  piece: (source: PieceSource, start: number, line: number) => RootContent[];
  /** Told when the scan's table cuts proved wrong and the text is parsed again without them. */
  retry?: () => void;
}

function parsePiece(source: PieceSource, start: number, line: number): RootContent[] {
  if (source.prefix > 0) {
    const continued = parseTableContinuation(source, start, line);
    if (continued) return continued;
  }
  const part = processor.parse(source.input) as Root;
  const children = part.children.filter((child) => (child.position?.start.offset ?? 0) < source.length); // drop appended definitions
  const points = new Map<number, Point>();
  for (const child of children) shiftPositions(child, start, line, points);
  return children;
}

/**
 * A piece that continues a long table: its leading rows of plain cells are read directly
 * (table-rows.ts), the rest is parsed under the copied header and delimiter rows as the whole piece
 * would be (rows of a table parse independently of each other). The same nodes as parsing the whole
 * piece, in a fraction of the time and without the parser's garbage. Undefined when no leading row
 * is plain or the prefix is no table (the caller then parses the piece as it is).
 */
function parseTableContinuation(source: PieceSource, start: number, line: number): RootContent[] | undefined {
  const { input, prefix } = source;
  const cells = cellCount(input.slice(0, input.indexOf('\n')));
  // `line` counts the line breaks before the prefix; its two rows come first.
  const plain = plainTableRows(input, prefix, source.length, cells, start, line + 3);
  if (plain.rows.length === 0) return undefined;
  const rest = processor.parse(input.slice(0, prefix) + input.slice(plain.end)) as Root;
  const restLength = prefix + source.length - plain.end;
  const children = rest.children.filter((child) => (child.position?.start.offset ?? 0) < restLength); // drop appended definitions
  const table = children[0];
  if (table?.type !== 'table') return undefined;
  // The rest's prefix stands right before it: where the plain rows end, in the document.
  const points = new Map<number, Point>();
  for (const child of children) shiftPositions(child, start + plain.end - prefix, line + plain.lines, points);
  const [header, ...rows] = table.children;
  const lastRow = rows.length > 0 ? rows[rows.length - 1]! : plain.rows[plain.rows.length - 1]!;
  children[0] = {
    type: 'table',
    align: table.align,
    children: [header!].concat(plain.rows, rows),
    position: { start: { line: line + 1, column: 1, offset: start }, end: lastRow.position!.end },
  };
  return children;
}

/** Cut `text` into pieces (see parseInChunks) and join their top-level nodes. */
function parsePieces(text: string, chunkBytes: number, parsers: PieceParsers, splitTables = true): Root {
  if (text.length <= chunkBytes) return parsers.whole(text);
  const { cuts, definitions, openAtEnd, tablePrefixes } = scanChunks(text, chunkBytes, splitTables);
  if (cuts.length === 0) return parsers.whole(text);
  const joinedTables = new Set<RootContent>(); // tables this parse made by joining pieces (its own to extend)
  const bounds = [0, ...cuts, text.length];
  const root: Root = { type: 'root', children: [] };
  let line = 0;
  for (let c = 0; c + 1 < bounds.length; c++) {
    const start = bounds[c]!;
    const end = bounds[c + 1]!;
    const piece = text.slice(start, end);
    if (/^[ \t\r\n]*$/.test(piece)) {
      line += countLines(piece); // blank lines make no nodes
      continue;
    }
    // A last piece that ends inside a fence or raw HTML would swallow appended lines: none for it.
    const extra = openAtEnd && end === text.length ? '' : referencedDefinitions(piece, start, end, definitions);
    // Rows of a long table continue in this piece: they are parsed under its header and delimiter rows.
    const prefix = tablePrefixes.get(start) ?? '';
    const body = extra ? piece + '\n\n' + extra : piece;
    let children = parsers.piece({ input: prefix + body, length: prefix.length + piece.length, prefix: prefix.length }, start - prefix.length, line - (prefix ? 2 : 0));
    if (prefix) {
      const table = children[0];
      const before = root.children[root.children.length - 1];
      // The scan's guess that these rows continue the table before was wrong: parse without table cuts.
      if (table?.type !== 'table' || before?.type !== 'table' || table.position?.start.offset !== start - prefix.length) {
        parsers.retry?.();
        return parsePieces(text, chunkBytes, parsers, false);
      }
      const rows = table.children.slice(1); // without the copied header row
      // A new node for the joined table: the pieces' own nodes may be a cache's, reused by the next parse.
      const joined = joinedTables.has(before) ? before : { ...before, children: [...before.children], position: { ...before.position!, end: { ...before.position!.end } } };
      joined.children.push(...rows);
      if (rows.length > 0) joined.position!.end = { ...rows[rows.length - 1]!.position!.end };
      joinedTables.add(joined);
      root.children[root.children.length - 1] = joined;
      children = children.slice(1);
    }
    for (const child of children) root.children.push(child);
    line += countLines(piece);
  }
  root.position = { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text, line) };
  return root;
}

/** Pieces for editing: small, so one keystroke re-parses a few KB (the trees are the same at any size). */
export const EDIT_CHUNK_BYTES = 1024;

interface CachedPiece {
  /** The piece's top-level nodes at document positions (`start`, `line` 0-based), as last used. */
  children: RootContent[];
  /** Set when the piece is a whole uncut document. */
  root?: Root;
  start: number;
  line: number;
  /** Parse generation that last used it: older pieces are dropped after each parse. */
  used: number;
}

/**
 * The parsed pieces of one document, for re-parsing it after an edit (the editor's incremental
 * lint). A piece is looked up by its exact parser input (its text and the link definitions appended
 * to it), so a piece whose input did not change is not parsed again: it is reused as it is when it
 * did not move, and copied with shifted offsets and lines when text before it grew or shrank.
 * Only the pieces of the latest parse are kept (memory stays about one tree of the document).
 */
export class PieceCache {
  private readonly pieces = new Map<string, CachedPiece>();
  private generation = 0;
  /**
   * Pieces parsed and reused by the last `parse`, for tests and the bench; `tableRetries`: times the
   * parse started over without table cuts (rows the scan took for a table's were not).
   */
  lastStats = { parsed: 0, reused: 0, shifted: 0, tableRetries: 0 };

  constructor(
    readonly chunkBytes = EDIT_CHUNK_BYTES,
    /** The rules' text scans of this document's last lint, by segment (see scan-memo.ts; lintText keeps it). */
    readonly scans = new ScanMemo(),
  ) {}

  /** Same tree as parseInChunks(text): unchanged pieces come from the cache. */
  parse(text: string): Root {
    const generation = ++this.generation;
    const stats = { parsed: 0, reused: 0, shifted: 0, tableRetries: 0 };
    const root = parsePieces(text, this.chunkBytes, {
      retry: () => stats.tableRetries++,
      whole: (input) => {
        // An uncut document is one piece whose tree is the root itself (positions never move).
        const cached = this.pieces.get(input);
        if (cached?.root) {
          cached.used = generation;
          stats.reused++;
          return cached.root;
        }
        stats.parsed++;
        const parsed = processor.parse(input) as Root;
        this.pieces.set(input, { children: parsed.children, root: parsed, start: 0, line: 0, used: generation });
        return parsed;
      },
      piece: (source, start, line) => {
        const cached = this.pieces.get(source.input);
        if (cached && !cached.root) {
          const moved = cached.start !== start || cached.line !== line;
          if (cached.used === generation) {
            // The same piece twice in one document: a copy for this place (the first keeps the entry).
            stats.shifted++;
            return cached.children.map((child) => shiftedCopy(child, start - cached.start, line - cached.line));
          }
          cached.used = generation;
          if (!moved) {
            stats.reused++;
            return cached.children;
          }
          stats.shifted++;
          cached.children = cached.children.map((child) => shiftedCopy(child, start - cached.start, line - cached.line));
          cached.start = start;
          cached.line = line;
          return cached.children;
        }
        stats.parsed++;
        const children = parsePiece(source, start, line);
        this.pieces.set(source.input, { children, start, line, used: generation });
        return children;
      },
    });
    for (const [key, piece] of this.pieces) if (piece.used !== generation) this.pieces.delete(key);
    this.lastStats = stats;
    return root;
  }

  /** Pieces held (those of the last parse). */
  get size(): number {
    return this.pieces.size;
  }

  clear(): void {
    this.pieces.clear();
    this.scans.clear();
  }
}

/** A copy of `node` (the nodes, not their `data`) with every position moved by `offset` characters and `lines` lines. */
function shiftedCopy<T extends RootContent>(node: T, offset: number, lines: number): T {
  const copy = (n: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...n };
    const p = n.position as Root['position'];
    if (p) {
      out.position = {
        start: { line: p.start.line + lines, column: p.start.column, offset: (p.start.offset ?? 0) + offset },
        end: { line: p.end.line + lines, column: p.end.column, offset: (p.end.offset ?? 0) + offset },
      };
    }
    if (Array.isArray(n.children)) out.children = (n.children as Record<string, unknown>[]).map(copy);
    carryNodeMemos(n, out);
    return out;
  };
  return copy(node as unknown as Record<string, unknown>) as unknown as T;
}

interface Definition {
  label: string;
  offset: number;
  line: string;
}

const DEFINITION = /^ {0,3}\[((?:[^\[\]\\\r\n]|\\.){1,999})\]:/;
const normalizeLabel = (label: string) => label.replace(/[ \t\r\n]+/g, ' ').trim().toLowerCase();

/**
 * A line at column 0 that follows blank lines and is not a list item: every block open before the
 * blank lines has ended (a list item, quote, footnote or indented code cannot continue there, raw
 * HTML and fences are tracked apart), so the text may be cut where the blank lines start. A list
 * marker would continue the list above as its next item, so no cut before one.
 */
const CUTTABLE_AFTER_BLANK = /^(?![-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))[^ \t]/;

interface ChunkScan {
  cuts: number[];
  definitions: Map<string, Definition[]>;
  openAtEnd: boolean;
  /** Cuts between two rows of one table: the header and delimiter rows the next piece is parsed under. */
  tablePrefixes: Map<number, string>;
}

/** A table's header row: at column 0, starting with a pipe. */
const PIPE_ROW = /^\|/;

/** Cells of a table row as GFM splits it: at unescaped pipes, outer pipes not counted. */
function cellCount(row: string): number {
  const trimmed = row.trim();
  let pipes = 0;
  for (let k = 0; k < trimmed.length; k++) {
    const c = trimmed.charCodeAt(k);
    if (c === 92) k++;
    else if (c === 124) pipes++;
  }
  return pipes + 1 - (trimmed.startsWith('|') ? 1 : 0) - (trimmed.length > 1 && trimmed.endsWith('|') && !trimmed.endsWith('\\|') ? 1 : 0);
}

function scanChunks(text: string, chunkBytes: number, splitTables: boolean): ChunkScan {
  const cuts: number[] = [];
  const tablePrefixes = new Map<number, string>();
  // The header row of a table that may start on the next line, then the rows a cut may repeat.
  let headerCandidate: string | undefined;
  let tablePrefix: string | undefined;
  const definitions = new Map<string, Definition[]>();
  const n = text.length;
  let fence: { ch: number; len: number; nested: boolean } | undefined;
  let html: string | undefined; // the end marker of an open raw HTML block or comment
  let previousBlank = true;
  let blankStart = 0;
  let lastCut = 0;
  let pendingCuts: number[] = [];
  let previousHeading = false;
  let i = 0;
  // Front matter (`---` … `---` on line 1) may hold `# comments`: no cut before it ends.
  if (text.startsWith('---')) {
    const close = /\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text.slice(3));
    i = close ? 3 + close.index + close[0].length : n;
    previousBlank = false;
  }
  while (i < n) {
    const lineStart = i;
    let lineEnd = i;
    while (lineEnd < n && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    i = lineEnd >= n ? n : lineEnd + (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
    const line = text.slice(lineStart, lineEnd);
    if (!html && !fence && !/^[ \t]*$/.test(line) && previousBlank) {
      // The first line after blank lines decides whether they may be cut: see CUTTABLE_AFTER_BLANK.
      if (CUTTABLE_AFTER_BLANK.test(line)) {
        // Where the blank lines start (the piece before ends as at a blank line), then inside them.
        if (blankStart - lastCut >= chunkBytes) cuts.push(blankStart);
        cuts.push(...pendingCuts);
        lastCut = cuts[cuts.length - 1] ?? 0;
      }
      pendingCuts = [];
    }
    // A top-level table (header after a blank line or a heading, then its delimiter row): a big one
    // may be cut between two rows, the next piece parsed under a copy of the first two rows.
    if (splitTables && !html && !fence) {
      const pipeRow = PIPE_ROW.test(line);
      if (tablePrefix !== undefined && pipeRow) {
        if (lineStart - lastCut >= chunkBytes) {
          cuts.push(lineStart);
          tablePrefixes.set(lineStart, tablePrefix);
          lastCut = lineStart;
        }
      } else if (headerCandidate !== undefined && pipeRow && isTableDelimiterRow(line, 0, line.length) && cellCount(line) === cellCount(headerCandidate)) {
        tablePrefix = `${headerCandidate}\n${line}\n`;
      } else tablePrefix = undefined;
      headerCandidate = pipeRow && tablePrefix === undefined && (previousBlank || previousHeading) ? line : undefined;
      previousHeading = text.charCodeAt(lineStart) === 35;
    }
    if (html) {
      if (line.toLowerCase().includes(html)) html = undefined;
      previousBlank = false;
      continue;
    }
    // A backtick fence's info string has no backtick (```a``` is a code span, not a fence).
    const fenceOpen = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}(?=[^`]*$)|~{3,})/.exec(line);
    if (fence) {
      const closes = fenceOpen && fenceOpen[1]!.charCodeAt(0) === fence.ch && fenceOpen[1]!.length >= fence.len && /^[ \t]*$/.test(line.slice(fenceOpen[0].length));
      // A fence inside a list item or quote ends with its container: at a line that starts at column 0 (no `>`).
      const dedent = fence.nested && line.length > 0 && !/^[ \t>]/.test(line);
      if (closes) {
        fence = undefined;
        previousBlank = false;
        continue;
      }
      if (!dedent) {
        previousBlank = false;
        continue;
      }
      fence = undefined;
    }
    if (fenceOpen) {
      fence = { ch: fenceOpen[1]!.charCodeAt(0), len: fenceOpen[1]!.length, nested: fenceOpen.index !== 0 || fenceOpen[0].length !== fenceOpen[1]!.length };
      previousBlank = false;
      continue;
    }
    const rawHtml = /^[ \t>]*<(!--|script|pre|style|textarea|\?|!\[CDATA\[)/i.exec(line);
    if (rawHtml) {
      const marker = rawHtml[1]!.toLowerCase();
      const endMarker = marker === '!--' ? '-->' : marker === '?' ? '?>' : marker === '![cdata[' ? ']]>' : `</${marker}>`;
      if (!line.slice(rawHtml[0].length).toLowerCase().includes(endMarker)) html = endMarker;
      previousBlank = false;
      continue;
    }
    const definition = DEFINITION.exec(line);
    if (definition) {
      const label = normalizeLabel(definition[1]!);
      const list = definitions.get(label) ?? [];
      // The destination and title may follow on the next two lines: keep them with it.
      let upTo = i;
      for (let more = 0; more < 2 && upTo < n; more++) {
        let e = upTo;
        while (e < n && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
        if (/^[ \t]*$/.test(text.slice(upTo, e)) || DEFINITION.test(text.slice(upTo, e))) break;
        upTo = e >= n ? n : e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
      }
      if (list.length < 1) list.push({ label, offset: lineStart, line: text.slice(lineStart, upTo).replace(/(?:\r\n|\r|\n)$/, '') }); // the first definition counts
      definitions.set(label, list);
    }
    const blank = /^[ \t]*$/.test(line);
    if (blank && !previousBlank) blankStart = lineStart;
    // A long run of blank lines is cut every chunkBytes too (a file of blank lines would otherwise
    // be one parse holding tokens for millions of lines); kept only if the run may be cut at all.
    else if (blank && lineStart - Math.max(lastCut, pendingCuts[pendingCuts.length - 1] ?? 0, blankStart) >= chunkBytes) pendingCuts.push(lineStart);
    previousBlank = blank;
  }
  // Blank lines up to the end of the document close every open block: their cuts stand.
  if (previousBlank && !fence && !html) cuts.push(...pendingCuts);
  return { cuts, definitions, openAtEnd: Boolean(fence || html), tablePrefixes };
}

/** The definition lines (from outside [start, end)) of labels the piece mentions in brackets. */
function referencedDefinitions(piece: string, start: number, end: number, definitions: Map<string, Definition[]>): string {
  if (definitions.size === 0) return '';
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of piece.matchAll(/\[((?:[^\[\]\\]|\\.){1,999})\]/g)) { // labels may span lines
    const label = normalizeLabel(m[1]!);
    if (seen.has(label)) continue;
    seen.add(label);
    const first = definitions.get(label)?.[0];
    if (first && (first.offset < start || first.offset >= end)) out.push(first.line);
  }
  return out.join('\n');
}

/**
 * Move a piece's nodes to their document positions, and store them compactly: nodes that start or
 * end at the same offset share one point object (a cell ends where the next begins, a row starts
 * with its first cell), and children arrays lose the spare capacity the parser's pushes left
 * (16 slots for a cell's one text node). A 5 MB table holds millions of them.
 */
function shiftPositions(node: RootContent, offset: number, lines: number, points: Map<number, Point>): void {
  const point = (p: Point): Point => {
    const at = (p.offset ?? 0) + offset;
    let shared = points.get(at);
    if (!shared) {
      shared = { line: p.line + lines, column: p.column, offset: at };
      points.set(at, shared);
    }
    return shared;
  };
  const stack: Array<{ position?: Root['position']; children?: unknown[] }> = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const p = current.position;
    if (p) current.position = { start: point(p.start), end: point(p.end) };
    if (Array.isArray(current.children)) {
      current.children = current.children.slice();
      for (const child of current.children) stack.push(child as typeof current);
    }
  }
}

/** Line breaks in a piece (LF, CRLF or a lone CR, as LineIndex counts them). */
function countLines(piece: string): number {
  let count = 0;
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (c === 10 || (c === 13 && piece.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/** The point after the last character, given the text's line breaks (as LineIndex would place it, without indexing every line). */
function endPoint(text: string, lineBreaks: number): { line: number; column: number; offset: number } {
  // The last line starts after the last LF, or after a lone CR (a CR before an LF comes before that LF).
  const lastLineStart = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
  return { line: lineBreaks + 1, column: text.length - lastLineStart + 1, offset: text.length };
}
