/**
 * The code-action provider: quick fixes for runbook-lint diagnostics and the source action
 * `source.fixAll.runbookLint` ("Fix all runbook-lint problems"). Which actions exist, and their
 * edits, come from the editor layer (src/editor/code-actions.ts), shared with the language server.
 */
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-types';
import type { Fix } from '../core/api.js';
import { codeActions, codeActionsWanted, diagnosticCode, EditorText, fixEdits, localIsoDate, markReviewedEdit, QUICK_FIX, type CodeActionOptions } from '../editor/index.js';
import { FIX_ALL_KIND_SUFFIX } from './constants.js';
import { fromLspDiagnostic, toLspShape, toRange, toWorkspaceEdit } from './convert.js';
import type { Linter } from './linter.js';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append(FIX_ALL_KIND_SUFFIX);

/** A core fix (offsets into the BOM-less text) as a workspace edit of this document. */
export function fixToEdit(doc: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fixEdits(new EditorText(doc.getText()), fix)) edit.replace(doc.uri, toRange(e.range), e.newText);
  return edit;
}

/** `runbookLint.markReviewed`: throws when the front matter is not closed, so the command can say so. */
export function markReviewedWorkspaceEdit(doc: vscode.TextDocument, today = localIsoDate()): vscode.WorkspaceEdit | undefined {
  const e = markReviewedEdit(doc.getText(), today);
  if (!e) return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  return edit;
}

function kindOf(kind: string | undefined): vscode.CodeActionKind | undefined {
  if (kind === undefined) return undefined;
  if (kind === FIX_ALL_KIND.value) return FIX_ALL_KIND;
  if (kind === QUICK_FIX) return vscode.CodeActionKind.QuickFix;
  return vscode.CodeActionKind.Empty.append(kind);
}

export class RunbookCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly linter: Linter) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[] | undefined> {
    // The request's diagnostics in LSP shape; `given` maps them back to VS Code's own objects.
    const given = new Map<lsp.Diagnostic, vscode.Diagnostic>();
    for (const d of context.diagnostics) given.set(toLspShape(d), d);
    const options: CodeActionOptions = { diagnostics: [...given.keys()], only: context.only ? [context.only.value] : undefined, today: localIsoDate(), fixAllKind: FIX_ALL_KIND.value };
    if (!codeActionsWanted(options)) return undefined;
    const state = await this.linter.fresh(doc);
    if (!state || token.isCancellationRequested) return undefined;
    const { core, prepared, problem } = state.resolved;
    const text = doc.getText();
    const actions = codeActions({ uri: doc.uri.toString(), text, result: state.result, lint: problem ? undefined : (t) => core.lintText(t, prepared).findings }, options);
    // Fix-all lists every fixable finding: point at the diagnostics already in Problems for them.
    const key = (d: lsp.Diagnostic) => `${diagnosticCode(d)}\0${d.range.start.line}:${d.range.start.character}\0${d.message}`;
    const published = new Map<string, vscode.Diagnostic>();
    for (const p of this.linter.collection.get(doc.uri) ?? []) published.set(key(toLspShape(p)), p);
    const diagnostic = (d: lsp.Diagnostic) => given.get(d) ?? published.get(key(d)) ?? fromLspDiagnostic(d);
    return actions.map((a) => {
      const action = new vscode.CodeAction(a.title, kindOf(a.kind));
      if (a.edit) action.edit = toWorkspaceEdit(doc, a.edit);
      if (a.command) action.command = { command: a.command.command, title: a.command.title, arguments: a.command.arguments };
      if (a.diagnostics) action.diagnostics = a.diagnostics.map(diagnostic);
      if (a.isPreferred) action.isPreferred = true;
      return action;
    });
  }
}
