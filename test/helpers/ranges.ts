import assert from 'node:assert/strict';
import type { Finding, Point, Range } from '../../src/core/types.js';

/**
 * Line starts computed independently of the core's LineIndex: CRLF, lone CR and LF each end a line
 * (CommonMark line endings).
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

/** 1-based line and column of a 0-based offset, by binary search over `lineStarts`. */
export function expectedPoint(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

function checkPoint(text: string, starts: number[], p: Point, what: string): void {
  assert.ok(Number.isInteger(p.offset) && p.offset >= 0 && p.offset <= text.length, `${what}: offset ${p.offset} outside 0..${text.length}`);
  assert.deepEqual({ line: p.line, column: p.column }, expectedPoint(starts, p.offset), `${what}: line/column do not match offset ${p.offset}`);
}

/** A range lies inside the text, start ≤ end, and its lines/columns agree with its offsets. */
export function assertRangeInside(text: string, range: Range, what: string, starts: number[] = lineStarts(text)): void {
  checkPoint(text, starts, range.start, `${what} start`);
  checkPoint(text, starts, range.end, `${what} end`);
  assert.ok(range.start.offset <= range.end.offset, `${what}: start after end`);
}

/**
 * Every finding's range lies inside the document, start ≤ end, line/column agree with the offset,
 * and every fix edit is within bounds with start ≤ end.
 */
export function assertFindingsInside(text: string, findings: readonly Finding[], label = ''): void {
  const starts = lineStarts(text);
  for (const f of findings) {
    const what = `${label}${label ? ' ' : ''}${f.ruleId} "${f.message.slice(0, 80)}"`;
    checkPoint(text, starts, f.range.start, `${what} start`);
    checkPoint(text, starts, f.range.end, `${what} end`);
    assert.ok(f.range.start.offset <= f.range.end.offset, `${what}: start after end`);
    for (const edit of f.fix?.edits ?? []) {
      assert.ok(Number.isInteger(edit.start) && Number.isInteger(edit.end), `${what}: fix edit offsets must be integers`);
      assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, `${what}: fix edit ${edit.start}..${edit.end} outside 0..${text.length}`);
      assert.equal(typeof edit.newText, 'string');
    }
  }
}

/** Findings come in position order (line, then column). */
export function assertSorted(findings: readonly Finding[], label = ''): void {
  for (let i = 1; i < findings.length; i++) {
    const a = findings[i - 1]!.range.start;
    const b = findings[i]!.range.start;
    assert.ok(a.line < b.line || (a.line === b.line && a.column <= b.column), `${label} findings out of order at ${i}: ${a.line}:${a.column} before ${b.line}:${b.column}`);
  }
}
