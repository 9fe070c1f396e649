/**
 * Checklist preview: commands `runbookLint.openChecklist` and `runbookLint.exportChecklist`, and
 * the serializer that restores the panel after a reload. Called once from activation:
 * `registerChecklist(context, { linter, log })`.
 */
import * as vscode from 'vscode';
import { createLinter, emptyHost, type Linter as CoreLinter, type LintResult, type PreparedSettings } from '../../core/api.js';
import { COMMANDS } from '../constants.js';
import { ChecklistPanel, VIEW_TYPE, type ChecklistDeps, type PanelContext, type PersistedState } from './panel.js';
import { runnerName } from './runner.js';

export { ChecklistPanel, VIEW_TYPE, STALE_NOTICE } from './panel.js';

/** The parts of the extension's Linter the checklist uses (structural, so tests can pass a fake). */
export interface LinterLike {
  fresh(doc: vscode.TextDocument): Promise<{ result: LintResult } | undefined>;
  lint(doc: vscode.TextDocument, force?: boolean): Promise<{ result: LintResult } | undefined>;
  onDidLint?: vscode.Event<vscode.Uri>;
}

export interface RegisterOptions {
  /** The extension's linter (config and schema resolution, diagnostics); the built-in schema when absent. */
  linter?: LinterLike;
  log?: ChecklistDeps['log'];
  /** Overrides who is named as running a drill (tests). */
  runnerName?: () => Promise<string>;
}

/** The view model and export need no files; created on first use (not at activation). */
let engine: CoreLinter | undefined;
const core = (): CoreLinter => (engine ??= createLinter({ host: emptyHost }));
/** Without the extension's linter: the built-in schema and default rules. */
let builtin: PreparedSettings | undefined;

function depsFrom(options: RegisterOptions): ChecklistDeps {
  const { linter } = options;
  const lint: ChecklistDeps['lint'] = linter
    ? async (doc, force) => ((await linter.fresh(doc)) ?? (force ? await linter.lint(doc, true) : undefined))?.result
    : async (doc) => core().lintText(doc.getText(), (builtin ??= core().prepare({ schema: { kind: 'builtin' }, rules: {} })));
  const view: ChecklistDeps['view'] = (result, fallbackTitle) => core().checklist(result, { fallbackTitle });
  return { lint, view, onDidLint: linter?.onDidLint, runnerName: options.runnerName ?? runnerName, log: options.log };
}

async function targetDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === 'markdown') return editor.document;
  if (ChecklistPanel.current) return vscode.workspace.openTextDocument(ChecklistPanel.current.documentUri);
  void vscode.window.showWarningMessage('runbook-lint: open a Markdown runbook first.');
  return undefined;
}

export interface ExportChecklistArgs {
  /** The runbook (default: the active editor's, else the panel's). */
  uri?: vscode.Uri;
  /** Where to write (default: ask with a save dialog). */
  target?: vscode.Uri;
}

export function registerChecklist(context: vscode.ExtensionContext, options: RegisterOptions = {}): void {
  const ctx: PanelContext = { extensionUri: context.extensionUri, deps: depsFrom(options) };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openChecklist, async (arg?: unknown) => {
      const doc = await targetDocument(arg);
      return doc ? ChecklistPanel.createOrShow(ctx, doc) : undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.exportChecklist, async (arg?: unknown) => {
      const args: ExportChecklistArgs = arg instanceof vscode.Uri ? { uri: arg } : ((arg ?? {}) as ExportChecklistArgs);
      const doc = await targetDocument(args.uri);
      if (!doc) return undefined;
      const result = await ctx.deps.lint(doc, true);
      if (!result) return undefined;
      const name = doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1);
      const target = args.target ?? (await vscode.window.showSaveDialog({
        title: 'Export printable checklist', saveLabel: 'Export',
        defaultUri: vscode.Uri.joinPath(doc.uri, '..', `${name.replace(/\.md$/i, '')}.checklist.html`),
        filters: { HTML: ['html'] },
      }));
      if (!target) return undefined;
      const html = core().checklistHtml(core().checklist(result, { fallbackTitle: name }), { source: vscode.workspace.asRelativePath(doc.uri), generatedAt: new Date() });
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
      if (!args.target) {
        void vscode.window.showInformationMessage(`runbook-lint: checklist written to ${vscode.workspace.asRelativePath(target)}.`);
      }
      return target;
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        await ChecklistPanel.revive(ctx, panel, state as PersistedState | undefined);
      },
    }),
    { dispose: () => ChecklistPanel.current?.dispose() },
  );
}
