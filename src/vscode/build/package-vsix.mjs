#!/usr/bin/env node
// `npm run package`: builds runbook-lint-<version>.vsix with @vscode/vsce, offline.
// package.json's "files" list is for the npm package (CLI), and vsce refuses "files" together with
// a .vscodeignore, so the .vsix is packed from a staging folder holding exactly what the extension
// needs at run time: the bundles and the webview script (no source maps), schemas, snippets,
// grammar, README, LICENSE.
// Usage: node src/vscode/build/package-vsix.mjs [--out FILE]   (run `npm run build` first)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(ROOT, `${pkg.name}-${pkg.version}.vsix`));

const required = ['dist/extension.cjs', 'dist/engine.cjs', 'dist/lint-worker.cjs', 'dist/web/extension.cjs'];
for (const f of required) if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);

const stage = mkdtempSync(join(tmpdir(), 'runbook-lint-vsix-'));
try {
  const copy = (from, to = from) => {
    mkdirSync(dirname(join(stage, to)), { recursive: true });
    cpSync(join(ROOT, from), join(stage, to), { recursive: true });
  };
  for (const f of required) if (f !== 'dist/web/extension.cjs') copy(f);
  // The web worker host fetches `browser` + ".js" and treats a "type": "module" package's entries
  // as ESM (unsupported there). The extension needs no ESM, so its manifest drops "type" and
  // points `browser` at a .js copy of the web bundle.
  copy('dist/web/extension.cjs', 'dist/web/extension.js');
  // The checklist panel's webview script (src/webview → dist/webview).
  if (!existsSync(join(ROOT, 'dist/webview'))) throw new Error('dist/webview is missing: run `npm run build` first');
  for (const f of readdirSync(join(ROOT, 'dist/webview'))) if (!f.endsWith('.map')) copy(`dist/webview/${f}`);
  for (const dir of ['schemas', 'snippets', 'syntaxes']) {
    for (const f of readdirSync(join(ROOT, dir))) if (/\.(json|code-snippets)$/.test(f)) copy(`${dir}/${f}`);
  }
  if (existsSync(join(ROOT, 'docs/images/diagnostics.png'))) copy('docs/images/diagnostics.png');
  copy('README.md', 'README.md');
  const hasLicense = existsSync(join(ROOT, 'LICENSE'));
  if (hasLicense) copy('LICENSE');
  if (existsSync(join(ROOT, 'CHANGELOG.md'))) copy('CHANGELOG.md');

  // The extension's manifest: no npm "files"/"bin"/scripts/dependencies (everything is bundled).
  const manifest = { ...pkg };
  for (const k of ['files', 'bin', 'scripts', 'dependencies', 'type']) delete manifest[k];
  manifest.browser = './dist/web/extension.js';
  manifest.devDependencies = { '@types/vscode': pkg.devDependencies['@types/vscode'] };
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const args = [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out];
  if (!hasLicense) args.push('--skip-license');
  const r = spawnSync(process.execPath, args, { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status})`);
  console.log(`package-vsix: ${out} (${(statSync(out).size / 1024).toFixed(0)} kB)`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
