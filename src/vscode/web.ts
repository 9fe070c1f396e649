/** Web (vscode.dev, web worker extension host) entry: the shared activation, no worker pool, no Node APIs. */
import type * as vscode from 'vscode';
import { activateCommon, type ExtensionApi } from './main.js';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  return activateCommon(context, {});
}

export function deactivate(): void {}
