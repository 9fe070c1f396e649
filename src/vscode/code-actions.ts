/**
 * Quick fixes for runbook-lint diagnostics (the finding's own fix, "mark reviewed", "disable for
 * this line") and the source action `source.fixAll.runbookLint` ("Fix all runbook-lint problems").
 */
import * as vscode from 'vscode';
import { disableFix, lintText, type Finding, type Fix } from '../core/index.js';
import { COMMANDS, FIX_ALL_KIND_SUFFIX, SOURCE } from './constants.js';
import { findingFor, positionAt } from './convert.js';
import { fixAllText, minimalEdit } from './fix-all.js';
import { localIsoDate, markReviewedEdit } from './frontmatter-edit.js';
import type { DocState, Linter } from './linter.js';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append(FIX_ALL_KIND_SUFFIX);

export function fixToEdit(doc: vscode.TextDocument, fix: Fix, bom: boolean): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(doc.uri, new vscode.Range(positionAt(doc, e.start, bom), positionAt(doc, e.end, bom)), e.newText);
  return edit;
}

/** The edit of "Fix all runbook-lint problems", or undefined when nothing is fixable. */
export function fixAllEdit(doc: vscode.TextDocument, state: DocState): { edit: vscode.WorkspaceEdit; applied: number } | undefined {
  if (!state.result.findings.some((f) => f.fix) || state.resolved.problem) return undefined;
  const text = doc.getText();
  const { schema, ruleConfigs } = state.resolved;
  const fixed = fixAllText(text, (t) => lintText(t, { schema, ruleConfigs }).findings);
  const change = minimalEdit(text, fixed.text);
  if (!change) return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.newText);
  return { edit, applied: fixed.applied };
}

export function markReviewedWorkspaceEdit(doc: vscode.TextDocument, today = localIsoDate()): vscode.WorkspaceEdit | undefined {
  const e = markReviewedEdit(doc.getText(), today);
  if (!e) return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  return edit;
}

export class RunbookCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly linter: Linter) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[] | undefined> {
    const ours = context.diagnostics.filter((d) => d.source === SOURCE);
    const wantsFixAll = !!context.only && (FIX_ALL_KIND.contains(context.only) || context.only.contains(FIX_ALL_KIND));
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
    if (ours.length === 0 && !wantsFixAll) return undefined;
    const state = await this.linter.fresh(doc);
    if (!state || token.isCancellationRequested) return undefined;
    const actions: vscode.CodeAction[] = [];
    if (wantsQuickFix) {
      let missingSections = 0;
      for (const f of state.result.findings) if (f.ruleId === 'required-section' && f.fix) missingSections++;
      for (const d of ours) {
        const f = findingFor(state.result.findings, d);
        if (!f) continue;
        actions.push(...this.quickFixes(doc, state, f, d, missingSections));
      }
    }
    if (wantsFixAll || (!context.only && ours.length > 0)) {
      const all = fixAllEdit(doc, state);
      if (all) {
        const action = new vscode.CodeAction('Fix all runbook-lint problems', FIX_ALL_KIND);
        action.edit = all.edit;
        action.diagnostics = [...this.linter.collection.get(doc.uri) ?? []].filter((d) => findingFor(state.result.findings, d)?.fix);
        actions.push(action);
      }
    }
    return actions;
  }

  private quickFixes(doc: vscode.TextDocument, state: DocState, f: Finding, d: vscode.Diagnostic, missingSections: number): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    const bom = state.result.bom;
    const reviewable = f.ruleId === 'stale-review' || (f.ruleId === 'frontmatter' && f.data?.key === 'last_reviewed');
    if (reviewable) {
      const edit = markReviewedWorkspaceEdit(doc);
      if (edit) {
        const a = new vscode.CodeAction(`Mark as reviewed today (${localIsoDate()})`, vscode.CodeActionKind.QuickFix);
        a.edit = edit;
        a.diagnostics = [d];
        a.isPreferred = true;
        out.push(a);
      }
    }
    if (f.fix && !(reviewable && out.length > 0 && f.ruleId === 'frontmatter')) {
      const a = new vscode.CodeAction(f.fix.title, vscode.CodeActionKind.QuickFix);
      a.edit = fixToEdit(doc, f.fix, bom);
      a.diagnostics = [d];
      a.isPreferred = out.length === 0;
      out.push(a);
    }
    if (f.ruleId === 'required-section' && missingSections > 1) {
      const a = new vscode.CodeAction(`Insert all ${missingSections} missing sections`, vscode.CodeActionKind.QuickFix);
      a.command = { command: COMMANDS.insertMissingSections, title: a.title, arguments: [doc.uri] };
      a.diagnostics = [d];
      out.push(a);
    }
    if (f.ruleId !== 'fatal' && state.result.doc) {
      const fix = disableFix(state.result.doc, f);
      const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      a.edit = fixToEdit(doc, fix, bom);
      a.diagnostics = [d];
      out.push(a);
    }
    return out;
  }
}
