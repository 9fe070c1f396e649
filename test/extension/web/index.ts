/**
 * Web suite: runs INSIDE the web worker extension host (the vscode.dev runtime: no Node, no
 * require, no process), loading the extension's `browser` entry. Bundled for the browser to
 * out/test-host/web.js; lines start with U+2063 so the runner prints them.
 */
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/vscode/main.js';
import type { WorkspaceLintSummary } from '../../../src/vscode/workspace-lint.js';

const MARK = '\u2063';
const log = (m: string) => console.log(MARK + m);

function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(`assertion failed: ${message}`);
}

const ws = (rel: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, rel);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'runbook-lint');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

function waitFor(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = ours(uri);
      if (predicate(ds)) {
        sub.dispose();
        clearTimeout(timer);
        resolve(ds);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => e.uris.some((u) => u.toString() === uri.toString()) && check());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`${what}: not seen in ${timeoutMs} ms; now ${ours(uri).map((d) => `${codeOf(d)} ${d.message.slice(0, 60)}`).join(' | ') || '(none)'}`));
    }, timeoutMs);
    check();
  });
}

const tests: Array<[string, () => Promise<void>]> = [
  [
    'runs in the web worker extension host from the browser entry',
    async () => {
      const ext = vscode.extensions.getExtension<ExtensionApi>('runbook-lint.runbook-lint');
      ok(ext, 'extension present');
      ok(typeof (globalThis as { process?: unknown }).process === 'undefined', 'no Node `process` here');
      ok(typeof (globalThis as { require?: unknown }).require === 'undefined', 'no Node `require` here');
      ok(ext.extensionKind === vscode.ExtensionKind.UI, `runs beside the UI (web worker), kind ${ext.extensionKind}`);
      const doc = await vscode.workspace.openTextDocument(ws('runbooks/payments.md'));
      await vscode.window.showTextDocument(doc);
      await ext.activate();
      ok(ext.isActive, 'activated');
    },
  ],
  [
    'a runbook gets diagnostics with source, rule id and README anchor; README.md gets none',
    async () => {
      const doc = await vscode.workspace.openTextDocument(ws('runbooks/payments.md'));
      await vscode.window.showTextDocument(doc);
      const ds = await waitFor(doc.uri, (x) => x.some((d) => d.message.includes('Escalation Contacts')), 'missing section');
      const d = ds.find((x) => codeOf(x) === 'required-section')!;
      ok((d.code as { target: vscode.Uri }).target.toString(true) === 'https://github.com/runbook-lint/runbook-lint/blob/main/docs/rules/required-section.md', 'rule page');
      const api = vscode.extensions.getExtension<ExtensionApi>('runbook-lint.runbook-lint')!.exports;
      const readme = await vscode.workspace.openTextDocument(ws('README.md'));
      ok((await api.linter.lint(readme)) === undefined, 'README is not a runbook');
      ok(ours(readme.uri).length === 0, 'README has no diagnostics');
    },
  ],
  [
    'quick fix and completion work in the web host',
    async () => {
      const doc = await vscode.workspace.openTextDocument(ws('runbooks/payments.md'));
      const editor = await vscode.window.showTextDocument(doc);
      const ds = await waitFor(doc.uri, (x) => x.some((d) => d.message.includes('Escalation Contacts')), 'missing section');
      const d = ds.find((x) => x.message.includes('Escalation Contacts'))!;
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, 'quickfix')) ?? [];
      const insert = actions.find((a) => a.title === 'Insert section "Escalation Contacts"');
      ok(insert?.edit, `quick fix offered: ${actions.map((a) => a.title).join(' | ')}`);
      await editor.edit((e) => e.insert(doc.lineAt(doc.lineCount - 1).range.end, '\n\n## '));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(doc.lineCount - 1).range.end, ' ');
      ok(list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Escalation Contacts'), 'missing section offered');
      await vscode.workspace.applyEdit(insert.edit);
      await waitFor(doc.uri, (x) => !x.some((dd) => dd.message.includes('"Escalation Contacts"')), 'fixed finding to go');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  ],
  [
    'lintWorkspace uses workspace.findFiles + workspace.fs, no worker pool, results for unopened files',
    async () => {
      const summary = await vscode.commands.executeCommand<WorkspaceLintSummary>('runbookLint.lintWorkspace', { forceWorkers: true, quiet: true });
      ok(summary.workers === 0, `no worker threads on the web (${JSON.stringify(summary)})`);
      ok(summary.files >= 10, `files linted: ${summary.files}`);
      ok(ours(ws('runbooks/bulk/rb-2.md')).some((d) => d.message.includes('Dependencies')), 'unopened runbook in Problems');
      ok(ours(ws('archive/ignored.md')).length === 0, 'ignore honoured');
    },
  ],
];

export async function run(): Promise<void> {
  let passed = 0;
  const failures: string[] = [];
  for (const [name, fn] of tests) {
    const t0 = Date.now();
    try {
      await fn();
      passed++;
      log(`ok   web: ${name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failures.push(name);
      log(`FAIL web: ${name}\n     ${(error as Error).message}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
  log(`web: ${passed} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`web suite: ${failures.length} failed`);
}
