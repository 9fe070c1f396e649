import * as vscode from 'vscode';

/** The "runbook-lint" output channel. Logs what happened and how long it took; never document text. */
export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('runbook-lint', { log: true });
}
