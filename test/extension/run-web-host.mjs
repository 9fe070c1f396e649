// Runs test/extension/web (bundled to out/test-host/web.js) in code-server's WEB WORKER extension
// host, the runtime of vscode.dev: the development extension is moved there with the user setting
// `remote.extensionKind: { "runbook-lint.runbook-lint": ["web"] }`, so it loads from the `browser`
// entry with no Node APIs. (The payload's `extensionDevelopmentKind` is not honoured by VS Code
// 1.100's web workbench, and test/host/run-host.mjs wraps tests with Node's `util`, which a web
// worker cannot load; hence this small runner of its own, built on the same host install.)
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureHost, hostDir } from '../host/run-host.mjs';

const MARK = '\u2063';
const freePort = () => new Promise((res, rej) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  s.on('error', rej);
});

/** @returns {Promise<number>} 0 pass, 1 fail, 124 timeout */
export async function runWebSuite({ extensionPath, testsPath, workspace, timeoutMs = 180_000, verbose = false }) {
  ensureHost();
  // The web worker host loads `browser` + ".js" (and, in a "type": "module" package, only a
  // `.cjs` entry is taken for CommonJS): give it the file under the name it will fetch.
  copyFileSync(join(extensionPath, 'dist/web/extension.cjs'), join(extensionPath, 'dist/web/extension.cjs.js'));
  const require = createRequire(join(hostDir(), 'package.json'));
  const { chromium } = require('playwright-core');
  const tmp = mkdtempSync(join(tmpdir(), 'runbook-lint-web-'));
  const userData = join(tmp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
    'remote.extensionKind': { 'runbook-lint.runbook-lint': ['web'] },
  }));
  const port = await freePort();
  const server = spawn(process.execPath, [join(hostDir(), 'node_modules/code-server/out/node/entry.js'), '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData, '--extensions-dir', join(tmp, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', resolve(workspace)],
  { env: { ...process.env, CODE_SERVER_CONFIG: join(tmp, 'config.yaml'), EXTENSIONS_GALLERY: '{}' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let browser;
  try {
    await new Promise((res, rej) => {
      let out = '';
      const t = setTimeout(() => rej(new Error('code-server did not start in 60 s')), 60_000);
      const on = (d) => { out += d; if (out.includes('HTTP server listening')) { clearTimeout(t); res(); } };
      server.stdout.on('data', on); server.stderr.on('data', on);
      server.once('exit', (c) => rej(new Error(`code-server exited (${c}):\n${out}`)));
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, handleSIGINT: false, handleSIGTERM: false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let done;
    const exited = new Promise((r) => (done = r));
    await page.exposeFunction('codeAutomationExit', (code) => done(typeof code === 'number' ? code : 1));
    page.on('console', (m) => {
      const text = m.text();
      const i = text.indexOf(MARK);
      if (i >= 0) for (const line of text.slice(i).replaceAll(MARK, '').trimEnd().split('\n')) console.log(`[web] ${line}`);
      else if (verbose) console.log(`[page] ${text}`);
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${resolve(p)}`;
    const payload = [['extensionDevelopmentPath', remote(extensionPath)], ['extensionTestsPath', remote(testsPath)]];
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(resolve(workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const result = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r(124), timeoutMs)))]);
    clearTimeout(timer);
    return result;
  } finally {
    await browser?.close().catch(() => {});
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}
    await new Promise((r) => setTimeout(r, 500));
    try { process.kill(-server.pid, 'SIGKILL'); } catch {}
    rmSync(tmp, { recursive: true, force: true });
    rmSync(join(extensionPath, 'dist/web/extension.cjs.js'), { force: true });
  }
}
