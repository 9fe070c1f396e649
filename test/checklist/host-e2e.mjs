#!/usr/bin/env node
// End-to-end test of the checklist panel in a real VS Code host (code-server + Chromium, offline):
//   node test/checklist/host-e2e.mjs [--screenshot docs/images/checklist.png] [--theme-shots test-results] [--verbose]
// Builds the bundles (dist/), bundles test/checklist/host/index.ts to CJS, copies the fixture
// runbooks into a temporary workspace (the test edits them), and runs it with test/host/run-host.mjs.
// Exit code: 0 pass, 1 fail, 124 timeout.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { runInHost } from '../host/run-host.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { screenshot: { type: 'string' }, 'theme-shots': { type: 'string' }, verbose: { type: 'boolean' } } });

const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const testsPath = join(root, 'out', 'test', 'checklist-host', 'index.cjs');
await esbuild.build({
  entryPoints: [join(root, 'test/checklist/host/index.ts')], outfile: testsPath, bundle: true, format: 'cjs',
  platform: 'node', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'], loader: { '.json': 'json' },
  logLevel: 'warning',
});

const workspace = mkdtempSync(join(tmpdir(), 'checklist-e2e-'));
const payments = readFileSync(join(root, 'examples', 'payments-outage.md'), 'utf8');
copyFileSync(join(root, 'examples', 'payments-outage.md'), join(workspace, 'payments-outage.md'));
// The same runbook without its Backup Communication Channels section (for "Insert section").
writeFileSync(join(workspace, 'missing-channels.md'), payments.replace(/## Backup Communication Channels[\s\S]*?(?=## Vendor Assistance Policy)/, ''));

let code = 1;
try {
  code = await runInHost({
    extensionPath: root, testsPath, workspace, timeoutMs: 240_000, verbose: values.verbose,
    env: {
      ...(values.screenshot ? { CHECKLIST_SCREENSHOT: resolve(values.screenshot) } : {}),
      ...(values['theme-shots'] ? { CHECKLIST_THEME_SHOTS: resolve(values['theme-shots']) } : {}),
    },
  });
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
console.log(`checklist host e2e: ${code === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
process.exit(code);
