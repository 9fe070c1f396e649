#!/usr/bin/env node
// Runs the extension's tests inside a real VS Code host (code-server 4.100.3 = VS Code 1.100.3,
// headless Chromium; see test/host/README and shared/docs/vscode-host.md), offline:
//   1. installs the host if needed (test/host/install-host.sh, idempotent),
//   2. builds (esbuild.mjs) and bundles the tests (out/test-host/index.cjs, out/test-host/web.cjs.js),
//   3. runs the suites, each in a fresh host and a fresh copy of its workspace:
//      main (trusted workspace, the extension loaded in development mode), untrusted (Restricted
//      Mode), vsix (`vsce package` → installed with --install-extension; no development copy),
//      web (the `browser` entry in code-server's web worker extension host, as on vscode.dev),
//   4. exits non-zero when any suite fails.
// Usage: node test/extension/run-host-tests.mjs [--suite main,untrusted,vsix,web] [--screenshot FILE] [--verbose]
// The main suite saves a screenshot of diagnostics in the editor (default test-results/extension/diagnostics.png;
// `--screenshot docs/images/diagnostics.png` refreshes the README image).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { ensureHost, runInHost } from '../host/run-host.mjs';
import { mainWorkspace, untrustedWorkspace } from './fixtures.mjs';
import { runWebSuite } from './run-web-host.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args } = parseArgs({ options: { suite: { type: 'string' }, screenshot: { type: 'string' }, verbose: { type: 'boolean' } } });
const wanted = (args.suite ?? 'main,untrusted,vsix,web').split(',');
const screenshot = resolve(ROOT, args.screenshot ?? 'test-results/extension/diagnostics.png');
const log = (m) => console.log(`[extension-tests] ${m}`);

function run(cmd, argv, what) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
}

const t0 = Date.now();
ensureHost();
log('building (esbuild.mjs: extension, engine, worker, web entry, checklist webview, CLI)');
run(process.execPath, ['esbuild.mjs'], 'esbuild');
const testsBundle = join(ROOT, 'out', 'test-host', 'index.cjs');
await esbuild.build({
  absWorkingDir: ROOT, entryPoints: ['test/extension/index.ts'], outfile: testsBundle, bundle: true, format: 'cjs',
  platform: 'node', target: 'node20', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning',
});
// The web suite runs in a web worker: browser platform, no Node built-ins. The worker host fetches
// the tests path + ".js" and takes CommonJS only from a ".cjs" path in a "type": "module" package.
const webTestsBundle = join(ROOT, 'out', 'test-host', 'web.cjs');
await esbuild.build({
  absWorkingDir: ROOT, entryPoints: ['test/extension/web/index.ts'], outfile: webTestsBundle + '.js', bundle: true, format: 'cjs',
  platform: 'browser', target: 'es2022', external: ['vscode'], logLevel: 'warning',
});

const tmp = mkdtempSync(join(tmpdir(), 'runbook-lint-ext-tests-'));
const results = [];
try {
  let vsix;
  if (wanted.includes('vsix')) {
    log('packaging the .vsix (src/vscode/build/package-vsix.mjs: vsce package --no-dependencies)');
    vsix = join(tmp, 'runbook-lint.vsix');
    run(process.execPath, ['src/vscode/build/package-vsix.mjs', '--out', vsix], 'package-vsix');
    log(`.vsix is ${(statSync(vsix).size / 1024).toFixed(0)} kB`);
  }
  const suites = {
    main: () => ({ extensionPath: ROOT, workspace: mainWorkspace(join(tmp, 'main')), env: { RUNBOOK_LINT_SCREENSHOT: screenshot } }),
    untrusted: () => ({ extensionPath: ROOT, workspace: untrustedWorkspace(join(tmp, 'untrusted')), trustWorkspace: false }),
    vsix: () => ({ installVsix: vsix, workspace: mainWorkspace(join(tmp, 'vsix')) }),
    web: () => ({ web: true, extensionPath: ROOT, workspace: mainWorkspace(join(tmp, 'web')) }),
  };
  for (const name of wanted) {
    if (!suites[name]) throw new Error(`unknown suite ${name}; known: ${Object.keys(suites).join(', ')}`);
    const opts = suites[name]();
    if (name === 'main') mkdirSync(dirname(screenshot), { recursive: true });
    const started = Date.now();
    log(`suite ${name}…`);
    const code = opts.web
      ? await runWebSuite({ extensionPath: ROOT, testsPath: webTestsBundle, workspace: opts.workspace, verbose: args.verbose })
      : await runInHost({
      ...opts,
      testsPath: testsBundle,
      timeoutMs: 240_000,
      verbose: args.verbose,
      env: { ...(opts.env ?? {}), RUNBOOK_LINT_SUITE: name, RUNBOOK_LINT_REPO_ROOT: ROOT },
    });
    results.push({ name, code, s: ((Date.now() - started) / 1000).toFixed(1) });
    log(`suite ${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${results.at(-1).s} s`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const failed = results.filter((r) => r.code !== 0);
if (existsSync(screenshot) && wanted.includes('main')) log(`screenshot: ${screenshot}`);
log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`host-suites: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length > 0 ? 1 : 0);
