/**
 * A small LSP client for tests: spawns the built server (`runbook-lint lsp --stdio`) and speaks
 * JSON-RPC to it with vscode-jsonrpc, collecting publishDiagnostics and window/logMessage.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bin, root, runCliInProcess } from '../cli/helpers.js';

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly published: Published[] = [];
  readonly logs: Array<{ type: number; message: string }> = [];
  readonly stderr: string[] = [];
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  readonly exited: Promise<number | null>;
  private waiters: Array<() => void> = [];

  constructor(readonly child: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.published.push(p);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      this.wake();
    });
    this.connection.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      this.registrations.push(...p.registrations);
      this.wake();
      return null;
    });
    child.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.connection.listen();
  }

  static start(cwd: string, args = ['lsp', '--stdio']): TestClient {
    return new TestClient(spawn(process.execPath, [bin, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Wait until a notification satisfies `check` (the test's own timeout bounds the wait). */
  async until<T>(check: () => T | undefined): Promise<T> {
    for (;;) {
      const hit = check();
      if (hit !== undefined) return hit;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The next diagnostics published for `uri` that satisfy `check` (the latest one is checked first). */
  diagnostics(uri: string, check: (p: Published) => boolean = () => true, after = 0): Promise<Published> {
    return this.until(() => {
      for (let i = this.published.length - 1; i >= after; i--) {
        const p = this.published[i]!;
        if (p.uri === uri) return check(p) ? p : undefined;
      }
      return undefined;
    });
  }

  async initialize(initializationOptions?: unknown, rootDir?: string, capabilities: Record<string, unknown> = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: rootDir ? pathToFileURL(rootDir).href : null,
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.child.kill();
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** Skip reason for the server tests when the bundles they spawn are not built. */
export const serverSkip = !(existsSync(join(root, 'dist', 'server.js')) && existsSync(join(root, 'dist', 'cli.js'))) && 'dist/server.js not built (npm run build)';

/** What the CLI's JSON format says about a file, as (rule, LSP range, message); the CLI runs in this process. */
export async function cliFindings(dir: string, file: string): Promise<Array<[string, Diagnostic['range'], string]>> {
  const r = await runCliInProcess(['--format', 'json', file], dir);
  const [result] = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; message: string; line: number; column: number; endLine: number; endColumn: number }> }>;
  return result!.messages.map((m) => [m.ruleId, { start: { line: m.line - 1, character: m.column - 1 }, end: { line: m.endLine - 1, character: m.endColumn - 1 } }, m.message]);
}

/** Published diagnostics in the same (rule, range, message) form, to compare with cliFindings. */
export const diagnosticShape = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.range, d.message]);
