/** Helpers for the in-host tests: waiting on diagnostics through events (never sleeping), workspace paths. */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';

export const EXTENSION_ID = 'runbook-lint.runbook-lint';
export const README = 'https://github.com/runbook-lint/runbook-lint';

export function ws(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'runbook-lint');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function describe(ds: vscode.Diagnostic[]): string {
  return ds.length === 0 ? '(none)' : ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message.slice(0, 80)}`).join('\n  ');
}

/**
 * Resolves with the runbook-lint diagnostics of `uri` once `predicate` holds: checked now and on
 * every onDidChangeDiagnostics event for that uri. The timeout is only a guard against hanging.
 */
export function waitForDiagnostics(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = ours(uri);
      if (predicate(ds)) {
        done();
        resolve(ds);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}: not seen within ${timeoutMs} ms; diagnostics now:\n  ${describe(ours(uri))}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

export const hasRule = (rule: string, text?: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === rule && (!text || d.message.includes(text)));
export const lacksRule = (rule: string, text?: string) => (ds: vscode.Diagnostic[]) => !hasRule(rule, text)(ds);

export async function open(rel: string | vscode.Uri): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const doc = await vscode.workspace.openTextDocument(typeof rel === 'string' ? ws(rel) : rel);
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

/** A private copy of a fixture for a test that edits it (so a failing test cannot leak edits into the next). */
export async function openCopy(rel: string, copy: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  await writeFile(copy, await readFile(rel));
  return open(copy);
}

/** Throw away unsaved changes of a document (tests edit fixtures in memory). */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export async function writeFile(rel: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(ws(rel), new TextEncoder().encode(text));
}

export async function readFile(rel: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(ws(rel)));
}

/** POST to the host runner's bridge (screenshots of the workbench). */
export async function bridge(action: string, body: unknown): Promise<Record<string, unknown>> {
  const url = process.env.RUNBOOK_LINT_HOST_BRIDGE;
  if (!url) throw new Error('RUNBOOK_LINT_HOST_BRIDGE is not set (not running under test/host/run-host.mjs)');
  const res = await fetch(`${url}/${action}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok || json.ok === false) throw new Error(`bridge ${action} failed: ${JSON.stringify(json)}`);
  return json;
}

export function todayLocal(): string {
  const now = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
