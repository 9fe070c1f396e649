// esbuild plugin for the desktop extension bundles: imports of `src/core/**` become a stand-in
// whose properties load `dist/engine.cjs` (the engine: ajv, yaml, micromark, rules, the built-in
// schema) on first access. Activation then parses and runs only the thin adapter; the engine is
// loaded when the first runbook is linted, a command runs or a provider is asked. The lint
// worker shares the same engine file instead of carrying its own copy.
//
// esbuild reads imported bindings at their use sites (`core.lintText(...)`), and its CommonJS
// interop copies the export NAMES up front, so the stand-in lists every export name (taken from
// the engine bundle built just before) without loading anything.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CORE = join(ROOT, 'src', 'core') + sep;
export const ENGINE_OUTFILE = 'dist/engine.cjs';

let engine; // Promise<string[]> of export names
let builtAt = 0;
function buildEngine() {
  engine ??= (async () => {
    await esbuild.build({
      absWorkingDir: ROOT, entryPoints: ['src/vscode/engine.ts'], outfile: ENGINE_OUTFILE, bundle: true, format: 'cjs',
      platform: 'node', target: 'node20', minify: true, sourcemap: 'linked', mainFields: ['module', 'main'],
      loader: { '.json': 'json' }, logLevel: 'warning',
    });
    // The export names, from a separate process (the engine's own module state stays out of this one).
    const names = execFileSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(Object.keys(require(process.argv[1]))))', join(ROOT, ENGINE_OUTFILE)], { encoding: 'utf8' });
    builtAt = Date.now();
    console.log(`  ${ENGINE_OUTFILE.padEnd(28)} ${(statSync(join(ROOT, ENGINE_OUTFILE)).size / 1024).toFixed(1).padStart(7)} kB  (extension engine, loaded on first use)`);
    return JSON.parse(names);
  })();
  return engine;
}

/** @param {string} relFromOutput path of the engine relative to the bundle being built, e.g. `./engine.cjs` */
export function lazyEngine(relFromOutput = './engine.cjs') {
  return {
    name: 'runbook-lint-lazy-engine',
    setup(build) {
      build.onStart(async () => {
        // Both desktop bundles share one engine build; a --watch rebuild later builds it afresh.
        if (builtAt && Date.now() - builtAt > 2000) engine = undefined;
        await buildEngine();
      });
      build.onResolve({ filter: /^\.\/engine\.cjs$/ }, (args) => (args.namespace === 'runbook-lint-engine' ? { path: args.path, external: true } : undefined));
      build.onResolve({ filter: /\/core\// }, (args) => {
        if (!args.importer || args.importer.startsWith(CORE)) return undefined;
        const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
        if (!target.startsWith(CORE)) return undefined;
        return { path: 'engine', namespace: 'runbook-lint-engine' };
      });
      build.onLoad({ filter: /.*/, namespace: 'runbook-lint-engine' }, async () => {
        const names = await buildEngine();
        return {
          loader: 'js',
          contents: `"use strict";
let engine;
const load = () => (engine ??= require(${JSON.stringify(relFromOutput)}));
const names = ${JSON.stringify(names)};
const has = (k) => typeof k === 'string' && names.includes(k);
module.exports = new Proxy({}, {
  get: (_t, k) => (k === '__esModule' ? true : has(k) ? load()[k] : undefined),
  has: (_t, k) => has(k),
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_t, k) => (has(k) ? { configurable: true, enumerable: true, writable: false, value: undefined } : undefined),
});
`,
        };
      });
    },
  };
}
