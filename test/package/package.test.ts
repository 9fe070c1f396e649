/**
 * The published package is lean (issue "One engine"): everything is bundled, so no runtime
 * dependencies; no source maps; the packed size stays small. Reads what `npm pack` would publish.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/lint.js';

interface PackResult {
  size: number;
  unpackedSize: number;
  files: Array<{ path: string; size: number }>;
}

const MAX_PACKED_BYTES = 1.5 * 1024 * 1024;

function dryRunPack(): PackResult {
  // --ignore-scripts: the build already ran (npm test builds first); pack must not rebuild here.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return (JSON.parse(out) as PackResult[])[0]!;
}

test('package.json declares no runtime dependencies: the bundles contain them', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(pkg.dependencies, undefined);
  assert.equal(pkg.optionalDependencies, undefined);
});

test('the package ships the bundles without source maps and stays under 1.5 MB packed', () => {
  const pack = dryRunPack();
  const paths = pack.files.map((f) => f.path);
  assert.deepEqual(paths.filter((p) => p.endsWith('.map')), []);
  for (const needed of ['bin/runbook-lint.js', 'dist/cli.js', 'dist/worker.js', 'dist/extension.cjs', 'schemas/runbook.schema.json', 'schemas/config.schema.json']) {
    assert.ok(paths.includes(needed), `${needed} is in the package`);
  }
  assert.ok(pack.size <= MAX_PACKED_BYTES, `packed size ${(pack.size / 1024 / 1024).toFixed(2)} MB is at most 1.5 MB`);
});
