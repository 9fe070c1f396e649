/**
 * Warm cache (issue 12): when every file comes from the cache the run compiles no schema and starts
 * no worker thread (RUNBOOK_LINT_DEBUG reports both), and prints what the cold run printed. Files
 * whose stamp (size, times, inode) is the one recorded with their entry are not even read, and only
 * files that had settled before the run that recorded them get a stamp (issue 11: an edit of the
 * same size within the time stamps' resolution is still seen).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATS } from '../../src/cli/args.js';
import { decodeCache, encodeCache } from '../../src/cli/cache.js';
import { CLEAN, ERR, parseJson, runCli, runCliInProcess, tempProject, WARN } from './helpers.js';

/** The test hook that lets files count as settled at once (the default waits 3 s after a file's last change). */
const SETTLED = { RUNBOOK_LINT_CACHE_SETTLE_MS: '0' };
/** And files that never count as settled, whatever the time the test took so far. */
const UNSETTLED = { RUNBOOK_LINT_CACHE_SETTLE_MS: String(1e13) };
const unreadCount = (stderr: string) => Number(/, (\d+) unread \(stamp unchanged\)/.exec(stderr)?.[1] ?? NaN);

function project(n: number): string {
  const files: Record<string, string> = {};
  const variants = [CLEAN, WARN, ERR];
  for (let i = 0; i < n; i++) files[`runbooks/r${String(i).padStart(3, '0')}.md`] = `${variants[i % 3]}\nNote ${i}.\n`;
  return tempProject(files);
}

const debugLine = (stderr: string) => /^runbook-lint: (\d+) files, (\d+) linted, (\d+) from cache, (in-process|\d+ worker (?:threads|processes)), (\d+) schemas compiled here/m.exec(stderr);

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
  assert.match(threads.stderr, /^runbook-lint: 80 files, 80 linted, 2 worker (threads|processes), 0 schemas compiled here, \d+ ms$/m);
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
      // Files that never settle: read and hashed on the warm run; once settled, not even read.
      const cold = await runCliInProcess(args, dir, { RUNBOOK_LINT_DEBUG: '1', ...UNSETTLED });
      const warm = await runCliInProcess(args, dir, { RUNBOOK_LINT_DEBUG: '1', ...UNSETTLED });
      const unread = await runCliInProcess(args, dir, { RUNBOOK_LINT_DEBUG: '1', ...SETTLED });
      const stamped = await runCliInProcess(args, dir, { RUNBOOK_LINT_DEBUG: '1', ...SETTLED });
      const label = `--format ${format} ${extra.join(' ')}`;
      assert.match(cold.stderr, /5 files, 5 linted, 0 from cache/, label);
      assert.match(warm.stderr, /5 files, 0 linted, 5 from cache/, label);
      assert.equal(unreadCount(warm.stderr), 0, label);
      assert.equal(unreadCount(unread.stderr), 0, `${label}: the stamps are recorded on this run`);
      assert.match(stamped.stderr, /5 files, 0 linted, 5 from cache/, label);
      assert.equal(unreadCount(stamped.stderr), 5, label);
      assert.equal(warm.code, cold.code, label);
      assert.ok(cold.stdout.length > 0, label);
      assert.equal(warm.stdout, cold.stdout, label);
      assert.equal(unread.stdout, cold.stdout, label);
      assert.equal(stamped.stdout, cold.stdout, label);
      assert.equal(stamped.code, cold.code, label);
    }
  }
});

const cacheOf = (path: string) => {
  const contents = decodeCache(readFileSync(path));
  assert.ok(contents, `${path} is a cache the tool wrote`);
  return contents;
};

/** Mark every cached message, so a later run shows which files it took from the cache. */
function tamper(path: string): void {
  const cache = cacheOf(path);
  for (const entry of cache.entries.values()) for (const m of entry.result.messages) m.message = `FROM CACHE ${m.message}`;
  writeFileSync(path, encodeCache(cache));
}

async function fromCache(dir: string, env: Record<string, string> = {}): Promise<{ cached: string[]; unread: number; results: ReturnType<typeof parseJson> }> {
  const run = await runCliInProcess(['--cache', '--format', 'json'], dir, { RUNBOOK_LINT_DEBUG: '1', ...env });
  const results = parseJson(run);
  const cached = results.filter((r) => r.messages.some((m) => m.message.startsWith('FROM CACHE'))).map((r) => r.filePath.slice(dir.length + 1));
  return { cached, unread: unreadCount(run.stderr), results };
}

test('a file is trusted by its stamp only when it had settled before the run that recorded it', async () => {
  const dir = tempProject({ 'a.md': ERR, 'b.md': WARN, 'c.md': `---\nrunbook_schema: runbook-lint:continuity\n---\n${ERR}` });
  const cache = join(dir, '.runbook-lint-cache');
  await runCliInProcess(['--cache'], dir);
  // Written a moment ago: within the settle time of that run, so no stamp; such a file is always read.
  assert.deepEqual([...cacheOf(cache).entries.values()].map((e) => e.stamp), [undefined, undefined, undefined]);
  await runCliInProcess(['--cache'], dir, SETTLED);
  const stamps = new Map([...cacheOf(cache).entries].map(([file, e]) => [file.slice(dir.length + 1), e.stamp]));
  assert.ok(stamps.get('a.md') && stamps.get('b.md'), 'settled files get their stamp on the next run that reads them');
  assert.equal(stamps.get('c.md'), undefined, 'a file naming its schema in its front matter is always read');
  const a = statSync(join(dir, 'a.md'));
  assert.deepEqual(stamps.get('a.md'), [a.size, a.mtimeMs, a.ctimeMs, a.ino, a.dev]);

  tamper(cache);
  const trusted = await fromCache(dir, SETTLED);
  assert.deepEqual(trusted.cached, ['a.md', 'b.md', 'c.md']);
  assert.equal(trusted.unread, 2);

  // An edit of the same size with the modification time put back: the change time moved, so it is read and seen.
  const before = statSync(join(dir, 'a.md'));
  writeFileSync(join(dir, 'a.md'), ERR.replace('payments', 'PAYMENTS'));
  utimesSync(join(dir, 'a.md'), before.atime, before.mtime);
  assert.equal(statSync(join(dir, 'a.md')).size, before.size);
  let run = await fromCache(dir, SETTLED);
  assert.deepEqual(run.cached, ['b.md', 'c.md']);
  assert.equal(run.unread, 1);
  assert.match(readFileSync(join(dir, 'a.md'), 'utf8'), /PAYMENTS/);

  // Replaced by another file of the same size and times (an editor's save by rename): another inode, read.
  tamper(cache);
  const b = statSync(join(dir, 'b.md'));
  writeFileSync(join(dir, 'b.new'), WARN.replace('payments', 'PAYMENTS'));
  utimesSync(join(dir, 'b.new'), b.atime, b.mtime);
  renameSync(join(dir, 'b.new'), join(dir, 'b.md'));
  run = await fromCache(dir, SETTLED);
  assert.ok(!run.cached.includes('b.md'), 'b.md was read and re-linted');
  assert.ok(run.cached.includes('a.md') && run.cached.includes('c.md'));
});

test('stamps are not trusted when the cache file says the file system clock lags this machine', async () => {
  const dir = tempProject({ 'a.md': ERR, 'b.md': WARN });
  const cache = join(dir, '.runbook-lint-cache');
  await runCliInProcess(['--cache'], dir, SETTLED);
  await runCliInProcess(['--cache'], dir, SETTLED);
  tamper(cache);
  assert.equal((await fromCache(dir, SETTLED)).unread, 2);
  // Written "a minute from now" by this machine's clock, yet the file's time says now: a lagging clock.
  const contents = cacheOf(cache);
  writeFileSync(cache, encodeCache({ ...contents, written: Date.now() + 60_000 }));
  const run = await fromCache(dir, SETTLED);
  assert.equal(run.unread, 0, 'every file read and hashed');
  assert.deepEqual(run.cached, ['a.md', 'b.md'], 'and still served from the cache by its content hash');
  writeFileSync(cache, encodeCache({ ...contents, written: undefined }));
  assert.equal((await fromCache(dir, SETTLED)).unread, 0, 'a cache without its write time: no stamp is trusted');
});

test('a file fixed by --fix keeps no stamp (the result is for the bytes written, not the ones stamped)', async () => {
  const dir = tempProject({ 'a.md': ERR, 'b.md': WARN });
  const cache = join(dir, '.runbook-lint-cache');
  await runCliInProcess(['--cache'], dir, SETTLED);
  await runCliInProcess(['--cache'], dir, SETTLED);
  assert.ok([...cacheOf(cache).entries.values()].every((e) => e.stamp), 'both stamped before the fix');
  await runCliInProcess(['--cache', '--fix'], dir, SETTLED);
  const fixed = ['a.md', 'b.md'].filter((f) => readFileSync(join(dir, f), 'utf8') !== (f === 'a.md' ? ERR : WARN));
  assert.ok(fixed.length > 0, 'something was fixed');
  for (const f of fixed) assert.equal(cacheOf(cache).entries.get(join(dir, f))!.stamp, undefined, f);
  const again = await runCliInProcess(['--cache', '--format', 'json'], dir, { RUNBOOK_LINT_DEBUG: '1', ...SETTLED });
  assert.match(again.stderr, /2 files, 0 linted, 2 from cache/);
  assert.equal(unreadCount(again.stderr), 2 - fixed.length, 'a fixed file is read once more, then stamped');
});
