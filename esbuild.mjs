// Build script for runbook-lint, run by `npm run build` and by `prepare` on `npm ci`/`npm install`.
//
// Every bundle is one entry in `buildConfigs` below. The CLI and its worker are ESM bundles for
// Node 20 with every dependency inlined, so `bin/runbook-lint.js` needs nothing from node_modules
// at run time.
//
// ─── EXTENSION POINT ────────────────────────────────────────────────────────────────────────────
// To add a bundle (e.g. the VS Code extension: format 'cjs', external ['vscode'], minify true; or
// the checklist webview: platform 'browser', format 'iife'), push a config onto `buildConfigs`
// (or call `addBuild(config)` from a module imported here). Each config is passed to
// `esbuild.build()` unchanged, plus `metafile: true` for the size report.
// Usage: `node esbuild.mjs [--watch] [--only=<name>,<name>] [--no-sync]` (--no-sync: leave the files
// derived from the rule definitions alone; scripts/sync-rules.mjs).
// ────────────────────────────────────────────────────────────────────────────────────────────────
import * as esbuild from 'esbuild';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyEngine } from './src/vscode/build/lazy-engine.mjs';
import { syncRuleFiles } from './scripts/sync-rules.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** ajv and a few other dependencies are CommonJS and call `require`; give the ESM bundle one. */
const esmRequireBanner = "import { createRequire as __runbookLintCreateRequire } from 'module'; const require = __runbookLintCreateRequire(import.meta.url);";

/** Options shared by the Node ESM bundles (CLI and worker). */
const nodeEsm = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Source maps stay beside the local build for debugging; package.json "files" keeps them out of the package.
  sourcemap: 'linked',
  minify: true,
  // Minified, yet stack traces and error messages still name functions and classes.
  keepNames: true,
  loader: { '.json': 'json' },
  // Prefer ESM builds: jsonc-parser's UMD "main" uses a dynamic require esbuild cannot follow.
  mainFields: ['module', 'main'],
  banner: { js: esmRequireBanner },
  define: { __RUNBOOK_LINT_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  absWorkingDir: root,
};

/** Options shared by the VS Code extension bundles (desktop, its lint worker, web). */
const vscodeCjs = {
  bundle: true,
  format: 'cjs',
  external: ['vscode'],
  minify: true,
  sourcemap: 'linked',
  mainFields: ['module', 'main'],
  loader: { '.json': 'json' },
  logLevel: 'warning',
  absWorkingDir: root,
};

/**
 * The list of bundles. `name` is only for `--only` and the size report; everything else is
 * esbuild options. Other bundles (VS Code extension, webview) are added here.
 */
export const buildConfigs = [
  // The Node ESM entry points share one build with code splitting, so the core (parser, ajv, re2js…)
  // ships once in dist/chunks/ instead of once per bundle. cli.js is the command; worker.js its worker
  // threads (loaded by URL); api.js the package's `exports["."]` (src/core/api.ts: createLinter, no fs of
  // its own); server.js the language server (`runbook-lint lsp --stdio` loads it by URL, so linting
  // from the terminal never does).
  {
    name: 'node', ...nodeEsm, splitting: true, outdir: 'dist', chunkNames: 'chunks/[name]-[hash]',
    entryPoints: { cli: 'src/cli/main.ts', worker: 'src/cli/worker.ts', api: 'src/core/api.ts', server: 'src/server/main.ts' },
  },
  // VS Code extension (src/vscode): CJS (`.cjs`: package.json says "type": "module"), `vscode` external, minified.
  // Desktop: the engine (src/core) is its own file, dist/engine.cjs, loaded on first use (src/vscode/build/lazy-engine.mjs).
  { name: 'extension', ...vscodeCjs, platform: 'node', target: 'node20', entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.cjs', plugins: [lazyEngine()] },
  { name: 'extension-worker', ...vscodeCjs, platform: 'node', target: 'node20', entryPoints: ['src/vscode/node/lint-worker.ts'], outfile: 'dist/lint-worker.cjs', plugins: [lazyEngine()] },
  // `worker` condition: packages with a DOM build (decode-named-character-reference) must not touch `document` in a web worker.
  { name: 'extension-web', ...vscodeCjs, platform: 'browser', target: 'es2022', conditions: ['worker'], entryPoints: ['src/vscode/web.ts'], outfile: 'dist/web/extension.cjs' },
  // Checklist panel script (src/webview): browser IIFE, loaded by the webview with the CSP nonce.
  { name: 'webview', bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, sourcemap: false,
    logLevel: 'warning', absWorkingDir: root, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/checklist.js' },
];

/** Register another bundle (for modules that extend the build). */
export function addBuild(config) {
  buildConfigs.push(config);
}

function formatSize(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

/**
 * Build every config (or the ones named in `only`); prints each output file and its size. First the
 * files derived from the rule definitions (registry, config schema, settings enum) are brought up to
 * date, unless `sync` is false (`prepare` on install never rewrites tracked files; CI checks them).
 */
export async function build({ only, watch = false, sync = true } = {}) {
  const selected = buildConfigs.filter((c) => !only || only.includes(c.name));
  if (selected.length === 0) throw new Error(`No build config matches --only=${only?.join(',')}; known: ${buildConfigs.map((c) => c.name).join(', ')}`);
  if (sync) {
    const changed = await syncRuleFiles(root);
    if (changed.length > 0) console.log(`sync-rules: updated ${changed.join(', ')} from the rule definitions`);
  }
  // Chunk names carry a content hash: without this, every build would leave the last one's chunks
  // behind in dist/chunks/, and they would be packed.
  if (selected.some((c) => c.splitting)) rmSync(join(root, 'dist', 'chunks'), { recursive: true, force: true });
  const started = Date.now();
  const results = await Promise.all(
    selected.map(async ({ name, ...options }) => {
      if (watch) {
        const ctx = await esbuild.context({ ...options, metafile: true });
        await ctx.watch();
        return { name, outputs: [] };
      }
      const result = await esbuild.build({ ...options, metafile: true });
      return { name, outputs: Object.keys(result.metafile.outputs) };
    }),
  );
  if (watch) {
    console.log(`esbuild: watching ${selected.map((c) => c.name).join(', ')}…`);
    return;
  }
  for (const { name, outputs } of results) {
    for (const out of outputs) {
      const size = statSync(join(root, out)).size;
      console.log(`  ${relative(root, join(root, out)).padEnd(28)} ${formatSize(size).padStart(10)}  (${name})`);
    }
  }
  console.log(`esbuild: built ${selected.length} bundle(s) in ${Date.now() - started} ms`);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const onlyArg = process.argv.find((a) => a.startsWith('--only='));
  build({ only: onlyArg ? onlyArg.slice('--only='.length).split(',') : undefined, watch: process.argv.includes('--watch'), sync: !process.argv.includes('--no-sync') }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
