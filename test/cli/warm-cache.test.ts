/**
 * Warm cache (issue 12): when every file comes from the cache the run compiles no schema and starts
 * no worker thread (RUNBOOK_LINT_DEBUG reports both), and prints what the cold run printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATS } from '../../src/cli/args.js';
import { CLEAN, ERR, runCli, runCliInProcess, tempProject, WARN } from './helpers.js';

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

// In this process (the same main() as the bundle): 2 runs per format and flag need no process each.
test('every built-in format prints the same bytes from the cache as from a fresh lint', async () => {
  // Fix texts (json), non-ASCII messages, a BOM and CRLF line endings all go through the cache.
  const dir = tempProject({
    'a.md': ERR,
    'b.md': WARN,
    'c.md': CLEAN,
    'd.md': '\ufeff# Zahlungs-Runbook für Störungen\r\n\r\n## Zusammenfassung\r\n\r\n[insert summary] – “quoted” ✓\r\n',
    'sub/e.md': `---\nowner: team\nlast_reviewed: 2020-01-01\n---\n${ERR}`,
  });
  const cache = join(dir, 'lint.cache');
  for (const format of FORMATS) {
    for (const extra of [[], ['--quiet']]) {
      const args = ['--cache', '--cache-location', cache, '--format', format, ...extra];
      rmSync(cache, { force: true });
      const cold = await runCliInProcess(args, dir, { RUNBOOK_LINT_DEBUG: '1' });
      const warm = await runCliInProcess(args, dir, { RUNBOOK_LINT_DEBUG: '1' });
      const label = `--format ${format} ${extra.join(' ')}`;
      assert.match(cold.stderr, /5 files, 5 linted, 0 from cache/, label);
      assert.match(warm.stderr, /5 files, 0 linted, 5 from cache/, label);
      assert.equal(warm.code, cold.code, label);
      assert.ok(cold.stdout.length > 0, label);
      assert.equal(warm.stdout, cold.stdout, label);
    }
  }
});
