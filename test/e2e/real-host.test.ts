/**
 * The suites that run inside a real VS Code host (code-server 4.100.3, see test/host/README.md),
 * wrapped as node:test tests so `npm test` reports them in one summary. Each script builds what it
 * needs, starts its own host, and exits non-zero when a test inside the host fails.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/lint.js';

function runScript(script: string): void {
  const result = spawnSync(process.execPath, [join(repoRoot, script)], { cwd: repoRoot, encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  // Keep the host's own report visible in the CI log.
  process.stdout.write(output.split('\n').map((l) => `    ${l}`).join('\n') + '\n');
  assert.equal(result.status, 0, `${script} exited with ${result.status ?? result.signal}`);
}

test('extension suites in a real VS Code host (diagnostics, quick fixes, completion, commands, trust, .vsix, web)', { timeout: 20 * 60_000 }, () => {
  runScript('test/extension/run-host-tests.mjs');
});

test('checklist panel end to end in a real VS Code host (click in the webview, undo, drill, export)', { timeout: 10 * 60_000 }, () => {
  runScript('test/checklist/host-e2e.mjs');
});
