/**
 * End-to-end test of the checklist panel inside a real VS Code host (code-server, see
 * test/host/README.md). Bundled to CJS by test/checklist/host-e2e.mjs and run by the host's test
 * runner; clicks inside the webview go through the run-host bridge (Playwright frames).
 * No sleeps: every wait is on a VS Code event or on the bridge polling for a selector.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ChecklistPanel } from '../../../src/vscode/checklist/panel.js';
import { STALE_NOTICE } from '../../../src/vscode/checklist/panel.js';
import { lintText } from '../../../src/core/lint.js';
import { builtinSchema } from '../../../src/core/builtin-schema.js';
import { buildChecklistView } from '../../../src/core/checklist/index.js';

const bridge = process.env.RUNBOOK_LINT_HOST_BRIDGE;

async function host(action: 'click' | 'text' | 'screenshot', body: Record<string, unknown>): Promise<{ ok: boolean; text?: string | null; error?: string }> {
  const res = await fetch(`${bridge}/${action}`, { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()) as { ok: boolean; text?: string | null };
}

async function click(selector: string): Promise<void> {
  const r = await host('click', { selector, timeoutMs: 15_000 });
  assert.equal(r.ok, true, `clicked ${selector} in the webview (${r.error ?? 'not found'})`);
}

async function text(selector: string, timeoutMs = 15_000): Promise<string | null | undefined> {
  const r = await host('text', { selector, timeoutMs });
  return r.ok ? r.text : undefined;
}

/** Resolves when `cond()` holds, re-checking whenever `event` fires; fails after `ms`. */
function until<T>(what: string, event: vscode.Event<T>, cond: (e?: T) => boolean, ms = 20_000): Promise<void> {
  if (cond()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const sub = event((e) => {
      if (!cond(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

const changed = (doc: vscode.TextDocument, cond: () => boolean, what: string) =>
  until(what, vscode.workspace.onDidChangeTextDocument, (e) => (e === undefined ? cond() : e.document === doc && cond()));

function step(name: string): void {
  console.log(`checklist e2e: ${name}`);
}

export async function run(): Promise<void> {
  assert.ok(bridge, 'RUNBOOK_LINT_HOST_BRIDGE is set (run through test/checklist/host-e2e.mjs)');
  const ext = vscode.extensions.getExtension('runbook-lint.runbook-lint');
  assert.ok(ext, 'the extension is loaded');
  await ext.activate();
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const paymentsUri = vscode.Uri.joinPath(folder, 'payments-outage.md');
  const missingUri = vscode.Uri.joinPath(folder, 'missing-channels.md');

  step('open the runbook and the panel beside it');
  const doc = await vscode.workspace.openTextDocument(paymentsUri);
  const original = doc.getText();
  await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  const panel = (await vscode.commands.executeCommand('runbookLint.openChecklist')) as ChecklistPanel;
  assert.ok(panel && panel.panel, 'openChecklist returns the panel');
  assert.equal(panel.panel.viewType, 'runbookLint.checklist');
  assert.equal(panel.panel.viewColumn, vscode.ViewColumn.Two, 'opened beside the editor');
  assert.equal(vscode.window.activeTextEditor?.document, doc, 'the editor kept the focus (preserveFocus)');
  await until('the webview script', panel.onDidRender, () => panel.settled);
  assert.equal(await text('h1'), 'Northwind Payments – Payments Platform Outage Runbook');
  assert.match((await text('#live')) ?? '', /^0 of 11 checklist items done/);
  assert.equal(await text('a[href="tel:+15550101"]'), '+1-555-0101', 'call list with tel: links');

  step('click a checkbox: the source line becomes [x]');
  const line = doc.getText().split('\n').findIndex((l) => l.includes('Declare the incident and name the Incident Commander'));
  assert.ok(doc.lineAt(line).text.startsWith('- [ ] '));
  let toggled = changed(doc, () => doc.lineAt(line).text.startsWith('- [x] '), 'the [x] edit');
  await click('#cb-0');
  await toggled;
  assert.equal(doc.lineAt(line).text, '- [x] Declare the incident and name the Incident Commander.');
  assert.equal(doc.isDirty, true);
  await until('re-render after the edit', panel.onDidRender, () => panel.shownVersion === doc.version && panel.settled);
  assert.notEqual(await text(`#content[data-version="${doc.version}"] #cb-0:checked`), undefined, 'panel shows it checked');
  assert.match((await text('#live')) ?? '', /^1 of 11 checklist items done/);

  step('undo restores [ ]');
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
  toggled = changed(doc, () => doc.lineAt(line).text.startsWith('- [ ] '), 'the undo');
  await vscode.commands.executeCommand('undo');
  await toggled;
  assert.equal(doc.lineAt(line).text, '- [ ] Declare the incident and name the Incident Commander.');

  step('a click on a stale checklist re-renders with a notice and edits nothing');
  await until('re-render after the undo', panel.onDidRender, () => panel.shownVersion === doc.version && panel.settled);
  panel.holdUpdates = true;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(line, 0), '- [ ] A step added while the panel was not looking.\n');
  assert.ok(await vscode.workspace.applyEdit(edit));
  const staleVersion = panel.shownVersion;
  assert.ok(doc.version > staleVersion);
  const before = doc.getText();
  await click('#cb-1');
  await until('the stale re-render', panel.onDidRender, () => panel.shownVersion === doc.version && panel.settled);
  assert.equal(await text(`#content[data-version="${doc.version}"] #notice`), STALE_NOTICE);
  assert.equal(doc.getText(), before, 'nothing was written');
  panel.holdUpdates = false;
  assert.match((await text('#live')) ?? '', /of 12 checklist items/, 'the refreshed panel shows the added item');
  // The same click now works, on the refreshed version.
  toggled = changed(doc, () => doc.lineAt(line + 1).text.startsWith('- [x] Declare'), 'the fresh click');
  await click(`#content[data-version="${doc.version}"] #cb-1`);
  await toggled;
  await until('re-render after the fresh click', panel.onDidRender, () => panel.shownVersion === doc.version && panel.settled);

  step('clicking an item reveals its line');
  const reveal = until('the selection', vscode.window.onDidChangeTextEditorSelection, (e) => e?.textEditor.document === doc && e.selections[0]!.active.line === line + 2);
  await click('#t-2');
  await reveal.catch((e) => {
    const ed = vscode.window.activeTextEditor;
    throw new Error(`${(e as Error).message}: active ${ed?.document.uri.toString()} line ${ed?.selection.active.line}, expected ${line + 2}`);
  });

  step('the panel follows the active runbook; Insert section applies the quick fix');
  const missing = await vscode.workspace.openTextDocument(missingUri);
  await vscode.window.showTextDocument(missing, vscode.ViewColumn.One);
  await until('the panel to follow', panel.onDidRender, () => panel.documentUri.toString() === missingUri.toString() && panel.settled);
  assert.equal(panel.panel.title, 'Checklist: missing-channels.md');
  assert.equal(await text('#insert-backup-channels'), 'Insert section');
  const inserted = changed(missing, () => /^## Backup Communication Channels/m.test(missing.getText()), 'the inserted section');
  await click('#insert-backup-channels');
  await inserted;
  const after = lintText(missing.getText(), { schema: builtinSchema() });
  assert.equal(after.findings.some((f) => f.ruleId === 'required-section' && f.data?.sectionId === 'backup-channels'), false);

  step('drill: checking records a time, the runbook is not touched; run log and export written');
  await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  await until('the panel back on the payments runbook', panel.onDidRender, () => panel.documentUri.toString() === paymentsUri.toString() && panel.settled);
  await click('#drill-start');
  await until('the drill', panel.onDidRender, () => panel.drill !== undefined && panel.settled);
  const drillText = doc.getText();
  await click('#cb-2');
  await until('the drill timestamp', panel.onDidRender, () => Object.keys(panel.drill?.checked ?? {}).length === 1 && panel.settled);
  assert.equal(doc.getText(), drillText, 'the drill does not write into the runbook');
  assert.match((await text('.stamp time')) ?? '', /^\+\d\d:\d\d:\d\d$/);
  const logUri = vscode.Uri.joinPath(folder, 'run-log.md');
  assert.ok(await panel.exportRunLog(logUri));
  const log = new TextDecoder().decode(await vscode.workspace.fs.readFile(logUri));
  assert.match(log, /^# Run log: Northwind Payments/);
  assert.match(log, /\| 1 \| .* \| \+00:00:\d\d \| Activation Criteria \| Open the incident log/);
  assert.match(log, /- Run by: \S/);
  const htmlUri = vscode.Uri.joinPath(folder, 'payments.checklist.html');
  assert.ok(await vscode.commands.executeCommand('runbookLint.exportChecklist', { uri: paymentsUri, target: htmlUri }));
  const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(htmlUri));
  assert.ok(html.startsWith('<!DOCTYPE html>') && !html.includes('<script'));
  // Uncheck (a run with checked items asks before ending, in a modal nobody could answer here), then end.
  await click('#cb-2');
  await until('the unchecked drill item', panel.onDidRender, () => Object.keys(panel.drill?.checked ?? {}).length === 0 && panel.settled);
  await click('#drill-stop');
  await until('the drill to end', panel.onDidRender, () => panel.drill === undefined);
  assert.equal(doc.getText(), drillText, 'still untouched after the drill');

  step('screenshot of the panel beside the runbook');
  // The original runbook with its first two activation items done.
  const shown = original.replace('- [ ] Declare the incident', '- [x] Declare the incident').replace('- [ ] Open the incident log', '- [x] Open the incident log');
  const reset = new vscode.WorkspaceEdit();
  reset.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), shown);
  assert.ok(await vscode.workspace.applyEdit(reset));
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false, selection: new vscode.Range(line, 0, line, 0) });
  editor.revealRange(new vscode.Range(line - 14, 0, line + 12, 0), vscode.TextEditorRevealType.AtTop);
  await until('final render', panel.onDidRender, () => panel.shownVersion === doc.version && panel.documentUri.toString() === paymentsUri.toString() && panel.settled);
  assert.notEqual(await text(`#content[data-version="${doc.version}"] #cb-1:checked`), undefined);
  assert.match((await text('#live')) ?? '', /^2 of 11 checklist items done/);
  if (process.env.CHECKLIST_SCREENSHOT) {
    const shot = await host('screenshot', { path: process.env.CHECKLIST_SCREENSHOT });
    assert.equal(shot.ok, true);
  }

  // Optional visual check of the theme variables (not asserted): dark and high-contrast screenshots.
  const themeShots = process.env.CHECKLIST_THEME_SHOTS;
  if (themeShots) {
    const workbench = vscode.workspace.getConfiguration('workbench');
    for (const [theme, name] of [['Default Dark Modern', 'dark'], ['Default High Contrast', 'high-contrast'], ['Default Light Modern', 'light']] as const) {
      const changedTheme = until(`theme ${theme}`, vscode.window.onDidChangeActiveColorTheme, () => true);
      await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await changedTheme.catch(() => undefined);
      await text('#content'); // one bridge round trip: the webview has repainted by then
      await host('screenshot', { path: `${themeShots}/checklist-${name}.png` });
    }
  }

  step('the serializer restores a panel after a reload (same runbook, same drill)');
  panel.dispose();
  const restored = vscode.window.createWebviewPanel('runbookLint.checklist', 'restored', { viewColumn: vscode.ViewColumn.Two, preserveFocus: true }, {});
  const revived = await ChecklistPanel.revive(
    { extensionUri: ext.extensionUri, deps: { lint: async (d) => lintText(d.getText(), { schema: builtinSchema() }), view: (r, title) => buildChecklistView(r, { fallbackTitle: title }), runnerName: async () => 'test' } },
    restored, { uri: missingUri.toString(), drill: { startedAt: new Date().toISOString(), checked: {} } },
  );
  await until('the revived webview', revived.onDidRender, () => revived.settled);
  assert.equal(revived.panel.title, 'Checklist: missing-channels.md');
  assert.equal(await text('#drill-export'), 'Export run log', 'the drill came back');
  revived.dispose();
  console.log('checklist e2e: all assertions passed');
}
