/** The editor commands of design §7 (ids are contract). Each also takes arguments so tests can skip prompts. */
import * as vscode from 'vscode';
import { slugify } from '../core/api.js';
import { COMMANDS } from './constants.js';
import { markReviewedWorkspaceEdit } from './code-actions.js';
import { globBase } from './detect.js';
import { minimalEdit, runbookSkeleton } from '../editor/index.js';
import { displayPath, type Resolver } from './resolver.js';
import { isMarkdown, type Linter } from './linter.js';
import { lintWorkspace, type Platform, type WorkspaceLintOptions } from './workspace-lint.js';
import type { Log } from './log.js';

async function targetDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !isMarkdown(doc)) {
    void vscode.window.showWarningMessage('runbook-lint: open a Markdown runbook first.');
    return undefined;
  }
  return doc;
}

export interface NewRunbookArgs {
  name?: string;
  folder?: vscode.Uri;
}

export function registerCommands(context: vscode.ExtensionContext, linter: Linter, resolver: Resolver, workspaceCollection: vscode.DiagnosticCollection, platform: Platform, log: Log): void {
  const register = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  register(COMMANDS.lint, async (arg) => {
    const doc = await targetDocument(arg);
    if (!doc) return undefined;
    const state = await linter.lint(doc, true);
    return state ? { errors: state.result.errorCount, warnings: state.result.warningCount } : undefined;
  });

  register(COMMANDS.lintWorkspace, (arg) => lintWorkspace(linter, resolver, workspaceCollection, platform, log, (arg ?? {}) as WorkspaceLintOptions));

  register(COMMANDS.newRunbook, async (arg) => {
    const args = (arg ?? {}) as NewRunbookArgs;
    const name =
      args.name ??
      (await vscode.window.showInputBox({
        title: 'runbook-lint: new runbook',
        prompt: 'Name of the runbook (the title; the file name is derived from it)',
        placeHolder: 'Payments outage',
        validateInput: (v) => (v.trim() ? undefined : 'Enter a name, e.g. "Payments outage"'),
      }));
    if (!name?.trim()) return undefined;
    const folder = args.folder ?? (await defaultFolder(resolver));
    const resolvedFolder = folder ? await resolver.resolve(vscode.Uri.joinPath(folder, 'new-runbook.md')) : undefined;
    const base = slugify(name, 'runbook');
    let doc: vscode.TextDocument;
    if (folder) {
      let uri = vscode.Uri.joinPath(folder, `${base}.md`);
      for (let i = 2; await exists(uri); i++) uri = vscode.Uri.joinPath(folder, `${base}-${i}.md`);
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(uri, new Uint8Array());
      doc = await vscode.workspace.openTextDocument(uri);
    } else {
      doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    }
    const { info } = (resolvedFolder ?? (await resolver.resolve(doc.uri))).prepared;
    const editor = await vscode.window.showTextDocument(doc);
    linter.forced.add(doc.uri.toString());
    await editor.insertSnippet(new vscode.SnippetString(runbookSkeleton(info, name.trim())), new vscode.Position(0, 0));
    log.info(`new runbook ${displayPath(doc.uri)} from schema ${info.id}`);
    return doc.uri;
  });

  register(COMMANDS.insertMissingSections, async (arg) => {
    const doc = await targetDocument(arg);
    if (!doc) return 0;
    const state = (await linter.fresh(doc)) ?? (await linter.lint(doc, true));
    if (!state) return 0;
    const missing = state.result.findings.filter((f) => f.ruleId === 'required-section' && f.fix);
    if (missing.length === 0) {
      void vscode.window.showInformationMessage('runbook-lint: no section is missing.');
      return 0;
    }
    const text = doc.getText();
    const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const fixed = state.resolved.core.applyFixes(bom ? text.slice(1) : text, missing);
    const change = minimalEdit(text, bom + fixed.text);
    if (!change) return 0;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.newText);
    await vscode.workspace.applyEdit(edit);
    return fixed.applied.length;
  });

  register(COMMANDS.markReviewed, async (arg) => {
    const doc = await targetDocument(arg);
    if (!doc) return false;
    let edit: vscode.WorkspaceEdit | undefined;
    try {
      edit = markReviewedWorkspaceEdit(doc);
    } catch (error) {
      void vscode.window.showErrorMessage(`runbook-lint: ${(error as Error).message}`);
      return false;
    }
    if (!edit) {
      void vscode.window.showInformationMessage('runbook-lint: last_reviewed is already today.');
      return true;
    }
    return vscode.workspace.applyEdit(edit);
  });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Where a new runbook goes: the static base of the first `include` glob in force, else the workspace folder of the active file. */
async function defaultFolder(resolver: Resolver): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const ws = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!ws) return undefined;
  const resolved = await resolver.resolve(vscode.Uri.joinPath(ws.uri, 'new-runbook.md'));
  const include = resolved.includeGlobs;
  if (!include) return ws.uri;
  const base = globBase(include.globs[0]!);
  return base ? vscode.Uri.joinPath(include.dir, base) : include.dir;
}
