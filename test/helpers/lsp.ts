/** Helpers for tests of the editor layer and the language server: runbook variants and LSP edits applied to text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { EditorText } from '../../src/editor/index.js';

/** The complete example runbook (clean under the default schema). */
export function exampleRunbook(): string {
  return readFileSync(join(process.cwd(), 'examples', 'payments-outage.md'), 'utf8');
}

/** `text` without the `## <title>` sections named (each up to the next `## ` heading). */
export function withoutSections(text: string, titles: string[]): string {
  let out = text;
  for (const title of titles) {
    const start = out.indexOf(`\n## ${title}\n`);
    if (start === -1) throw new Error(`no section "${title}"`);
    const next = out.indexOf('\n## ', start + 1);
    out = out.slice(0, start) + (next === -1 ? '\n' : out.slice(next));
  }
  return out;
}

/** Apply LSP text edits (positions in `text`) the way an editor does: all against the original text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const t = new EditorText(text);
  const spans = edits.map((e, i) => ({ start: t.offsetAt(e.range.start), end: t.offsetAt(e.range.end), newText: e.newText, i }));
  spans.sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** Apply the edits a workspace edit makes to one document. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  return applyTextEdits(text, edit?.changes?.[uri] ?? []);
}
