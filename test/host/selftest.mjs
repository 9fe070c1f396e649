#!/usr/bin/env node
// Proves run-host.mjs end to end: `node test/host/selftest.mjs` (exit 0 only if every case behaves).
// Screenshots land in test-results/host-selftest/ so a person can look at them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { runInHost } from './run-host.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ext = join(HERE, 'selftest');
const tests = join(ext, 'test', 'index.js');
const out = join(HERE, '..', '..', 'test-results', 'host-selftest');
mkdirSync(out, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'host-selftest-'));
const workspace = join(tmp, 'workspace');
mkdirSync(workspace);
writeFileSync(join(workspace, 'README.md'), '# Selftest workspace\n');

// A .vsix is a zip; this writes an uncompressed one so the selftest needs no vsce.
function writeVsix(file, files) {
  const local = [], central = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const n = Buffer.from(name), d = Buffer.from(data), crc = crc32(d);
    const h = Buffer.alloc(30); h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4);
    h.writeUInt32LE(crc, 14); h.writeUInt32LE(d.length, 18); h.writeUInt32LE(d.length, 22); h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46); c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6);
    c.writeUInt32LE(crc, 16); c.writeUInt32LE(d.length, 20); c.writeUInt32LE(d.length, 24); c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    local.push(h, n, d); central.push(c, n);
    offset += 30 + n.length + d.length;
  }
  const cd = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...local, cd, end]));
}
const vsix = join(tmp, 'host-selftest.vsix');
writeVsix(vsix, {
  '[Content_Types].xml': '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension=".json" ContentType="application/json"/><Default Extension=".js" ContentType="application/javascript"/><Default Extension=".vsixmanifest" ContentType="text/xml"/></Types>',
  'extension.vsixmanifest': '<?xml version="1.0" encoding="utf-8"?><PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011"><Metadata><Identity Language="en-US" Id="host-selftest" Version="0.0.1" Publisher="runbook-lint-selftest"/><DisplayName>host-selftest</DisplayName><Description>selftest</Description></Metadata><Installation><InstallationTarget Id="Microsoft.VisualStudio.Code"/></Installation><Dependencies/><Assets><Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true"/></Assets></PackageManifest>',
  'extension/package.json': readFileSync(join(ext, 'package.json')),
  'extension/extension.js': readFileSync(join(ext, 'extension.js')),
});

// A real workbench screenshot: PNG signature, the page's 1400x900 size, and more than a blank page.
function checkPng(file) {
  const b = readFileSync(file);
  if (b.subarray(1, 4).toString() !== 'PNG') throw new Error(`${file} is not a PNG`);
  const [w, h] = [b.readUInt32BE(16), b.readUInt32BE(20)];
  if (w !== 1400 || h !== 900) throw new Error(`${file} is ${w}x${h}, expected 1400x900`);
  if (b.length < 20_000) throw new Error(`${file} is only ${b.length} bytes: blank page?`);
}

const mid = join(out, 'bridge.png'), final = join(out, 'final.png');
rmSync(mid, { force: true }); rmSync(final, { force: true });
const cases = [
  ['pass: dev extension, command, webview bridge, screenshots', 0,
    { extensionPath: ext, env: { SELFTEST_MODE: 'pass', SELFTEST_SHOT: mid }, screenshot: final },
    () => { checkPng(mid); checkPng(final); }],
  ['untrusted: workspace.isTrusted === false', 0,
    { extensionPath: ext, trustWorkspace: false, env: { SELFTEST_MODE: 'untrusted' } }],
  ['vsix: the installed copy runs, not the development folder', 0,
    { installVsix: vsix, env: { SELFTEST_MODE: 'vsix' } }],
  ['fail: a throwing run() gives a non-zero exit code', 'non-zero',
    { extensionPath: ext, env: { SELFTEST_MODE: 'fail' } }],
];

let passed = 0, failed = 0;
for (const [name, want, opts, check] of cases) {
  const t0 = Date.now();
  let ok, why = '';
  try {
    const code = await runInHost({ testsPath: tests, workspace, timeoutMs: 120_000, ...opts });
    ok = want === 'non-zero' ? code !== 0 : code === want;
    if (!ok) why = ` (exit ${code})`;
    if (ok && check) check();
  } catch (e) { ok = false; why = ` (${e.message})`; }
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} [${((Date.now() - t0) / 1000).toFixed(1)} s]${why}`);
  ok ? passed++ : failed++;
}
rmSync(tmp, { recursive: true, force: true });
console.log(`host-selftest: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
