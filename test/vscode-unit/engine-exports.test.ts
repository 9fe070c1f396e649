/**
 * In the desktop extension every import of src/core/** (outside core) is replaced by a stand-in for
 * dist/engine.cjs (src/vscode/build/lazy-engine.mjs), whose exports are src/vscode/engine.ts's.
 * A value the editor features import from core but the engine does not export is `undefined` in
 * the extension only (the CLI and tests see the real module): quick fixes and hover went missing
 * that way. Every value imported from core by src/editor and src/vscode must be an engine export.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/lint.js';
import * as engine from '../../src/vscode/engine.js';

const ENGINE_SOURCE = join(repoRoot, 'src', 'vscode', 'engine.ts');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'build' ? [] : sources(path);
    return name.endsWith('.ts') && path !== ENGINE_SOURCE ? [path] : [];
  });
}

/** Value names (not `type` ones) imported from a module under src/core. */
function coreValueImports(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(?:\.\.\/)+core\/[^']+'/g)) {
    if (m[1]) continue;
    for (const part of m[2]!.split(',')) {
      const name = part.trim();
      if (!name || name.startsWith('type ')) continue;
      names.push(name.split(/\s+as\s+/)[0]!.trim());
    }
  }
  return names;
}

test('every value src/editor and src/vscode import from the core is exported by the extension engine', () => {
  const files = [...sources(join(repoRoot, 'src', 'editor')), ...sources(join(repoRoot, 'src', 'vscode'))];
  const missing: string[] = [];
  let checked = 0;
  for (const file of files) {
    for (const name of coreValueImports(readFileSync(file, 'utf8'))) {
      checked++;
      if ((engine as Record<string, unknown>)[name] === undefined) missing.push(`${name} (${file.slice(repoRoot.length + 1)})`);
    }
  }
  assert.ok(checked > 20, `only ${checked} imports found: the scan is broken`);
  assert.deepEqual(missing, []);
});
