/** Finding table columns by header synonyms, and the ranges of rows and cells (pure). */
import type { TableInfo } from '../../model.js';
import type { Range } from '../../types.js';

/** `**Escalate after (min)**` → `escalate after min`. */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Index of the first column whose normalised header matches one of `patterns` (tried in order, so
 * the first pattern wins over later ones), skipping `exclude`; -1 when none does. Patterns see the
 * normalised header (`escalate after min`).
 */
export function findColumn(headers: readonly string[], patterns: readonly RegExp[], exclude: readonly number[] = []): number {
  const normalized = headers.map(normalizeHeader);
  for (const pattern of patterns) {
    const i = normalized.findIndex((h, index) => !exclude.includes(index) && pattern.test(h));
    if (i >= 0) return i;
  }
  return -1;
}

/** Every column whose header matches one of `patterns`. */
export function findColumns(headers: readonly string[], patterns: readonly RegExp[]): number[] {
  return headers.map(normalizeHeader).flatMap((h, i) => (patterns.some((p) => p.test(h)) ? [i] : []));
}

export function cellText(table: TableInfo, row: number, column: number): string {
  if (column < 0) return '';
  return table.rows[row]?.[table.headers[column]!] ?? '';
}

export function cellRange(table: TableInfo, row: number, column: number): Range {
  return table.cellRanges[row]![Math.max(0, column)]!;
}

/** From the row's first cell to its last (without the outer pipes). */
export function rowRange(table: TableInfo, row: number): Range {
  const cells = table.cellRanges[row]!;
  return { start: cells[0]!.start, end: cells[cells.length - 1]!.end };
}

/** The row's cells joined by ` | `, skipping `exclude`d columns. */
export function rowText(table: TableInfo, row: number, exclude: readonly number[] = []): string {
  return table.headers
    .map((h, i) => (exclude.includes(i) ? '' : (table.rows[row]?.[h] ?? '')))
    .filter(Boolean)
    .join(' | ');
}
