/**
 * A tiny test harness for code that runs INSIDE the VS Code extension host (no mocha there):
 * named tests run in order, each with a time limit; a failed test does not stop the others;
 * run() throws when any failed so the host exits non-zero.
 */
import * as vscode from 'vscode';

export interface TestCase {
  name: string;
  fn: () => Promise<void>;
  timeoutMs?: number;
}

export async function runTests(suite: string, tests: TestCase[]): Promise<void> {
  let passed = 0;
  const failures: string[] = [];
  const started = Date.now();
  for (const t of tests) {
    const t0 = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        t.fn(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs ?? 30_000} ms`)), t.timeoutMs ?? 30_000))),
      ]);
      passed++;
      console.log(`ok   ${suite}: ${t.name} (${Date.now() - t0} ms)`);
    } catch (error) {
      const e = error as Error;
      failures.push(`${t.name}: ${e.message}`);
      console.log(`FAIL ${suite}: ${t.name} (${Date.now() - t0} ms)\n     ${(e.stack ?? e.message).split('\n').slice(0, 6).join('\n     ')}`);
    } finally {
      clearTimeout(timer);
      await cleanUp();
    }
  }
  console.log(`${suite}: ${passed} passed, ${failures.length} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (failures.length > 0) throw new Error(`${failures.length} test(s) failed in ${suite}:\n${failures.join('\n')}`);
}

/** Throw away unsaved edits (a dirty editor would make closeAllEditors ask, and block) and close everything. */
async function cleanUp(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || doc.isClosed) continue;
    try {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } catch (error) {
      console.log(`     cleanup: could not revert ${doc.uri.toString(true)}: ${(error as Error).message}`);
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
