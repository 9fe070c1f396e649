/**
 * Hostile runbooks in a real browser (headless Debian chromium through playwright-core, as the
 * VS Code host tests use): the exported HTML and the panel HTML with its real script (a stand-in
 * for acquireVsCodeApi records the messages) must execute nothing from the runbook, keep every
 * href to http(s)/mailto/tel, and show the runbook's text literally. The panel part also checks the
 * webview script's behaviour: toggle messages, keyboard, re-render with focus kept.
 */
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { buildChecklistView, renderExportHtml, renderPanelHtml, type ChecklistView } from '../../src/core/checklist/index.js';
import { lintWithDefaults, readFixture, repoRoot, TODAY } from '../helpers/lint.js';

const CHROMIUM = '/usr/bin/chromium';
const NONCE = 'c0ffee0123456789abcdef42';

// Minimal structural types of the playwright-core API used here (it is not a project dependency).
interface PwPage {
  goto(url: string): Promise<unknown>;
  on(event: string, fn: (arg: any) => void): void;
  addInitScript(script: string): Promise<void>;
  evaluate<T>(fn: string | ((arg: any) => T), arg?: unknown): Promise<T>;
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<void>;
  keyboard: { press(key: string): Promise<void> };
  hover(selector: string): Promise<void>;
  waitForFunction(fn: string, arg?: unknown, opts?: { timeout?: number }): Promise<unknown>;
  close(): Promise<void>;
}
interface PwBrowser {
  newPage(): Promise<PwPage>;
  close(): Promise<void>;
}

/** playwright-core from the project, else from the VS Code host cache (test/host/install-host.sh installs it). */
async function loadChromium(): Promise<{ launch(o: object): Promise<PwBrowser> }> {
  const tryRequire = (from: string) => {
    try {
      return createRequire(from)('playwright-core');
    } catch {
      return undefined;
    }
  };
  let pw = tryRequire(join(repoRoot, 'package.json'));
  if (!pw || !existsSync(CHROMIUM)) {
    const host = await import(pathToFileURL(join(repoRoot, 'test', 'host', 'run-host.mjs')).href);
    if (!existsSync(CHROMIUM) || !tryRequire(join(host.hostDir(), 'package.json'))) host.ensureHost();
    pw ??= tryRequire(join(host.hostDir(), 'package.json'));
  }
  assert.ok(pw, 'playwright-core is neither a project dependency nor in the VS Code host cache');
  return pw.chromium;
}

let browser: PwBrowser;
let server: Server;
let base = '';
const pages = new Map<string, { type: string; body: string }>();

before(async () => {
  server = createServer((req, res) => {
    const page = pages.get(req.url ?? '');
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': page.type }).end(page.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const bundle = join(repoRoot, 'dist', 'webview', 'checklist.js');
  const script = existsSync(bundle)
    ? readFileSync(bundle, 'utf8')
    : (await esbuild.build({ entryPoints: [join(repoRoot, 'src/webview/main.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true })).outputFiles[0]!.text;
  pages.set('/checklist.js', { type: 'text/javascript', body: script });
  const chromium = await loadChromium();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

const hostile = (): ChecklistView => buildChecklistView(lintWithDefaults(readFixture('checklist', 'hostile.md')), { now: TODAY });

/** Probes installed before any page script: dialogs, window.__pwned, CSP violations, posted messages. */
const PROBES = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.__posted = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
`;

async function open(path: string): Promise<{ page: PwPage; dialogs: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(PROBES);
  await page.goto(`${base}${path}`);
  return { page, dialogs, errors };
}

/** Everything that would mean runbook content became markup or code. */
async function scan(page: PwPage): Promise<{ pwned: unknown; bad: string[]; hrefs: string[]; text: string; violations: string[]; scripts: number }> {
  // Give event-driven payloads (img onerror, svg onload, hover) their chance before looking.
  await page.evaluate(`new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))`);
  return page.evaluate(`(() => {
    for (const el of document.querySelectorAll('body *')) {
      for (const type of ['mouseover', 'mouseenter', 'focus']) el.dispatchEvent(new Event(type));
    }
    const bad = [...document.querySelectorAll('img, svg, iframe, object, embed, body style, u, b, [style], [src]:not(script[nonce])')].map((e) => e.outerHTML);
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(el.tagName + ' ' + a.name);
    }
    return { pwned: window.__pwned, bad, hrefs: [...document.querySelectorAll('[href]')].map((a) => a.getAttribute('href')),
      text: document.body.textContent, violations: window.__violations, scripts: document.scripts.length };
  })()`);
}

function assertClean(r: Awaited<ReturnType<typeof scan>>, dialogs: string[], scripts: number): void {
  assert.deepEqual(dialogs, [], 'no alert/confirm/prompt dialog opened');
  assert.equal(r.pwned, undefined, 'window.__pwned was never set');
  assert.deepEqual(r.bad, [], 'no element or attribute from the runbook');
  assert.deepEqual(r.violations, [], 'nothing tried to load or run (no CSP violation)');
  assert.equal(r.scripts, scripts);
  for (const href of r.hrefs) assert.match(href, /^(?:https?:|mailto:|tel:)/, href);
  assert.ok(!r.hrefs.some((h) => /javascript:/i.test(h)));
  assert.ok(r.text.includes("<script>window.__pwned = 1; alert('item')</script>"), 'script tag shown as text');
  assert.ok(r.text.includes('Image <img src=x onerror="window.__pwned=2;alert(2)"> here'), 'img tag shown as text');
  assert.ok(r.text.includes(`Activation Criteria "><svg onload=alert('h2')>`), 'heading shown as text');
  assert.ok(r.text.includes('<img src=x onerror=alert(7)> On-call SRE'), 'raw HTML in a table cell shown as text');
  assert.ok(r.text.includes('<div onclick="alert(12)">raw html block</div>'), 'HTML block shown as text');
}

test('exported HTML of a hostile runbook executes nothing in Chromium', async () => {
  pages.set('/export.html', { type: 'text/html; charset=utf-8', body: renderExportHtml(hostile(), { generatedAt: TODAY }) });
  const { page, dialogs, errors } = await open('/export.html');
  const r = await scan(page);
  assertClean(r, dialogs, 0);
  assert.deepEqual(errors, []);
  assert.deepEqual(r.hrefs, ['https://status.example.com/?a=1&b=2', 'tel:+1-555-0101', 'tel:+15550102', 'mailto:lead@example.com', 'tel:+15550150', 'mailto:ops@example.com']);
  await page.close();
});

test('panel HTML with its script: nothing executes, clicks and keys post toggles, re-render keeps focus and stays inert', async () => {
  const view = hostile();
  const html = renderPanelHtml(view, { version: 3 }, { cspSource: base, nonce: NONCE, scriptUri: `${base}/checklist.js` });
  pages.set('/panel.html', { type: 'text/html; charset=utf-8', body: html });
  const { page, dialogs, errors } = await open('/panel.html');
  await page.waitForFunction('window.__posted.some((m) => m.type === "ready")', undefined, { timeout: 10_000 });
  assertClean(await scan(page), dialogs, 1);

  // Click: the toggle carries the line, the box offset and the version the panel showed.
  const first = view.sections[0]!.checklist[0]!;
  await page.click('#cb-0');
  const toggle = await page.evaluate<any>('window.__posted.find((m) => m.type === "toggle")');
  assert.deepEqual(toggle, { type: 'toggle', version: 3, key: first.key, line: first.line, boxOffset: first.boxOffset, checked: true });
  // Keyboard: Enter toggles like Space; ArrowDown moves to the next checkbox.
  await page.focus('#cb-1');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  const toggles = await page.evaluate<any[]>('window.__posted.filter((m) => m.type === "toggle").map((m) => m.line)');
  const lines = view.sections[0]!.checklist.map((c) => c.line);
  assert.deepEqual(toggles, [lines[0], lines[1], lines[2]]);
  // Clicking the item's text reveals its line; the line button too.
  await page.click('#t-3');
  assert.deepEqual(await page.evaluate('window.__posted.filter((m) => m.type === "reveal").map((m) => m.line)'), [lines[3]]);

  // A state message (hostile notice included) re-renders with DOM building: still inert, focus kept.
  await page.focus('#cb-2');
  await page.evaluate((m) => window.postMessage(m, '*'), { type: 'state', seq: 9, uri: 'file:///x.md', version: 4, view, notice: '<img src=x onerror="window.__pwned=3;alert(3)"> changed' });
  await page.waitForFunction('document.getElementById("content").getAttribute("data-version") === "4"');
  const r = await scan(page);
  assertClean(r, dialogs, 1);
  assert.ok(r.text.includes('<img src=x onerror="window.__pwned=3;alert(3)"> changed'), 'notice shown as text');
  assert.equal(await page.evaluate('document.activeElement.id'), 'cb-2');
  assert.deepEqual(await page.evaluate('window.__posted.at(-1)'), { type: 'rendered', seq: 9 }, 'the render is acknowledged');
  assert.deepEqual(await page.evaluate('window.__state'), { uri: 'file:///x.md' });
  await page.click('#cb-0');
  const last = await page.evaluate<any>('window.__posted.filter((m) => m.type === "toggle").at(-1)');
  assert.equal(last.version, 4, 'clicks after a re-render carry the new version');
  assert.deepEqual(errors, []);
  await page.close();
});
