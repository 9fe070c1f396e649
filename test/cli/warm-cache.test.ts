/**
 * Warm cache (issue 12): when every file comes from the cache the run compiles no schema and starts
 * no worker thread (RUNBOOK_LINT_DEBUG reports both), and prints what the cold run printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN, ERR, runCli, tempProject, WARN } from './helpers.js';

function project(n: number): string {
  const files: Record<string, string> = {};
  const variants = [CLEAN, WARN, ERR];
  for (let i = 0; i < n; i++) files[`runbooks/r${String(i).padStart(3, '0')}.md`] = `${variants[i % 3]}\nNote ${i}.\n`;
  return tempProject(files);
}

const debugLine = (stderr: string) => /^runbook-lint: (\d+) files, (\d+) linted, (\d+) from cache, (in-process|\d+ worker threads), (\d+) schemas compiled here/m.exec(stderr);

test('a run served wholly from the cache compiles no schema and starts no worker; same report', () => {
  const dir = project(80);
  const env = { RUNBOOK_LINT_DEBUG: '1' };
  const cold = runCli(['--cache', '--format', 'json', '--jobs', '1'], dir, env);
  const coldLine = debugLine(cold.stderr);
  assert.ok(coldLine, cold.stderr);
  assert.equal(coldLine[2], '80');
  assert.ok(Number(coldLine[5]) >= 1, 'linting in-process compiles the built-in schema');
  for (const args of [['--format', 'json'], ['--format', 'json', '--jobs', '4']]) {
    const warm = runCli(['--cache', ...args], dir, env);
    const line = debugLine(warm.stderr);
    assert.ok(line, warm.stderr);
    assert.deepEqual(line.slice(1, 6), ['80', '0', '80', 'in-process', '0'], args.join(' '));
    assert.equal(warm.code, cold.code);
    assert.equal(warm.stdout, cold.stdout);
  }
  // Without --cache, worker threads lint and the main thread compiles nothing either.
  const threads = runCli(['--format', 'json', '--jobs', '2'], dir, env);
  assert.match(threads.stderr, /^runbook-lint: 80 files, 80 linted, 2 worker threads, 0 schemas compiled here, \d+ ms$/m);
  assert.equal(threads.stdout, cold.stdout);
});
