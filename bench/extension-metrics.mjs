#!/usr/bin/env node
// Prints the VS Code extension's cost as JSON: bundle sizes and activation time.
// Activation time = require() of dist/extension.cjs (with a stub `vscode` module) + activate(),
// measured in fresh Node processes, median of N runs. The engine (dist/engine.cjs: parser, ajv,
// rules, built-in schema) is loaded on first use, not at activation; its load time is reported
// apart, and `engineLoadedByActivation` must stay false.
// Usage: node bench/extension-metrics.mjs [--runs N]   (build first: npm run build)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundles = { desktop: 'dist/extension.cjs', engine: 'dist/engine.cjs', worker: 'dist/lint-worker.cjs', web: 'dist/web/extension.cjs' };
for (const file of Object.values(bundles)) {
  if (!existsSync(join(root, file))) {
    console.error(`extension-metrics: ${file} is missing; run \`npm run build\` first.`);
    process.exit(2);
  }
}
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;

// The child: a Proxy-based stub of the vscode API (every member exists, every call returns a
// stub), then require + activate under the clock.
const child = String.raw`
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const path = require('node:path'), fs = require('node:fs'), os = require('node:os');
const stores = new WeakMap();
function store(target) { let s = stores.get(target); if (!s) stores.set(target, (s = new Map())); return s; }
const handler = {
  get(target, prop) {
    if (prop === Symbol.iterator) return function* () {};
    if (prop === Symbol.toPrimitive) return () => 0;
    if (prop === 'then') return undefined;
    if (prop === 'isTrusted') return true;
    if (prop === 'textDocuments' || prop === 'workspaceFolders') return [];
    const own = store(target);
    if (!own.has(prop)) own.set(prop, stub());
    return own.get(prop);
  },
  set(target, prop, value) { store(target).set(prop, value); return true; },
  apply() { return stub(); },
  construct() { return stub(); },
};
function stub() { return new Proxy(function () {}, handler); }
// esbuild's ESM interop copies the module's own property names, so name every top-level export.
const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [process.argv[2]] }), 'utf8');
const vscode = {};
for (const m of dts.matchAll(/^\s+export (?:namespace|class|enum|const|let|function) ([A-Za-z_]\w*)/gm)) vscode[m[1]] = stub();
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const file = process.argv[1];
// Warm Node's CommonJS loader with a trivial module first: in VS Code the extension host has
// required hundreds of modules before it activates an extension; that one-off cost is not ours.
const warm = path.join(os.tmpdir(), 'runbook-lint-metrics-warmup.cjs');
fs.writeFileSync(warm, 'module.exports = 1;\n');
require(warm);
const t0 = performance.now();
const ext = require(file);
const t1 = performance.now();
ext.activate({ subscriptions: [], extensionUri: stub(), extensionPath: '/', globalState: stub(), workspaceState: stub() });
const t2 = performance.now();
const engineFile = path.join(path.dirname(file), 'engine.cjs');
const engineLoadedByActivation = require.cache[engineFile] !== undefined;
const t3 = performance.now();
// Load the engine and compile the built-in schema, through the public API the extension uses.
const engine = require(engineFile);
engine.createLinter({ host: engine.emptyHost }).prepare({ schema: { kind: 'builtin' }, rules: {} });
const t4 = performance.now();
process.stdout.write(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, engineLoadedByActivation, engineLoadMs: t4 - t3 }));
`;

const samples = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, ['-e', child, join(root, bundles.desktop), root], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`extension-metrics: activation run failed:\n${r.stderr.split('\n').filter((l) => l.length < 400).join('\n')}`);
    process.exit(1);
  }
  samples.push(JSON.parse(r.stdout));
}
const median = (k) => {
  const v = samples.map((s) => s[k]).sort((a, b) => a - b);
  return Math.round(v[Math.floor(v.length / 2)] * 10) / 10;
};
const size = (f) => statSync(join(root, f)).size;
const gz = (f) => gzipSync(readFileSync(join(root, f))).length;
const out = {
  bundle: { file: bundles.desktop, bytes: size(bundles.desktop), gzipBytes: gz(bundles.desktop), targetBytes: 400 * 1024 },
  engine: { file: bundles.engine, bytes: size(bundles.engine), gzipBytes: gz(bundles.engine), loadedOnFirstUse: true },
  desktopTotalBytes: size(bundles.desktop) + size(bundles.engine) + size(bundles.worker),
  webBundle: { file: bundles.web, bytes: size(bundles.web), gzipBytes: gz(bundles.web) },
  workerBundle: { file: bundles.worker, bytes: size(bundles.worker) },
  activation: {
    runs,
    requireMs: median('requireMs'),
    activateMs: median('activateMs'),
    totalMs: median('totalMs'),
    targetMs: 50,
    engineLoadedByActivation: samples.some((s) => s.engineLoadedByActivation),
    engineLoadMs: median('engineLoadMs'),
  },
};
console.log(JSON.stringify(out, null, 2));
