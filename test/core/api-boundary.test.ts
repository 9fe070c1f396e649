/**
 * Issue 9 §4: the front ends use only the public API (src/core/api.ts) and
 * src/core/resolve-api.ts, the engine-free half of it that api.ts re-exports (the CLI resolves
 * configs and serves its cache without loading the lint engine, issue 12). The one other door is
 * the checklist renderer's index (src/core/checklist/index.ts), and only for the webview script:
 * it runs in the panel's browser sandbox, where the engine must not be bundled.
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

test('src/cli, src/server, src/editor, src/vscode and src/webview reach src/core only through api.ts (resolve-api.ts; the webview: the checklist index)', () => {
  const offending: string[] = [];
  let imports = 0;
  for (const front of FRONT_ENDS) {
    for (const file of sources(join(repoRoot, 'src', front))) {
      const rel = relative(repoRoot, file);
      if (rel === ENGINE) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^;]*?from\s+'((?:\.\.\/)+core\/[^']+)'/g)) {
        imports++;
        const target = m[1]!.replace(/^(?:\.\.\/)+/, '');
        const allowed = target === 'core/api.js' || target === 'core/resolve-api.js' || (front === 'webview' && target === 'core/checklist/index.js');
        if (!allowed) offending.push(`${rel}: ${target}`);
      }
    }
  }
  assert.ok(imports > 20, `only ${imports} core imports found: the scan is broken`);
  assert.deepEqual(offending, []);
});
