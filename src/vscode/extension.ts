/** Desktop (Node extension host) entry: the shared activation plus a worker_threads pool for `lintWorkspace`. */
import * as vscode from 'vscode';
import { activateCommon, type ExtensionApi } from './main.js';
import { createNodePool } from './node/pool.js';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const workerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'lint-worker.cjs').fsPath;
  return activateCommon(context, { createPool: () => createNodePool(workerPath) });
}

export function deactivate(): void {}
