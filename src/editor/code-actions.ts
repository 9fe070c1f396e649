/**
 * Code actions for runbook-lint diagnostics, in LSP terms: each finding's own fix, "Mark as
 * reviewed today", "Insert all N missing sections", "Disable <rule> for this line/file", and the
 * source action "Fix all runbook-lint problems". Every action is offered once: several
 * diagnostics that lead to the same edit (three missing sections reported on line 1 all offer
 * "Insert all 3 missing sections" and "Disable required-section for this file") share one action
 * that lists all of them.
 */
import type { CodeAction, Diagnostic, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Finding, Fix } from '../core/api.js';
import { core } from './engine.js';
import { findingFor, SOURCE, toLspDiagnostic } from './diagnostics.js';
import { fixAllText, minimalEdit } from './fix-all.js';
import { markReviewedEdit } from './frontmatter-edit.js';
import { EditorText } from './text.js';
import type { LintedDocument } from './document.js';

export const QUICK_FIX = 'quickfix';
/** The language server's fix-all kind (`editor.codeActionsOnSave`, Neovim's `context.only`). */
export const FIX_ALL_KIND = 'source.fixAll.runbook-lint';
export const FIX_ALL_TITLE = 'Fix all runbook-lint problems';

/** LSP kinds are dot-separated hierarchies: `source` contains `source.fixAll.runbook-lint`; '' contains everything. */
export function kindContains(parent: string, child: string): boolean {
  return parent === '' || child === parent || child.startsWith(parent + '.');
}

export interface CodeActionOptions {
  /** The diagnostics of the request's context (other sources' are ignored). */
  diagnostics: readonly Diagnostic[];
  /** The request's `context.only`, if any. */
  only?: readonly string[];
  /** "Today" for "Mark as reviewed today", as the person reviewing sees it (local date). */
  today: string;
  /** Kind of the fix-all source action (the VS Code extension keeps its own `source.fixAll.runbookLint`). */
  fixAllKind?: string;
}

function wants(options: CodeActionOptions) {
  const fixAllKind = options.fixAllKind ?? FIX_ALL_KIND;
  const only = options.only && options.only.length > 0 ? options.only : undefined;
  const ours = options.diagnostics.filter((d) => d.source === SOURCE);
  const fixAll = !!only && only.some((k) => kindContains(k, fixAllKind) || kindContains(fixAllKind, k));
  const quickFix = !only || only.some((k) => kindContains(k, QUICK_FIX) || kindContains(QUICK_FIX, k));
  return { fixAllKind, only, ours, fixAll, quickFix, any: ours.length > 0 || fixAll };
}

/** Whether a request can yield any action (checked before linting the document for it). */
export function codeActionsWanted(options: CodeActionOptions): boolean {
  return wants(options).any;
}

export function codeActions(doc: LintedDocument, options: CodeActionOptions): CodeAction[] {
  const { fixAllKind, only, ours, fixAll: wantsFixAll, quickFix: wantsQuickFix, any } = wants(options);
  if (!any) return [];
  const text = new EditorText(doc.text);
  const findings = doc.result.findings;
  const actions = new ActionList();
  if (wantsQuickFix) {
    const missing = findings.filter((f) => f.ruleId === 'required-section' && f.fix);
    for (const d of ours) {
      const f = findingFor(findings, d, text.bom);
      if (f) quickFixes(doc, text, f, d, missing, options.today, actions);
    }
  }
  if (wantsFixAll || (!only && ours.length > 0)) {
    const edit = fixAllEdit(doc, text);
    if (edit) {
      actions.add({
        title: FIX_ALL_TITLE,
        kind: fixAllKind,
        edit: workspaceEdit(doc.uri, [edit]),
        diagnostics: findings.filter((f) => f.fix).map((f) => toLspDiagnostic(f, text.bom)),
      });
    }
  }
  return actions.list;
}

function quickFixes(doc: LintedDocument, text: EditorText, f: Finding, d: Diagnostic, missing: Finding[], today: string, actions: ActionList): void {
  let offered = 0;
  const reviewable = f.ruleId === 'stale-review' || (f.ruleId === 'frontmatter' && f.data?.key === 'last_reviewed');
  if (reviewable) {
    const edit = markReviewed(text, today);
    if (edit) {
      actions.add({ title: `Mark as reviewed today (${today})`, kind: QUICK_FIX, edit: workspaceEdit(doc.uri, [edit]), diagnostics: [d], isPreferred: true });
      offered++;
    }
  }
  // "Mark as reviewed" already sets a missing last_reviewed; the frontmatter rule's own fix would insert a placeholder.
  if (f.fix && !(f.ruleId === 'frontmatter' && offered > 0)) {
    actions.add({ title: f.fix.title, kind: QUICK_FIX, edit: workspaceEdit(doc.uri, fixEdits(text, f.fix)), diagnostics: [d], isPreferred: offered === 0 });
    offered++;
  }
  if (f.ruleId === 'required-section' && missing.length > 1) {
    const edit = insertAllEdit(text, missing);
    if (edit) actions.add({ title: `Insert all ${missing.length} missing sections`, kind: QUICK_FIX, edit: workspaceEdit(doc.uri, [edit]), diagnostics: [d] });
  }
  const fix = f.ruleId === 'fatal' ? undefined : core().disableFix(doc.result, f);
  if (fix) {
    actions.add({ title: fix.title, kind: QUICK_FIX, edit: workspaceEdit(doc.uri, fixEdits(text, fix)), diagnostics: [d] });
  }
}

/** The edits of a core fix (offsets into the BOM-less text) as LSP text edits. */
export function fixEdits(text: EditorText, fix: Fix): LspTextEdit[] {
  return fix.edits.map((e) => ({ range: { start: text.corePosition(e.start), end: text.corePosition(e.end) }, newText: e.newText }));
}

/** "Fix all runbook-lint problems": apply, re-lint, repeat (like `--fix`), as one minimal edit. */
export function fixAllEdit(doc: LintedDocument, text = new EditorText(doc.text)): LspTextEdit | undefined {
  if (!doc.lint || !doc.result.findings.some((f) => f.fix)) return undefined;
  const fixed = fixAllText(doc.text, doc.lint);
  const change = minimalEdit(doc.text, fixed.text);
  return change && { range: { start: text.positionAt(change.start), end: text.positionAt(change.end) }, newText: change.newText };
}

/** Every missing section at once, in schema order (core reports them in that order). */
export function insertAllEdit(text: EditorText, missing: Finding[]): LspTextEdit | undefined {
  const plain = text.bom ? text.text.slice(1) : text.text;
  const change = minimalEdit(plain, core().applyFixes(plain, missing).text);
  return change && { range: { start: text.corePosition(change.start), end: text.corePosition(change.end) }, newText: change.newText };
}

/** Set `last_reviewed` to `today`; undefined when it already is, or the front matter is not closed. */
export function markReviewed(text: EditorText, today: string): LspTextEdit | undefined {
  let e;
  try {
    e = markReviewedEdit(text.text, today);
  } catch {
    return undefined; // unclosed front matter: editing it blindly could break the YAML
  }
  return e && { range: { start: text.positionAt(e.start), end: text.positionAt(e.end) }, newText: e.newText };
}

function workspaceEdit(uri: string, edits: LspTextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits } };
}

/** Actions keyed by kind, title and edit: a repeat only adds its diagnostic to the first one. */
class ActionList {
  readonly list: CodeAction[] = [];
  private readonly byKey = new Map<string, CodeAction>();

  add(action: CodeAction): void {
    const key = JSON.stringify([action.kind, action.title, action.edit, action.command]);
    const seen = this.byKey.get(key);
    if (!seen) {
      this.byKey.set(key, action);
      this.list.push(action);
      return;
    }
    for (const d of action.diagnostics ?? []) if (!seen.diagnostics?.includes(d)) (seen.diagnostics ??= []).push(d);
    if (action.isPreferred) seen.isPreferred = true;
  }
}
