import type { TableCell, TableRow, Text } from 'mdast';
import type { Point } from 'unist';

/**
 * Rows of a long table whose cells are plain text, read without the Markdown parser. micromark
 * spends about 130 µs and a few KB of short-lived tokens on each row of a big table (a 5 MB table
 * of `| a | b |` took 70 s to parse and 2 GB at its peak); such a row's tree follows from where its
 * pipes are. The nodes are exactly micromark's (same fields in the same order, same positions):
 * test/robustness/table-rows.test.ts compares them on generated rows.
 *
 * A row is read here only when it starts with `|` at column 0, ends with `|` (then optional spaces
 * or tabs), has exactly `cells` cells, and no cell holds a character that may start inline markup
 * or that micromark rewrites (see isPlainCellChar). Any other row ends the run; the caller parses
 * the rest of the text as before.
 */
export interface PlainRows {
  rows: TableRow[];
  /** Index in the input just after the last row's line break (`from` when no row was read). */
  end: number;
  /** Lines read (one per row). */
  lines: number;
}

/**
 * Not plain in a cell: `\` (escapes), `&` (character references), `` ` `` (code), `*` and `_`
 * (emphasis), `[`, `]` and `!` (links, images), `<` (autolinks, HTML), `~` (strikethrough, were it
 * enabled), `|` (the cell ends) and control characters (micromark replaces NUL).
 */
function isPlainCellChar(c: number): boolean {
  if (c < 32) return c === 9;
  switch (c) {
    case 92: case 38: case 96: case 42: case 95: case 91: case 93: case 33: case 60: case 126: case 124: case 127:
      return false;
    default:
      return true;
  }
}

const isSpace = (c: number) => c === 32 || c === 9;

/**
 * Read plain rows from `input[from]` on, not past `to`. `offset` is the document offset of
 * `input[0]`, `line` the 1-based document line of `input[from]`. Rows share the point objects of
 * equal offsets (a cell ends where the next begins), as the chunked parser's nodes do.
 */
export function plainTableRows(input: string, from: number, to: number, cells: number, offset: number, line: number): PlainRows {
  const rows: TableRow[] = [];
  const pipes: number[] = [];
  let at = from;
  let lineNo = line;
  while (at < to && input.charCodeAt(at) === 124) {
    let lineEnd = at;
    while (lineEnd < to && input.charCodeAt(lineEnd) !== 10 && input.charCodeAt(lineEnd) !== 13) lineEnd++;
    let last = lineEnd;
    while (last > at && isSpace(input.charCodeAt(last - 1))) last--;
    if (last - at < 2 || input.charCodeAt(last - 1) !== 124) break;
    pipes.length = 0;
    let plain = true;
    for (let k = at; k < last; k++) {
      const c = input.charCodeAt(k);
      if (c === 124) pipes.push(k);
      else if (!isPlainCellChar(c)) {
        plain = false;
        break;
      }
    }
    if (!plain || pipes.length - 1 !== cells) break;
    const point = (k: number): Point => ({ line: lineNo, column: k - at + 1, offset: offset + k });
    const children: TableCell[] = new Array(cells);
    let cellStart = point(at);
    const rowStart = cellStart;
    for (let j = 0; j < cells; j++) {
      const isLast = j === cells - 1;
      let cs = pipes[j]! + 1;
      let ce = pipes[j + 1]!;
      while (cs < ce && isSpace(input.charCodeAt(cs))) cs++;
      while (ce > cs && isSpace(input.charCodeAt(ce - 1))) ce--;
      const cellEnd = point(isLast ? lineEnd : pipes[j + 1]!);
      const content: Text[] = cs < ce ? [{ type: 'text', value: input.slice(cs, ce), position: { start: point(cs), end: point(ce) } }] : [];
      children[j] = { type: 'tableCell', children: content, position: { start: cellStart, end: cellEnd } };
      cellStart = cellEnd;
    }
    rows.push({ type: 'tableRow', children, position: { start: rowStart, end: cellStart } });
    at = lineEnd >= to ? to : lineEnd + (input.charCodeAt(lineEnd) === 13 && input.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
    lineNo++;
  }
  return { rows, end: rows.length > 0 ? at : from, lines: rows.length };
}
