import type { Point, Range } from './types.js';

/** Offset ↔ line/column conversion for one text, built once per lint. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  point(offset: number): Point {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1, offset: o };
  }

  range(start: number, end: number): Range {
    return { start: this.point(start), end: this.point(end) };
  }

  /** Offset of the first character of a 1-based line (clamped). */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))]!;
  }

  /** Offset just before the line break of a 1-based line. */
  lineEnd(line: number): number {
    const next = line < this.starts.length ? this.starts[line]! : this.text.length;
    let end = next;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStart(line) && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Range covering a whole 1-based line, without its line break. */
  lineRange(line: number): Range {
    return this.range(this.lineStart(line), this.lineEnd(line));
  }
}

let lastEolText: string | undefined;
let lastEol: '\n' | '\r\n' = '\n';

/** The line break the document uses most, so inserted text matches it. */
export function detectEol(text: string): '\n' | '\r\n' {
  // Rules and fixes ask once per fix (e.g. every missing section); remember the last document.
  if (text === lastEolText) return lastEol;
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  lastEolText = text;
  lastEol = crlf > lf ? '\r\n' : '\n';
  return lastEol;
}

/** Escape one JSON-pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, ...keys: Array<string | number>): string {
  return base + keys.map((k) => '/' + pointerSegment(k)).join('');
}

/** `Escalate after` → `escalate-after`; `**RTO**` → `rto`. */
export function kebabCase(key: string): string {
  return key
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Normalise a heading for alias matching: case, emoji, numbering (`3.`, `3.1`, `Section 3:`,
 * `A.`, `IV.`), punctuation and trailing colons do not matter; `&` reads as `and`.
 */
export function normalizeHeading(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D/gu, ' ')
    .replace(/&/g, ' and ')
    .replace(/^\s*(?:section|part|chapter|appendix|step)\s+[\p{N}a-z]{1,4}\s*[:.)-]\s*/u, '')
    .replace(/^\s*(?:\p{N}+(?:\.\p{N}+)*|[a-h]|[ivx]{1,4})[.)]\s+/u, '')
    .replace(/^\s*\p{N}+(?:\.\p{N}+)+\s+/u, '')
    .replace(/^\s*\p{N}+\s+(?=\p{L})/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** GitHub-style heading slug, used as the id of headings the schema does not name (and for file names: `empty` when nothing is left). */
export function slugify(text: string, empty = 'section'): string {
  return (
    text
      .toLowerCase()
      .trim()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-') || empty
  );
}

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`: a list in a message. */
export function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `text` matched literally inside a regular expression (user-given words and names). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `1 day`, `3 days`: counts in messages. */
export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Text for a message: whitespace collapsed, cut to `max` characters with an ellipsis so a long value
 * cannot swamp it; `label: true` also drops trailing punctuation (a table cell or list item quoted as a name).
 */
export function shorten(text: string, max = 60, options: { label?: boolean } = {}): string {
  let t = text.replace(/\s+/g, ' ').trim();
  if (options.label) t = t.replace(/[.,;:]+$/, '');
  return t.length > max ? `${t.slice(0, max - 3).trimEnd()}…` : t;
}

/** A value quoted for a message (JSON string syntax), shortened. */
export function quoted(value: unknown, max = 40): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > max ? text.slice(0, max - 3) + '…' : text);
}
