#!/usr/bin/env node
// Runs VS Code extension tests inside a real VS Code host: code-server 4.100.3 (VS Code 1.100.3)
// driven by headless Debian chromium through playwright-core. Offline; see README.md beside this.
//
// The tests run in the extension host (Node), not in the browser page, so they cannot call
// page.exposeFunction() functions. Instead this script runs a small HTTP "bridge" on 127.0.0.1
// and hands its URL to the extension host as env RUNBOOK_LINT_HOST_BRIDGE; tests POST JSON to it:
//   POST $BRIDGE/screenshot {path}                -> {ok:true, path}   (whole workbench page)
//   POST $BRIDGE/click      {selector, timeoutMs?} -> {ok:true|false}   (first match in a webview frame)
//   POST $BRIDGE/text       {selector, timeoutMs?} -> {ok, text|null}  (textContent of first match)
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const CODE_SERVER_VERSION = '4.100.3';
const HERE = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
// Without the networking flags Chromium keeps dialling Google hosts this closed network refuses.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

export function hostDir() {
  return process.env.RUNBOOK_LINT_HOST_DIR || join(homedir(), '.cache', 'runbook-lint-host');
}

/** Runs install-host.sh when the host is not installed yet (it is idempotent, but costs a dpkg check). */
export function ensureHost() {
  if (existsSync(join(hostDir(), `.installed-code-server-${CODE_SERVER_VERSION}`))) return;
  const r = spawnSync('bash', [join(HERE, 'install-host.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`install-host.sh failed (exit ${r.status})`);
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

/**
 * @param {object} o
 * @param {string} [o.extensionPath]  extension folder loaded in development mode
 * @param {string} o.testsPath        module exporting `async run()`; run inside the extension host
 * @param {string} o.workspace        folder opened in the workbench
 * @param {string} [o.screenshot]     PNG path; the whole workbench is captured right before exit
 *                                    (default: env RUNBOOK_LINT_HOST_SCREENSHOT)
 * @param {string} [o.installVsix]    .vsix installed with `code-server --install-extension` first
 * @param {boolean} [o.trustWorkspace=true]  false: workspace trust on, folder opens in Restricted Mode
 * @param {Record<string,string>} [o.env]  extra env for code-server and so the extension host
 * @param {number} [o.timeoutMs=300000]
 * @param {boolean} [o.verbose]       also forward workbench console noise and code-server output
 * @returns {Promise<number>} exit code: 0 pass, 1 fail (from the workbench), 124 timeout
 */
export async function runInHost(o) {
  const { testsPath, workspace, installVsix, env = {}, timeoutMs = 300_000, verbose = false } = o;
  const screenshot = o.screenshot ?? process.env.RUNBOOK_LINT_HOST_SCREENSHOT;
  const trust = o.trustWorkspace !== false;
  if (!testsPath || !workspace) throw new Error('runInHost: testsPath and workspace are required');
  for (const p of [testsPath, workspace, o.extensionPath, installVsix]) {
    if (p && !existsSync(p)) throw new Error(`runInHost: ${p} does not exist`);
  }
  ensureHost();
  const log = (m) => process.stdout.write(`[run-host] ${m}\n`);
  const require = createRequire(join(hostDir(), 'package.json'));
  const { chromium } = require('playwright-core');
  const entry = join(hostDir(), 'node_modules/code-server/out/node/entry.js');

  const tmp = mkdtempSync(join(tmpdir(), 'runbook-lint-host-'));
  const userData = join(tmp, 'user-data'), extDir = join(tmp, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extDir);
  // Untrusted mode: trust enabled, and no startup modal (nobody is there to click it).
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': !trust,
    'security.workspace.trust.startupPrompt': 'never',
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
  }, null, 2));
  // Keep every bit of state in tmp: CODE_SERVER_CONFIG and the XDG dirs stop code-server and
  // chromium writing config, logs and crash-report dirs under $HOME. An empty EXTENSIONS_GALLERY
  // turns off the marketplace (open-vsx), which this closed network cannot reach anyway.
  const xdg = { XDG_CONFIG_HOME: join(tmp, 'xdg-config'), XDG_DATA_HOME: join(tmp, 'xdg-data') };
  const csEnv = { ...process.env, ...xdg, ...env, CODE_SERVER_CONFIG: join(tmp, 'config.yaml'), EXTENSIONS_GALLERY: '{}' };
  const common = ['--user-data-dir', userData, '--extensions-dir', extDir];

  let server, browser, bridge, timer, cleaning;
  const killGroup = (sig) => { try { process.kill(-server.pid, sig); } catch {} };
  const cleanup = () => (cleaning ??= (async () => {
    clearTimeout(timer);
    await browser?.close().catch(() => {});
    if (server?.pid && server.exitCode === null) {
      killGroup('SIGTERM');
      const exited = await Promise.race([new Promise((r) => server.once('exit', () => r(true))),
        new Promise((r) => setTimeout(() => r(false), 3000))]);
      if (!exited) killGroup('SIGKILL');
    }
    await new Promise((r) => (bridge ? bridge.close(() => r()) : r()));
    rmSync(tmp, { recursive: true, force: true });
  })());
  // A Ctrl-C or kill of this script must not leave code-server behind (it runs in its own group);
  // 'exit' is the last resort when something throws past us.
  const onSignal = (sig) => { cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143)); };
  const onExit = () => { if (server?.pid) killGroup('SIGKILL'); rmSync(tmp, { recursive: true, force: true }); };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal).on('exit', onExit);

  try {
    if (installVsix) {
      log(`installing ${installVsix}`);
      const r = spawnSync(process.execPath, [entry, ...common, '--install-extension', resolve(installVsix)],
        { env: csEnv, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`--install-extension failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    }

    // --- the bridge, so tests in the extension host can drive the browser page ---
    let page;
    const actions = {
      screenshot: async ({ path }) => {
        const p = resolve(path); mkdirSync(dirname(p), { recursive: true });
        await page.screenshot({ path: p });
        return { ok: true, path: p };
      },
      click: async ({ selector, timeoutMs: t }) => {
        const el = await findInWebviews(page, selector, t);
        if (el) await el.click();
        return { ok: !!el };
      },
      text: async ({ selector, timeoutMs: t }) => {
        const el = await findInWebviews(page, selector, t);
        return { ok: !!el, text: el ? await el.textContent() : null };
      },
    };
    bridge = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        const act = actions[req.url.replace(/^\//, '')];
        let out, status = 200;
        try {
          if (!act || !page) throw new Error(`unknown bridge action ${req.url}`);
          out = await act(body ? JSON.parse(body) : {});
        } catch (e) { status = 500; out = { ok: false, error: String(e?.message ?? e) }; }
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      });
    });
    await new Promise((r) => bridge.listen(0, '127.0.0.1', r));
    csEnv.RUNBOOK_LINT_HOST_BRIDGE = `http://127.0.0.1:${bridge.address().port}`;

    // --- code-server, in its own process group so it can be killed with all its children ---
    const port = await freePort();
    const args = [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...common,
      '--disable-telemetry', '--disable-update-check', ...(trust ? ['--disable-workspace-trust'] : []),
      resolve(workspace)];
    server = spawn(process.execPath, args, { env: csEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise((res, rej) => {
      const t = setTimeout(() => rej(new Error('code-server did not print "HTTP server listening" in 60 s')), 60_000);
      let out = '', listening = false;
      const onData = (d) => {
        if (verbose) process.stdout.write(`[code-server] ${d}`);
        if (listening) return;
        out += d;
        if (out.includes('HTTP server listening')) { listening = true; clearTimeout(t); res(); }
      };
      server.stdout.on('data', onData); server.stderr.on('data', onData);
      server.once('exit', (c) => { clearTimeout(t); rej(new Error(`code-server exited (${c}) before listening:\n${out}`)); });
    });
    log(`code-server ${CODE_SERVER_VERSION} on 127.0.0.1:${port}, bridge ${csEnv.RUNBOOK_LINT_HOST_BRIDGE}`);

    // --- the browser ---
    // Playwright's own signal handlers would exit the process before code-server is killed.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, env: { ...process.env, ...xdg } });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let done;
    const exited = new Promise((r) => (done = r));
    // The workbench calls window.codeAutomationExit(code) when the tests' run() settles.
    await page.exposeFunction('codeAutomationExit', async (code) => {
      if (screenshot) await actions.screenshot({ path: screenshot }).catch((e) => log(`screenshot failed: ${e}`));
      done(typeof code === 'number' ? code : 1);
    });
    // Same actions for code that runs in the page itself.
    await page.exposeFunction('hostScreenshot', (path) => actions.screenshot({ path }).then(() => true));
    await page.exposeFunction('hostClickInWebview', (sel) => actions.click({ selector: sel }).then((r) => r.ok));
    await page.exposeFunction('hostEvalInWebview', (sel) => actions.text({ selector: sel }).then((r) => r.text));
    page.on('console', (m) => forwardConsole(m, verbose));
    page.on('pageerror', (e) => verbose && log(`page error: ${e.message}`));

    const remote = (p) => `vscode-remote://127.0.0.1:${port}${resolve(p)}`;
    // Without extensionPath the host still needs a development path to run tests at all; an empty
    // folder gives none, so the tests exercise the extension installed from the .vsix.
    let devPath = o.extensionPath;
    if (!devPath) { devPath = join(tmp, 'no-dev-extension'); mkdirSync(devPath); }
    const payload = [['extensionDevelopmentPath', remote(devPath)], ['extensionTestsPath', remote(wrapTests(tmp, testsPath))]];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(resolve(workspace))}` +
      `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const crashed = new Promise((r) => server.once('exit', (c) => r(`crash:${c}`)));
    await page.goto(url);
    const result = await Promise.race([exited, timedOut, crashed]);
    if (typeof result === 'number') { log(`tests exited with code ${result}`); return result; }
    if (cleaning) return 1; // interrupted by a signal; onSignal exits
    if (result !== 'timeout') { log(`code-server exited (${result.slice(6)}) before the tests finished`); return 1; }
    log(`no result within ${Math.round(timeoutMs / 1000)} s: failing with 124`);
    if (screenshot) await actions.screenshot({ path: screenshot }).catch(() => {});
    return 124;
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('exit', onExit);
  }
}

// Polls every frame but the workbench's own (webviews are nested iframes) until selector matches.
async function findInWebviews(page, selector, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      const el = await f.$(selector).catch(() => null);
      if (el) return el;
    }
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// In test mode the extension host's console reaches the page console as plain workbench log lines
// ("%c INFO", "color: #33f", msg), indistinguishable from workbench noise. So the tests module is
// loaded through a generated wrapper that tags every line the tests print with MARK. The host
// pins console.log & co. (accessors with no-op setters), so the wrapper swaps the global console
// for an object that inherits from it.
const MARK = '\u2063';
function wrapTests(tmp, testsPath) {
  const file = join(tmp, 'tests-wrapper.cjs');
  writeFileSync(file, `const util = require('node:util');
const MARK = ${JSON.stringify(MARK)}, host = globalThis.console, tagged = Object.create(host);
for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
  // defineProperty: a plain assignment would hit the host's inherited no-op setter.
  Object.defineProperty(tagged, k, { value: (...a) => host[k](MARK + util.format(...a)) });
}
globalThis.console = tagged;
module.exports = require(${JSON.stringify(resolve(testsPath))});
`);
  return file;
}

function printTagged(text) {
  const i = text.indexOf(MARK);
  if (i < 0) return false;
  for (const line of text.slice(i).replaceAll(MARK, '').replace(/\s+$/, '').split('\n')) {
    process.stdout.write(`[host] ${line}\n`);
  }
  return true;
}

function forwardConsole(m, verbose) {
  if (!printTagged(m.text()) && verbose) process.stdout.write(`[page] ${m.text()}\n`);
}

// CLI: node test/host/run-host.mjs --tests out/test/host/index.js --workspace examples [--extension .]
//      [--screenshot shot.png] [--install-vsix x.vsix] [--untrusted] [--timeout 300] [--verbose]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: v } = parseArgs({ options: {
    extension: { type: 'string' }, tests: { type: 'string' }, workspace: { type: 'string' },
    screenshot: { type: 'string' }, 'install-vsix': { type: 'string' }, untrusted: { type: 'boolean' },
    timeout: { type: 'string' }, verbose: { type: 'boolean' } } });
  runInHost({ extensionPath: v.extension, testsPath: v.tests, workspace: v.workspace, screenshot: v.screenshot,
    installVsix: v['install-vsix'], trustWorkspace: !v.untrusted, verbose: v.verbose,
    timeoutMs: v.timeout ? Number(v.timeout) * 1000 : undefined })
    .then((code) => process.exit(code), (e) => { console.error(`[run-host] ERROR: ${e.message}`); process.exit(1); });
}
