/**
 * Robustness (issue 11): files that are not what they seem, hostile caches, and writes that must
 * never lose data. Every input is generated in a temp folder; outcomes and messages are asserted,
 * never timings (node:test timeouts are hang guards only).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileRefusal, readRegularFile } from '../../src/cli/read.js';
import { ensureDirectory, writeFileAtomic } from '../../src/cli/write.js';
import { escapeTerminal, formatStylish } from '../../src/cli/formatters/stylish.js';
import { parseArgs } from '../../src/cli/args.js';
import type { FileResult, LintTask } from '../../src/cli/types.js';
import { cacheText, decodeCache } from '../../src/cli/cache.js';
import { ConfigResolver } from '../../src/cli/config.js';
import { lintFile, prepareSettings } from '../../src/cli/engine.js';
import { createPool, WORKER_PROCESS_ARGS } from '../../src/cli/pool.js';
import { CLEAN, ERR, miniProject, parseJson, root, runCli, runCliInProcess, tempProject } from '../cli/helpers.js';
import { unitTier } from '../helpers/tier.js';

const GUARD = { timeout: 60_000 };

function mkfifo(path: string): boolean {
  try {
    execFileSync('mkfifo', [path]);
    return true;
  } catch {
    return false;
  }
}

test('readRegularFile: FIFOs, devices, dangling and looping links, and oversized files are refused before reading', GUARD, (t) => {
  const dir = tempProject({ 'ok.md': 'hello\n', 'big.md': 'x'.repeat(2048) });
  symlinkSync('/dev/zero', join(dir, 'zero.md'));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.md'));
  symlinkSync(join(dir, 'loop-b.md'), join(dir, 'loop-a.md'));
  symlinkSync(join(dir, 'loop-a.md'), join(dir, 'loop-b.md'));
  assert.equal(readRegularFile(join(dir, 'ok.md'), 100).toString(), 'hello\n');
  assert.equal(readRegularFile(join(dir, 'big.md'), 2048).length, 2048, 'exactly at the limit is fine');
  assert.throws(() => readRegularFile(join(dir, 'big.md'), 1024), (e: unknown) => e instanceof FileRefusal && e.code === 'EFBIG' && /over the limit/.test(e.message));
  assert.throws(() => readRegularFile(join(dir, 'zero.md'), 1024), (e: unknown) => e instanceof FileRefusal && /character device, not a regular file/.test(e.message));
  assert.throws(() => readRegularFile(join(dir, 'dangling.md'), 1024), { code: 'ENOENT' });
  assert.throws(() => readRegularFile(join(dir, 'loop-a.md'), 1024), { code: 'ELOOP' });
  if (!mkfifo(join(dir, 'pipe.md'))) return t.skip('mkfifo is not available');
  assert.throws(() => readRegularFile(join(dir, 'pipe.md'), 1024), (e: unknown) => e instanceof FileRefusal && /FIFO/.test(e.message));
});

test('a scan with a FIFO, a /dev/zero link and a looping link: each gets a fatal, the rest is linted', GUARD, () => {
  const dir = miniProject({ 'good.md': CLEAN, 'bad.md': ERR });
  const fifo = mkfifo(join(dir, 'pipe.md'));
  symlinkSync('/dev/zero', join(dir, 'zero.md'));
  symlinkSync(join(dir, 'loop-b.md'), join(dir, 'loop-a.md'));
  symlinkSync(join(dir, 'loop-a.md'), join(dir, 'loop-b.md'));
  const r = runCli(['--format', 'json', '.', 'zero.md', 'loop-a.md', ...(fifo ? ['pipe.md'] : [])], dir);
  assert.equal(r.code, 1, r.stderr);
  const byName = Object.fromEntries(parseJson(r).map((x) => [x.filePath.slice(dir.length + 1), x]));
  assert.equal(byName['good.md']!.messages.length, 0);
  assert.ok(byName['bad.md']!.messages.some((m) => m.ruleId === 'required-section'));
  const only = (name: string) => {
    const messages = byName[name]!.messages;
    assert.equal(messages.length, 1, name);
    assert.equal(messages[0]!.ruleId, 'fatal');
    return messages[0]!.message;
  };
  assert.match(only('zero.md'), /Cannot read file: it is a character device, not a regular file/);
  assert.match(only('loop-a.md'), /too many levels of symbolic links \(ELOOP\)/);
  if (fifo) assert.match(only('pipe.md'), /it is a FIFO \(named pipe\), not a regular file/);
});

test('a schema or config that is /dev/zero, or a schema $ref to it: exit 2 with the reason, no hang', GUARD, () => {
  const dir = miniProject({ 'a.md': CLEAN });
  symlinkSync('/dev/zero', join(dir, 'zero.schema.json'));
  const schema = JSON.parse(readFileSync(join(dir, 'mini.schema.json'), 'utf8'));
  schema.$defs = { z: { $ref: './zero.schema.json' } };
  writeFileSync(join(dir, 'ref.schema.json'), JSON.stringify(schema));
  const direct = runCli(['--schema', 'zero.schema.json', 'a.md'], dir);
  assert.equal(direct.code, 2);
  assert.match(direct.stderr, /zero\.schema\.json/);
  const ref = runCli(['--schema', 'ref.schema.json', 'a.md'], dir);
  assert.equal(ref.code, 2);
  assert.match(ref.stderr, /referenced as "\.\/zero\.schema\.json".*character device/);
  const config = runCli(['--config', 'zero.schema.json', 'a.md'], dir);
  assert.equal(config.code, 2);
  assert.match(config.stderr, /Cannot read config file .*character device/);
});

// The inner loop (unit tier) runs each heap test for one kind of worker, threads here and processes
// below, so both kinds still die and retry there; the full tier runs every combination.
for (const kind of unitTier ? (['thread'] as const) : (['thread', 'process'] as const)) {
  test(`a worker ${kind} that runs out of memory: its file gets a fatal with the reason, the other files are reported`, { timeout: 120_000 }, () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`ok-${i}.md`] = CLEAN;
    files['huge.md'] = '- item\n'.repeat(300_000);
    const dir = miniProject(files);
    const r = runCli(['--format', 'json', '--jobs', '2'], dir, { RUNBOOK_LINT_WORKER_HEAP_MB: '24', RUNBOOK_LINT_WORKERS: `${kind}s` });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '', 'nothing of the dying worker is shown');
    const results = parseJson(r);
    assert.equal(results.length, 7);
    const huge = results.find((x) => x.filePath.endsWith('huge.md'))!;
    assert.equal(huge.messages.length, 1);
    assert.equal(huge.messages[0]!.ruleId, 'fatal');
    assert.match(huge.messages[0]!.message, new RegExp(`worker ${kind} stopped while linting this file: it ran out of memory`));
    for (const x of results.filter((y) => y !== huge)) assert.equal(x.messages.length, 0, x.filePath);
  });
}

for (const processArgs of unitTier ? [WORKER_PROCESS_ARGS] : [undefined, WORKER_PROCESS_ARGS]) {
  test(`a file that does not fit the working heap is linted again by a worker with the full limit: its result is the in-process one (${processArgs ? 'processes' : 'threads'})`, { timeout: 180_000 }, async () => {
    const files: Record<string, string> = { 'big.md': '# Big\n\n' + '- item\n'.repeat(6_000) };
    for (let i = 0; i < 3; i++) files[`ok-${i}.md`] = CLEAN;
    const dir = miniProject(files);
    const resolver = new ConfigResolver(dir);
    const paths = Object.keys(files).map((f) => join(dir, f));
    const tasks: LintTask[] = [];
    for (const filePath of paths) tasks.push({ filePath, settingsKey: (await resolver.resolve(filePath)).settings.key });
    const now = new Date().toISOString();
    let retries = 0;
    const pooled = async (heapMb: number, workingHeapMb: number) => {
      const got = new Map<string, FileResult>();
      const pool = createPool({ workerUrl: pathToFileURL(join(root, 'dist', 'worker.js')), threads: 2, fix: false, now, heapMb, workingHeapMb, processArgs });
      try {
        await pool.run(tasks, { settings: [...resolver.settingsByKey.values()], onOutcome: (i, o) => got.set(tasks[i]!.filePath, o.result) });
      } finally {
        await pool.close();
      }
      retries = pool.fullHeapRetries;
      return got;
    };
    const big = join(dir, 'big.md');
    // Under 24 MB alone the big file runs its worker out of memory (the fatal of the test above).
    assert.match((await pooled(24, 24)).get(big)!.messages[0]!.message, /ran out of memory/);
    assert.equal(retries, 0, 'no full limit above the working one: no retry');
    const retried = await pooled(4096, 24);
    assert.equal(retries, 1, 'the big file alone was retried');
    assert.equal(retried.size, paths.length);
    for (const filePath of paths) {
      const alone = lintFile(filePath, prepareSettings(resolver.settingsByKey.get(tasks[paths.indexOf(filePath)]!.settingsKey)!), { fix: false, now: new Date(now) }).result;
      assert.deepEqual(retried.get(filePath), alone, filePath);
    }
    assert.ok(!retried.get(big)!.messages.some((m) => m.ruleId === 'fatal'));
  });
}

test('stylish: 150,000 findings are printed (no stack overflow); escape sequences from names and messages are escaped', () => {
  const messages = Array.from({ length: 150_000 }, (_, i) => ({ ruleId: 'placeholder-text', severity: 2 as const, message: `m${i}`, line: i + 1, column: 1, endLine: i + 1, endColumn: 2 }));
  const big: FileResult = { filePath: '/x/a.md', errorCount: messages.length, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, messages };
  const out = formatStylish([big], { cwd: '/x', color: false, version: '0' } as never);
  assert.match(out, /150000 problems/);
  const evil: FileResult = { filePath: '/x/\u001b]0;pwned\u0007.md', errorCount: 1, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, messages: [{ ruleId: 'fatal', severity: 2, message: 'Heading \u001b[2J\u001b[31mred\u202e', line: 1, column: 1, endLine: 1, endColumn: 1 }] };
  const shown = formatStylish([evil], { cwd: '/x', color: false, version: '0' } as never);
  assert.doesNotMatch(shown, /[\u001b\u0007\u202e]/);
  assert.match(shown, /\\x1b\]0;pwned\\x07\.md/);
  assert.match(shown, /Heading \\x1b\[2J\\x1b\[31mred\\u202e/);
  assert.equal(escapeTerminal('plain é ✓'), 'plain é ✓');
});

test('--jobs is capped', () => {
  assert.equal(parseArgs(['--jobs', '64']).jobs, 64);
  assert.throws(() => parseArgs(['--jobs', '100000']), /the most is 64/);
});

test('cache: valid JSON of the wrong shape, and forged or half-edited entries, are ignored and re-linted', GUARD, async () => {
  const dir = miniProject({ 'bad.md': ERR });
  const cache = join(dir, '.runbook-lint-cache');
  for (const junk of ['[]', '{"format":2,"entries":[1,2,3]}', 'null', '"x"', '{"format":2,"tool":1,"entries":{"a":null}}', '{"format":3,"tool":"x","day":"y","digest":"z"}\n{}', 'null\n[]', '\n']) {
    writeFileSync(cache, junk);
    const r = await runCliInProcess(['--cache', '--format', 'json'], dir);
    assert.equal(r.code, 1, `${junk}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /internal error/);
  }
  // A forged entry: the right content hash and settings, but a clean result, written without the tool's digest.
  const text = readFileSync(cache, 'utf8');
  const newline = text.indexOf('\n');
  const saved = decodeCache(readFileSync(cache))!;
  const file = join(dir, 'bad.md');
  const entry = saved.entries.get(file)!;
  assert.ok(entry.result.messages.length > 0);
  const body = (messages: unknown[]) => JSON.stringify({ strings: [entry.settings, 'x'], entries: [[file, entry.hash, 0, messages]] });
  writeFileSync(cache, text.slice(0, newline + 1) + body([]));
  const forged = await runCliInProcess(['--cache', '--format', 'json'], dir);
  assert.equal(forged.code, 1, 'the bad file still fails');
  assert.ok(JSON.parse(forged.stdout)[0].messages.length > 0);
  // Entries of the wrong shape inside a file whose digest is right (the digest is no secret).
  const rows: unknown[] = [[1, 3, 1, 1, 1, 1, 1], [1, 2, 9, 1, 1, 1, 1], [1, 2, 1, 0, 1, 1, 1], [1, 2, 1, 1, 1, 1, 1, 5, 4, 1], [1, 2, 1, 1, 1, 1, 1, 0, 1]];
  const bodies = [...rows.map((row) => body([row])), JSON.stringify({ strings: [], entries: [[file, 1, [], 'x']] }), JSON.stringify({ strings: [entry.settings], entries: [[file, entry.hash, 0, 'x']] }), JSON.stringify({ strings: 'x', entries: [] })];
  for (const b of bodies) {
    writeFileSync(cache, cacheText(saved.tool, saved.day, b));
    const shaped = await runCliInProcess(['--cache', '--format', 'json'], dir);
    assert.equal(shaped.code, 1, b);
    assert.ok(JSON.parse(shaped.stdout)[0].messages.length > 0, b);
    assert.doesNotMatch(shaped.stderr, /internal error/);
  }
  // The same body with the right shape is used: the checks above are what rejected the others.
  writeFileSync(cache, cacheText(saved.tool, saved.day, body([[1, 1, 1, 1, 1, 1, 1]])));
  const used = await runCliInProcess(['--cache', '--format', 'json'], dir);
  assert.equal(used.code, 0, 'a well-formed entry with the right hash and settings is used');
  assert.deepEqual(JSON.parse(used.stdout)[0].messages.map((m: { message: string }) => m.message), ['x']);
});

test('cache: a symbolic link planted at the cache path is replaced, never written through', GUARD, async () => {
  const dir = miniProject({ 'a.md': CLEAN, 'victim.txt': 'keep me\n' });
  symlinkSync(join(dir, 'victim.txt'), join(dir, '.runbook-lint-cache'));
  const r = await runCliInProcess(['--cache', 'a.md'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(dir, 'victim.txt'), 'utf8'), 'keep me\n');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('--fix: a write into the file after the last check is detected after the rename and the other version is kept', GUARD, () => {
  const dir = tempProject({ 'r.md': 'original\n' });
  const path = join(dir, 'r.md');
  const outcome = writeFileAtomic(path, readFileSync(path), 'fixed\n', { beforeRename: () => writeFileSync(path, 'their edit\n') });
  assert.equal(outcome.written, false);
  assert.match((outcome as { reason: string }).reason, /changed on disk while runbook-lint was writing it \(the other version was kept\)/);
  assert.equal(readFileSync(path, 'utf8'), 'their edit\n');
  assert.deepEqual(readdirSync(dir), ['r.md']);
});

test('--fix: hard links stay linked, the mode is kept, read-only and setuid files are skipped with a reason', GUARD, () => {
  const dir = tempProject({ 'r.md': 'original\n', 'ro.md': 'original\n', 'suid.md': 'original\n', 'mode.md': 'original\n' });
  const path = join(dir, 'r.md');
  linkSync(path, join(dir, 'other-name.md'));
  const ino = statSync(path).ino;
  assert.deepEqual(writeFileAtomic(path, readFileSync(path), 'fixed\n'), { written: true });
  assert.equal(statSync(path).ino, ino, 'same inode');
  assert.equal(readFileSync(join(dir, 'other-name.md'), 'utf8'), 'fixed\n');

  chmodSync(join(dir, 'mode.md'), 0o640);
  assert.deepEqual(writeFileAtomic(join(dir, 'mode.md'), Buffer.from('original\n'), 'fixed\n'), { written: true });
  assert.equal(statSync(join(dir, 'mode.md')).mode & 0o7777, 0o640);

  chmodSync(join(dir, 'ro.md'), 0o444);
  const ro = writeFileAtomic(join(dir, 'ro.md'), Buffer.from('original\n'), 'fixed\n');
  assert.match((ro as { reason: string }).reason, /read-only/);
  assert.equal(readFileSync(join(dir, 'ro.md'), 'utf8'), 'original\n');

  chmodSync(join(dir, 'suid.md'), 0o4755);
  const suid = writeFileAtomic(join(dir, 'suid.md'), Buffer.from('original\n'), 'fixed\n');
  assert.match((suid as { reason: string }).reason, /setuid or setgid/);
  assert.equal(readFileSync(join(dir, 'suid.md'), 'utf8'), 'original\n');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('--output and export --html refuse to overwrite a file being linted or exported, also through a symbolic link', GUARD, async () => {
  const dir = miniProject({ 'runbooks/x.md': CLEAN, 'runbooks/real.md': CLEAN });
  symlinkSync(join(dir, 'runbooks', 'real.md'), join(dir, 'link.md'));
  const out = await runCliInProcess(['runbooks', '-o', 'runbooks/x.md'], dir);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /--output .*x\.md is .*being linted.*will not overwrite it/);
  assert.equal(readFileSync(join(dir, 'runbooks', 'x.md'), 'utf8'), CLEAN);
  const viaLink = await runCliInProcess(['runbooks', '-o', 'link.md'], dir);
  assert.equal(viaLink.code, 2);
  assert.equal(readFileSync(join(dir, 'runbooks', 'real.md'), 'utf8'), CLEAN);
  const exp = await runCliInProcess(['export', 'link.md', '--html', 'runbooks/real.md'], dir);
  assert.equal(exp.code, 2);
  assert.match(exp.stderr, /is the runbook itself/);
  assert.equal(readFileSync(join(dir, 'runbooks', 'real.md'), 'utf8'), CLEAN);
});

test('-o, --cache-location and --html under /proc (or below a regular file) stop at once with the reason', GUARD, async (t) => {
  const dir = miniProject({ 'a.md': CLEAN });
  assert.throws(() => ensureDirectory(join(dir, 'a.md', 'sub', 'deeper')), { code: 'ENOTDIR' });
  if (!existsSync('/proc/self')) return t.skip('no /proc');
  const out = await runCliInProcess(['a.md', '-o', '/proc/self/nope/deeper/report.txt'], dir);
  assert.equal(out.code, 2);
  assert.match(out.stderr, /Cannot write --output/);
  const html = await runCliInProcess(['export', 'a.md', '--html', '/proc/self/nope/x.html'], dir);
  assert.equal(html.code, 2);
  const cache = await runCliInProcess(['a.md', '--cache', '--cache-location', '/proc/self/nope/deeper/'], dir);
  assert.equal(cache.code, 0);
  assert.match(cache.stderr, /could not write the cache/);
});
