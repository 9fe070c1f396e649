import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Progress } from '../../src/cli/progress.js';
import { CLEAN, ERR, miniConfig, parseJson, runCli, runCliInProcess, tempProject, WARN, MINI_SCHEMA_TEXT } from './helpers.js';
import { unitTier } from '../helpers/tier.js';
import { tempDir } from '../helpers/temp.js';

// The --jobs 1 references run in this process (the same main() the bundle runs, no worker): only the
// worker-thread runs need the built CLI. SARIF names the tool's version, which only the bundle has
// ("0.0.0-dev" unbundled), so both sides of a SARIF comparison are the built CLI.
const reference = (args: string[], dir: string, env: Record<string, string> = {}) => (args.includes('sarif') ? Promise.resolve(runCli(args, dir, env)) : runCliInProcess(args, dir, env));

const VARIANTS = [
  CLEAN,
  WARN,
  ERR,
  '---\nowner: Ops\nlast_reviewed: 2020-01-01\n---\n\n# Old runbook\n\n## Escalation Contacts\n\n| Tier | Contact |\n| --- | --- |\n| 1 | TBD |\n',
  '# Runbook\n\n## Backup Channels\n\n- Teams\n\npassword: hunter2hunter2\n',
  '# Runbook\n\n## Purpose\n\nText.\n\n## Purpose\n\nAgain.\n',
];

function project(n: number): string {
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < n; i++) files[`runbooks/team-${i % 4}/r${String(i).padStart(2, '0')}.md`] = VARIANTS[i % VARIANTS.length]! + `\nNote ${i}.\n`;
  files['runbooks/broken.md'] = Buffer.from([0x23, 0x20, 0xff]);
  files['mini/.runbook-lint.json'] = miniConfig();
  files['mini/mini.schema.json'] = MINI_SCHEMA_TEXT();
  files['mini/a.md'] = ERR;
  return tempProject(files);
}

test('--jobs 2 gives exactly the same results as --jobs 1 (and as the automatic choice)', async () => {
  const dir = project(40);
  const one = await reference(['--format', 'json', '--jobs', '1'], dir, { RUNBOOK_LINT_DEBUG: '1' });
  const two = runCli(['--format', 'json', '--jobs', '2'], dir, { RUNBOOK_LINT_DEBUG: '1' });
  const auto = runCli(['--format', 'json'], dir);
  assert.match(one.stderr, /in-process/);
  assert.match(two.stderr, /2 worker (threads|processes)/, 'the pool was really used');
  assert.equal(one.code, 1);
  assert.equal(two.code, one.code);
  assert.equal(auto.code, one.code);
  assert.equal(parseJson(one).length, 42);
  assert.equal(two.stdout, one.stdout);
  assert.equal(auto.stdout, one.stdout);
  // Each format is one more pair of runs, one of them starting worker threads; the inner loop
  // (test/helpers/tier.ts) takes one spooled format here and one streamed format in the next test
  // (the formatters themselves are tested in formats/ci-formats).
  for (const f of unitTier ? ['junit'] : ['sarif', 'junit', 'stylish', 'github', 'gitlab']) {
    assert.equal(runCli(['--format', f, '--jobs', '2'], dir).stdout, (await reference(['--format', f, '--jobs', '1'], dir)).stdout, f);
  }
});

test('streamed reports: --jobs 4 (the inner loop: 2) with --quiet and --output writes what --jobs 1 prints', async () => {
  const dir = project(70);
  // More workers than cores interleave their results the most; each one costs an engine start-up.
  const jobs = unitTier ? 2 : 4;
  for (const f of unitTier ? ['stylish'] : ['json', 'stylish', 'sarif']) {
    const one = await reference(['--format', f, '--quiet', '--jobs', '1'], dir);
    const four = runCli(['--format', f, '--quiet', '--jobs', String(jobs), '--output', `report.${f}`], dir, { RUNBOOK_LINT_DEBUG: '1' });
    assert.match(four.stderr, new RegExp(`${jobs} worker (threads|processes)`));
    assert.equal(four.code, one.code, f);
    assert.ok(one.stdout.length > 100, f);
    assert.equal(readFileSync(join(dir, `report.${f}`), 'utf8'), one.stdout, f);
  }
  // No temp file of the streamed report is left behind.
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.tmp')), []);
});

test('--fix on worker threads writes the same files as in-process', async () => {
  const a = project(12);
  const b = tempDir('runbook-lint-cli-');
  cpSync(a, b, { recursive: true });
  // Each worker thread starts the engine (~0.5 CPU-s): the inner loop uses two.
  const jobs = unitTier ? 2 : 3;
  const ra = await reference(['--fix', '--format', 'json', '--jobs', '1'], a);
  const rb = runCli(['--fix', '--format', 'json', '--jobs', String(jobs)], b, { RUNBOOK_LINT_DEBUG: '1' });
  assert.match(rb.stderr, new RegExp(`${jobs} worker (threads|processes)`));
  assert.equal(rb.stdout.replaceAll(b, a), ra.stdout);
  const list = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name).slice(dir.length)).sort();
  assert.deepEqual(list(b), list(a));
  for (const f of list(a)) assert.deepEqual(readFileSync(join(b, f)), readFileSync(join(a, f)), f);
  assert.match(readFileSync(join(a, 'mini', 'a.md'), 'utf8'), /## Contacts/);
});

test('no progress line when stderr is a pipe, even for a long run', () => {
  const dir = project(30);
  const r = runCli(['--format', 'json', '--jobs', '1'], dir, { RUNBOOK_LINT_PROGRESS_DELAY: '0' });
  assert.equal(r.stderr, '');
  assert.doesNotMatch(r.stdout, /Linting \d+/);
});

test('Progress: drawn on a TTY after the delay, erased at the end; never in CI or on a pipe', () => {
  const writes: string[] = [];
  const tty = { isTTY: true, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream;
  assert.equal(Progress.enabledFor(tty, {}), true);
  assert.equal(Progress.enabledFor(tty, { CI: 'true' }), false);
  assert.equal(Progress.enabledFor(tty, { TERM: 'dumb' }), false);
  assert.equal(Progress.enabledFor({ isTTY: false } as NodeJS.WriteStream, {}), false);
  const p = new Progress(1000, tty, true, 0);
  p.update(312);
  p.done();
  assert.deepEqual(writes, ['\r\u001b[2KLinting 312/1000 files\u2026', '\r\u001b[2K']);
  const later = new Progress(10, tty, true, 60_000);
  writes.length = 0;
  later.update(5);
  later.done();
  assert.deepEqual(writes, [], 'short runs print nothing');
});
