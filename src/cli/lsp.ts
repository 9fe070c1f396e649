/**
 * `runbook-lint lsp --stdio`: hands over to the language server bundle beside this one
 * (dist/server.js, built from src/server). Loaded by URL at run time, so the CLI never imports
 * the server's code (design §1) and linting from the terminal never loads it.
 */
import { existsSync } from 'node:fs';

export async function startLanguageServer(args: string[]): Promise<void> {
  const bundle = new URL('./server.js', import.meta.url);
  if (!existsSync(bundle)) {
    process.stderr.write('runbook-lint: the language server (dist/server.js) is missing; run "npm run build".\n');
    process.exitCode = 2;
    return;
  }
  const server = (await import(bundle.href)) as { main(args: string[]): number | undefined };
  const code = server.main(args);
  if (code !== undefined) process.exitCode = code;
}
