/**
 * Issue 9 §4: the front ends use only the public API (src/core/api.ts). The one other door is the
 * checklist renderer (src/core/checklist), which the panel shares with its webview script.
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

test('src/cli, src/server, src/editor, src/vscode and src/webview reach src/core only through api.ts (and the checklist renderer)', () => {
  const offending: string[] = [];
  let imports = 0;
  for (const front of FRONT_ENDS) {
    for (const file of sources(join(repoRoot, 'src', front))) {
      const rel = relative(repoRoot, file);
      if (rel === ENGINE) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^;]*?from\s+'((?:\.\.\/)+core\/[^']+)'/g)) {
        imports++;
        const target = m[1]!.replace(/^(?:\.\.\/)+/, '');
        if (target !== 'core/api.js' && !target.startsWith('core/checklist/')) offending.push(`${rel}: ${target}`);
      }
    }
  }
  assert.ok(imports > 20, `only ${imports} core imports found: the scan is broken`);
  assert.deepEqual(offending, []);
});
