import type { FileResult } from '../types.js';

/**
 * Where a formatter's output goes, piece by piece: text, or UTF-8 bytes that hold whole characters
 * (the json formatter writes bytes). A sink may keep a byte piece: the formatter never reuses it.
 */
export type Sink = (piece: string | Uint8Array) => void;

/**
 * A formatter that is fed results one file at a time, in report order, and writes its output as it
 * goes (design: bounded memory, issue 12), so a run never holds every result or the whole report.
 * The bytes written are exactly those of formatting the whole array at once.
 */
export interface StreamFormatter {
  add(result: FileResult): void;
  end(): void;
  /** The run failed: drop whatever waits (a spool's temp file). */
  abort?(): void;
}

/** The whole report as one string (tests, small runs): the streamed pieces joined. */
export function collect(make: (sink: Sink) => StreamFormatter, results: Iterable<FileResult>): string {
  const parts: string[] = [];
  const f = make((piece) => parts.push(typeof piece === 'string' ? piece : textOf(piece)));
  for (const r of results) f.add(r);
  f.end();
  return parts.join('');
}

const utf8 = new TextDecoder();

/** A byte piece's text (whole UTF-8 characters, so each piece decodes on its own). */
export function textOf(piece: Uint8Array): string {
  return utf8.decode(piece);
}

/** `JSON.stringify(value, null, 2)` of an element nested `depth` levels deep in an indented document. */
export function nestedJson(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  // JSON strings never hold a raw newline, so every newline is a line break of the layout.
  return pad + JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

