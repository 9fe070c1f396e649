/**
 * Issue 9 §4: the front ends use only the public API (src/core/api.ts). The other doors are the
 * checklist renderer (src/core/checklist), which the panel shares with its webview script, and
 * src/core/resolve-api.ts, the engine-free half of the public API that api.ts re-exports (the CLI
 * resolves configs and serves its cache without loading the lint engine, issue 12).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../helpers/lint.js';

const FRONT_ENDS = ['cli', 'server', 'editor', 'vscode', 'webview'];
/** The extension's engine bundle re-exports the core on purpose (src/vscode/build/lazy-engine.mjs). */
const ENGINE = join('src', 'vscode', 'engine.ts');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

test('src/cli, src/server, src/editor, src/vscode and src/webview reach src/core only through api.ts (resolve-api.ts, the checklist renderer)', () => {
  const offending: string[] = [];
  let imports = 0;
  for (const front of FRONT_ENDS) {
    for (const file of sources(join(repoRoot, 'src', front))) {
      const rel = relative(repoRoot, file);
      if (rel === ENGINE) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^;]*?from\s+'((?:\.\.\/)+core\/[^']+)'/g)) {
        imports++;
        const target = m[1]!.replace(/^(?:\.\.\/)+/, '');
        if (target !== 'core/api.js' && target !== 'core/resolve-api.js' && !target.startsWith('core/checklist/')) offending.push(`${rel}: ${target}`);
      }
    }
  }
  assert.ok(imports > 20, `only ${imports} core imports found: the scan is broken`);
  assert.deepEqual(offending, []);
});
