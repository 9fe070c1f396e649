/**
 * A document's text as the editor holds it, and conversion between core positions (1-based
 * lines/columns and offsets of the text WITHOUT a byte-order mark) and LSP positions (0-based
 * lines, UTF-16 characters of the text as held, BOM included when the client kept one).
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { LineIndex, type Range as CoreRange } from '../core/api.js';

/** Core range → LSP range; the BOM, when the editor's text has one, shifts line 1 by one character. */
export function toLspRange(r: CoreRange, bom = false): Range {
  return {
    start: { line: r.start.line - 1, character: r.start.column - 1 + (bom && r.start.line === 1 ? 1 : 0) },
    end: { line: r.end.line - 1, character: r.end.column - 1 + (bom && r.end.line === 1 ? 1 : 0) },
  };
}

export class EditorText {
  /** The text starts with U+FEFF, which core strips before parsing (its offsets exclude it). */
  readonly bom: boolean;
  private index?: LineIndex;

  constructor(readonly text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff;
  }

  private get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  /** LSP position of an offset into the full text. */
  positionAt(offset: number): Position {
    const p = this.lines.point(offset);
    return { line: p.line - 1, character: p.column - 1 };
  }

  /** LSP position of a core offset (BOM-less text). */
  corePosition(offset: number): Position {
    return this.positionAt(offset + (this.bom ? 1 : 0));
  }

  /** Offset into the full text of an LSP position (clamped to its line, like editors do). */
  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.lines.lineCount - 1)) + 1;
    const start = this.lines.lineStart(line);
    return Math.min(start + Math.max(0, position.character), this.lines.lineEnd(line));
  }

  /** One line without its line break (0-based; empty past the end). */
  line(line: number): string {
    if (line < 0 || line >= this.lines.lineCount) return '';
    return this.text.slice(this.lines.lineStart(line + 1), this.lines.lineEnd(line + 1));
  }
}
