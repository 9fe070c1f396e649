/** "Fix all" over plain text (pure; no vscode): apply every fix, re-lint, repeat, like `--fix`. */
import type { Finding } from '../core/api.js';
import { core } from './engine.js';
import type { PlainEdit } from './frontmatter-edit.js';

/** Apply fixes until none applies (at most `maxPasses`); returns the new text and how many fixes went in. */
export function fixAllText(text: string, lint: (text: string) => Finding[], maxPasses = 10): { text: string; applied: number } {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  let current = bom ? text.slice(1) : text;
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const fixable = lint(current).filter((f) => f.fix && f.fix.edits.length > 0);
    if (fixable.length === 0) break;
    const r = core().applyFixes(current, fixable);
    if (r.applied.length === 0 || r.text === current) break;
    applied += r.applied.length;
    current = r.text;
  }
  return { text: bom + current, applied };
}

/** The single smallest replacement that turns `a` into `b` (common prefix and suffix kept). */
export function minimalEdit(a: string, b: string): PlainEdit | undefined {
  if (a === b) return undefined;
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  return { start, end: endA, newText: b.slice(start, endB) };
}
