// The inner loop's compile (`npm run test:unit`): out/ removed, then every .ts file of src/, test/
// and bench/ transpiled into it one to one with esbuild (about a second; no bundling, the same
// layout and ES2022 modules as tsc emits), plus the JSON files they import. No type check here:
// test/run.mjs --typecheck runs `tsc --noEmit` beside the tests. `npm test` and CI compile with tsc
// (`npm run compile-tests`), which type-checks and emits in one go.
//
// A fresh out/ every time: a test whose source was deleted or renamed never runs from a stale file.
// tsconfig.json's isolatedModules makes tsc reject what a one-file transpiler cannot compile
// (re-exported types without `type`), so both compiles give the same programs.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'out');

function tsFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...tsFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

const started = Date.now();
rmSync(out, { recursive: true, force: true });
const entryPoints = ['src', 'test', 'bench'].flatMap((dir) => tsFiles(join(root, dir)));
await esbuild.build({
  entryPoints,
  outdir: out,
  outbase: root,
  absWorkingDir: root,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  // Keep `with { type: 'json' }` (Node 20 needs it; esbuild drops it for ES2022 by default).
  supported: { 'import-attributes': true },
  sourcemap: 'linked',
  tsconfig: join(root, 'tsconfig.json'),
  logLevel: 'warning',
  // src/vscode/node/pool.ts calls require() on purpose: it only runs inside the CommonJS extension bundle.
  logOverride: { 'unsupported-require-call': 'silent' },
});

// tsc copies the JSON modules the program imports (resolveJsonModule) into out/; so do we.
const jsonImport = /\bfrom\s+['"](\.{1,2}\/[^'"]+\.json)['"]/g;
let copied = 0;
for (const file of entryPoints) {
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(jsonImport)) {
    const source = resolve(dirname(file), spec);
    const target = join(out, relative(root, source));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    copied++;
  }
}
console.log(`test/compile.mjs: ${entryPoints.length} files transpiled to out/ (${copied} JSON imports copied) in ${Date.now() - started} ms`);
