import type { Range } from './types.js';

/** What the source map needs of a table (model.ts TableInfo). */
export interface TableRanges {
  headers: readonly string[];
  /** Range of each data row. */
  rowRanges: readonly Range[];
  /** Ranges of the data cells, row by row, in header order. */
  cellRanges: readonly (readonly Range[])[];
}

const ROW_INDEX = /^(?:0|[1-9]\d*)$/;
const unescapeSegment = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
const escapeSegment = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * JSON pointer → source range (design §2). The rows and cells of a table are not entries of their
 * own: `<table>/<row>` and `<table>/<row>/<header>` are answered from the table's ranges when asked
 * (a 500,000-row table would otherwise hold 1.5 million pointer strings and map entries). Reading
 * it as a Map (get, has, iteration, size) sees them as if they were entries; explicit entries win.
 */
export class SourceMap extends Map<string, Range> {
  private readonly tables = new Map<string, TableRanges>();

  /** Answer `pointer` (the table's own range) and its rows and cells from `table`. */
  setTable(pointer: string, range: Range, table: TableRanges): void {
    this.set(pointer, range);
    this.tables.set(pointer, table);
  }

  override get(pointer: string): Range | undefined {
    return super.get(pointer) ?? this.tableRange(pointer);
  }

  override has(pointer: string): boolean {
    return super.has(pointer) || this.tableRange(pointer) !== undefined;
  }

  override get size(): number {
    let size = super.size;
    for (const [pointer, table] of this.tables) {
      for (const [entry] of tableEntries(pointer, table)) if (!super.has(entry)) size++;
    }
    return size;
  }

  override *entries(): MapIterator<[string, Range]> {
    yield* super.entries();
    for (const [pointer, table] of this.tables) {
      for (const entry of tableEntries(pointer, table)) if (!super.has(entry[0])) yield entry;
    }
  }

  override [Symbol.iterator](): MapIterator<[string, Range]> {
    return this.entries();
  }

  override *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<Range> {
    for (const [, value] of this.entries()) yield value;
  }

  override forEach(callback: (value: Range, key: string, map: Map<string, Range>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  override clear(): void {
    super.clear();
    this.tables.clear();
  }

  override delete(pointer: string): boolean {
    const deleted = super.delete(pointer);
    return this.tables.delete(pointer) || deleted;
  }

  /** The range of a table row or cell pointer, if `pointer` is one. */
  private tableRange(pointer: string): Range | undefined {
    if (this.tables.size === 0) return undefined;
    const last = pointer.lastIndexOf('/');
    if (last <= 0) return undefined;
    const row = this.tables.get(pointer.slice(0, last));
    if (row) return ROW_INDEX.test(pointer.slice(last + 1)) ? row.rowRanges[Number(pointer.slice(last + 1))] : undefined;
    const before = pointer.lastIndexOf('/', last - 1);
    if (before <= 0) return undefined;
    const table = this.tables.get(pointer.slice(0, before));
    const index = pointer.slice(before + 1, last);
    if (!table || !ROW_INDEX.test(index)) return undefined;
    const column = table.headers.indexOf(unescapeSegment(pointer.slice(last + 1)));
    return column < 0 ? undefined : table.cellRanges[Number(index)]?.[column];
  }
}

function* tableEntries(pointer: string, table: TableRanges): Generator<[string, Range]> {
  const headers = table.headers.map(escapeSegment);
  for (let r = 0; r < table.rowRanges.length; r++) {
    const row = `${pointer}/${r}`;
    yield [row, table.rowRanges[r]!];
    const cells = table.cellRanges[r]!;
    for (let c = 0; c < headers.length; c++) yield [`${row}/${headers[c]}`, cells[c]!];
  }
}
