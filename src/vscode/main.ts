/**
 * Activation shared by the desktop (`extension.ts`) and web (`web.ts`) entries: registers
 * providers, commands and listeners, and nothing else — linting starts on the next tick, so
 * activation stays cheap. No `fs`, no `worker_threads` on this path.
 */
import * as vscode from 'vscode';
import { createLog } from './log.js';
import { Resolver } from './resolver.js';
import { isMarkdown, Linter } from './linter.js';
import { StatusItem } from './status.js';
import { RunbookCodeActions } from './code-actions.js';
import { RunbookCompletions, RunbookHover } from './completion.js';
import { registerCommands } from './commands.js';
import { registerChecklist } from './checklist/index.js';
import { CONFIG_NAMES } from './constants.js';
import type { Platform } from './workspace-lint.js';

/** Returned from activate(): internals the in-host tests inspect (not a public API). */
export interface ExtensionApi {
  linter: Linter;
  resolver: Resolver;
  status: StatusItem;
  workspaceCollection: vscode.DiagnosticCollection;
  configDiagnostics: vscode.DiagnosticCollection;
}

export function activateCommon(context: vscode.ExtensionContext, platform: Platform): ExtensionApi {
  const log = createLog();
  const configDiagnostics = vscode.languages.createDiagnosticCollection('runbook-lint-config');
  const workspaceCollection = vscode.languages.createDiagnosticCollection('runbook-lint-workspace');
  const resolver = new Resolver(log, configDiagnostics);
  const linter = new Linter(resolver, log, workspaceCollection);
  const status = new StatusItem(linter);
  context.subscriptions.push(log, configDiagnostics, workspaceCollection, resolver, linter, status);

  const selector: vscode.DocumentSelector = { language: 'markdown' };
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(selector, new RunbookCodeActions(linter), { providedCodeActionKinds: RunbookCodeActions.kinds }),
    vscode.languages.registerCompletionItemProvider(selector, new RunbookCompletions(linter, resolver), ...RunbookCompletions.triggers),
    vscode.languages.registerHoverProvider(selector, new RunbookHover(linter, resolver)),
  );
  registerCommands(context, linter, resolver, workspaceCollection, platform, log);
  registerChecklist(context, { linter, log }); // checklist panel, export and serializer (src/vscode/checklist)

  const settings = (uri?: vscode.Uri) => vscode.workspace.getConfiguration('runbookLint', uri);
  const reload = (reason: string) => {
    resolver.invalidate(reason);
    linter.relintAll();
  };
  const isConfigFile = (uri: vscode.Uri) => (CONFIG_NAMES as readonly string[]).includes(uri.path.slice(uri.path.lastIndexOf('/') + 1));

  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.runbook-lint.{json,jsonc}');
  const jsonWatcher = vscode.workspace.createFileSystemWatcher('**/*.{json,jsonc}');
  const mdWatcher = vscode.workspace.createFileSystemWatcher('**/*.md', true, true, false);
  const onJson = (uri: vscode.Uri) => {
    if (resolver.schemaFiles.has(uri.toString())) reload(`schema ${vscode.workspace.asRelativePath(uri)} changed`);
  };
  const onDeleted = (uri: vscode.Uri) => {
    linter.clear(uri);
    workspaceCollection.delete(uri);
  };
  context.subscriptions.push(
    configWatcher,
    jsonWatcher,
    mdWatcher,
    configWatcher.onDidCreate((u) => reload(`config ${vscode.workspace.asRelativePath(u)} created`)),
    configWatcher.onDidChange((u) => reload(`config ${vscode.workspace.asRelativePath(u)} changed`)),
    configWatcher.onDidDelete((u) => reload(`config ${vscode.workspace.asRelativePath(u)} deleted`)),
    jsonWatcher.onDidCreate(onJson),
    jsonWatcher.onDidChange(onJson),
    jsonWatcher.onDidDelete(onJson),
    mdWatcher.onDidDelete(onDeleted),
    vscode.workspace.onDidDeleteFiles((e) => e.files.forEach(onDeleted)),
    vscode.workspace.onDidOpenTextDocument((doc) => linter.schedule(doc, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!isMarkdown(e.document) || e.contentChanges.length === 0) return;
      const s = settings(e.document.uri);
      if (s.get<string>('run', 'onType') === 'onType') linter.schedule(e.document, s.get<number>('debounceMs', 300));
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      // Saving a config or schema in the editor re-lints at once, without waiting for the watcher.
      if (isConfigFile(doc.uri)) reload(`config ${vscode.workspace.asRelativePath(doc.uri)} saved`);
      else if (resolver.schemaFiles.has(doc.uri.toString())) reload(`schema ${vscode.workspace.asRelativePath(doc.uri)} saved`);
      else if (isMarkdown(doc) && settings(doc.uri).get<string>('run', 'onType') === 'onSave') linter.schedule(doc, 0);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => linter.closed(doc)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('runbookLint')) reload('settings changed');
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => reload('workspace trusted')),
  );

  // Documents already open when the extension activates; off the activation path.
  setTimeout(() => {
    for (const doc of vscode.workspace.textDocuments) linter.schedule(doc, 0);
  }, 0);
  log.info(`activated (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, ${platform.createPool ? 'worker pool available' : 'no worker pool'}, workspace ${vscode.workspace.isTrusted ? 'trusted' : 'not trusted'})`);
  return { linter, resolver, status, workspaceCollection, configDiagnostics };
}
