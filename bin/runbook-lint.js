#!/usr/bin/env node
// Thin launcher: the CLI itself is the esbuild bundle dist/cli.js (src/cli/main.ts).
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+: keep V8's compiled code of the bundle between runs (in the OS temp folder; a run that
// finds every file in --cache spends a good part of its time compiling the CLI). Node 20 has no
// such cache; NODE_DISABLE_COMPILE_CACHE=1 turns it off.
try {
  module.enableCompileCache?.();
} catch {
  // a cache folder that cannot be written only costs the compile
}

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('runbook-lint: dist/cli.js is missing; run "npm run build" (or "npm ci", which builds it) in the runbook-lint folder first.\n');
  process.exit(2);
}
try {
  const { cli } = await import(bundle.href);
  cli(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`runbook-lint: internal error: could not start (${error instanceof Error ? error.message : error}). Rebuild with "npm run build".\n`);
  process.exit(2);
}
