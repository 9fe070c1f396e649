/** Runs against the extension installed from the packaged .vsix (no development folder loaded). */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import type { TestCase } from './harness.js';
import { codeOf, EXTENSION_ID, hasRule, open, README, waitForDiagnostics } from './helpers.js';

export function vsixSuite(): TestCase[] {
  return [
    {
      name: 'the extension installed from the .vsix activates and lints',
      fn: async () => {
        const ext = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(ext, 'installed');
        const devRoot = process.env.RUNBOOK_LINT_REPO_ROOT;
        assert.ok(devRoot && !ext.extensionUri.path.startsWith(devRoot), `runs from the extensions folder, not the repo (${ext.extensionUri.path})`);
        const { doc } = await open('runbooks/payments.md');
        const ds = await waitForDiagnostics(doc.uri, hasRule('required-section', 'Escalation Contacts'), 'diagnostics from the installed extension');
        const d = ds.find((x) => codeOf(x) === 'required-section')!;
        assert.equal((d.code as { target: vscode.Uri }).target.toString(true), `${README}/blob/main/docs/rules/required-section.md`);
        assert.ok(ext.isActive);
      },
    },
    {
      name: 'the .vsix holds the snippets, grammar, engine, web entry and webview script',
      fn: async () => {
        const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
        const c = ext.packageJSON.contributes;
        assert.equal(c.grammars[0].injectTo[0], 'text.html.markdown');
        const snippets = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, c.snippets[0].path));
        assert.ok(JSON.parse(new TextDecoder().decode(snippets))['Runbook skeleton']);
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, c.grammars[0].path));
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'lint-worker.cjs'));
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'engine.cjs'));
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'webview', 'checklist.js'));
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, ext.packageJSON.browser));
      },
    },
  ];
}
