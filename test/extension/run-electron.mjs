#!/usr/bin/env node
// `npm run test:electron`: the same in-host suites on a desktop VS Code downloaded by
// @vscode/test-electron (needs internet access to update.code.visualstudio.com; CI and these
// offline machines use `npm run test:host`, which runs them in code-server instead).
// Usage: node test/extension/run-electron.mjs [--suite main,untrusted] [--version 1.100.3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { mainWorkspace, untrustedWorkspace } from './fixtures.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args } = parseArgs({ options: { suite: { type: 'string' }, version: { type: 'string' } } });
const testsBundle = join(ROOT, 'out', 'test-host', 'index.cjs');
await esbuild.build({
  absWorkingDir: ROOT, entryPoints: ['test/extension/index.ts'], outfile: testsBundle, bundle: true, format: 'cjs',
  platform: 'node', target: 'node20', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning',
});
const tmp = mkdtempSync(join(tmpdir(), 'runbook-lint-electron-'));
let failed = 0;
try {
  for (const suite of (args.suite ?? 'main,untrusted').split(',')) {
    const trusted = suite !== 'untrusted';
    const workspace = trusted ? mainWorkspace(join(tmp, suite)) : untrustedWorkspace(join(tmp, suite));
    try {
      await runTests({
        version: args.version ?? '1.100.3',
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: testsBundle,
        extensionTestsEnv: { RUNBOOK_LINT_SUITE: suite, RUNBOOK_LINT_REPO_ROOT: ROOT },
        launchArgs: [workspace, '--user-data-dir', join(tmp, `${suite}-user`), ...(trusted ? ['--disable-workspace-trust'] : [])],
      });
      console.log(`suite ${suite}: passed`);
    } catch (error) {
      failed++;
      console.error(`suite ${suite}: FAILED (${error instanceof Error ? error.message : error})`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
