/**
 * `runbook-lint lsp --stdio`: the language server over standard input/output, bundled to
 * dist/server.js (the CLI hands `lsp` over to it; `node dist/server.js --stdio` works too).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

declare const __RUNBOOK_LINT_VERSION__: string | undefined;
const VERSION = typeof __RUNBOOK_LINT_VERSION__ === 'string' ? __RUNBOOK_LINT_VERSION__ : '0.0.0-dev';

export const USAGE = 'Usage: runbook-lint lsp --stdio   (the language server speaks LSP over standard input and output)\n';

/** Start the server; returns an exit code only when the arguments are wrong (2), else runs until the client says exit. */
export function main(args: string[]): number | undefined {
  const unknown = args.filter((a) => a !== '--stdio' && !/^--clientProcessId(=\d+)?$/.test(a) && !/^\d+$/.test(a));
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!args.includes('--stdio') || unknown.length > 0) {
    process.stderr.write(`runbook-lint: ${unknown.length > 0 ? `unknown option ${unknown[0]} for "lsp"` : '"lsp" needs --stdio'}.\n${USAGE}`);
    return 2;
  }
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // stdout carries the protocol: anything printed by accident goes to the client's log instead.
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(' '));
  console.info = (...a: unknown[]) => connection.console.info(a.map(String).join(' '));
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(' '));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(' '));
  process.on('uncaughtException', (error) => connection.console.error(`runbook-lint: internal error: ${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)}`));
  process.on('unhandledRejection', (error) => connection.console.error(`runbook-lint: internal error: ${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)}`));
  startServer(connection, { name: 'runbook-lint', version: VERSION });
  return undefined;
}

function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  const code = main(process.argv.slice(2));
  if (code !== undefined) process.exitCode = code;
}
