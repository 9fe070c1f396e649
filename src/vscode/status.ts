/** Status-bar item: errors and warnings of the active runbook; the tooltip says which schema applies and why. */
import * as vscode from 'vscode';
import type { Linter } from './linter.js';

export class StatusItem implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('runbookLint.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Plain-text copy of the tooltip, for tests. */
  tooltipText = '';

  constructor(private readonly linter: Linter) {
    this.item.name = 'runbook-lint';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      linter.onDidLint((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const state = doc ? this.linter.state(doc.uri) : undefined;
    if (!state) {
      this.item.hide();
      this.tooltipText = '';
      return;
    }
    const { errorCount, warningCount } = state.result;
    this.item.text = `$(checklist) ${errorCount > 0 ? `$(error) ${errorCount}` : ''}${errorCount > 0 && warningCount > 0 ? ' ' : ''}${warningCount > 0 ? `$(warning) ${warningCount}` : ''}${errorCount + warningCount === 0 ? '$(check)' : ''}`;
    const r = state.resolved;
    const lines = [
      `runbook-lint: ${errorCount} error(s), ${warningCount} warning(s)`,
      `Schema: ${r.schemaLabel} — ${r.schemaWhy}`,
    ];
    if (r.problem) lines.push(`Problem: ${r.problem}`);
    this.tooltipText = lines.join('\n');
    const md = new vscode.MarkdownString(lines.map((l) => l.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&')).join('\n\n'));
    this.item.tooltip = md;
    this.item.backgroundColor = r.problem ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: lines.join('. ') };
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
