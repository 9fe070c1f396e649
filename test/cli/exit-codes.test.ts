import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertCleanError, CLEAN, ERR, miniProject, parseJson, root, runCli, runCliInProcess, tempProject, WARN } from './helpers.js';

test('exit 0 and no output for a clean runbook', async () => {
  const dir = miniProject({ 'clean.md': CLEAN });
  const r = await runCliInProcess([], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, '');
});

test('exit 0 with warnings only; stylish lists them', async () => {
  const dir = miniProject({ 'warn.md': WARN });
  const r = await runCliInProcess([], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /warn\.md\n\s+11:1\s+warning\s+.*empty-section/);
  assert.match(r.stdout, /1 problem \(0 errors, 1 warning\)/);
});

test('the built bin in its own process: exit 1 when there are errors, findings on stdout', () => {
  const dir = miniProject({ 'err.md': ERR, 'clean.md': CLEAN });
  const r = runCli([], dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /Missing required section "Contacts"/);
  assert.match(r.stdout, /2 problems \(1 error, 1 warning\)/);
  assert.match(r.stdout, /1 error and 1 warning potentially fixable with the `--fix` option/);
});

test('--max-warnings: exit 1 only when the count is exceeded', async () => {
  const dir = miniProject({ 'a.md': WARN, 'b.md': WARN });
  assert.equal((await runCliInProcess(['--max-warnings', '2'], dir)).code, 0);
  const over = await runCliInProcess(['--max-warnings', '1'], dir);
  assert.equal(over.code, 1);
  assert.match(over.stderr, /2 warnings, more than --max-warnings 1/);
  assert.equal((await runCliInProcess(['--max-warnings=0'], dir)).code, 1);
  assert.equal((await runCliInProcess(['--max-warnings', '-1'], dir)).code, 0);
});

test('--quiet reports errors only, but warnings still count for --max-warnings', async () => {
  const dir = miniProject({ 'err.md': ERR, 'warn.md': WARN });
  const r = await runCliInProcess(['--quiet', '--format', 'json'], dir);
  assert.equal(r.code, 1);
  const results = parseJson(r);
  const messages = results.flatMap((x) => x.messages);
  assert.ok(messages.length > 0);
  assert.ok(messages.every((m) => m.severity === 2));
  assert.ok(results.every((x) => x.warningCount === 0 && x.fixableWarningCount === 0));
  const quietWarnOnly = miniProject({ 'warn.md': WARN });
  assert.equal((await runCliInProcess(['--quiet'], quietWarnOnly)).stdout, '');
  assert.equal((await runCliInProcess(['--quiet'], quietWarnOnly)).code, 0);
  assert.equal((await runCliInProcess(['--quiet', '--max-warnings', '0'], quietWarnOnly)).code, 1);
});

test('exit 2 for usage errors, with one clean line on stderr', async () => {
  const dir = miniProject({ 'clean.md': CLEAN });
  for (const [args, pattern] of [
    [['--bogus'], /Unknown option "--bogus"/],
    [['--format', 'xml'], /Unknown format "xml".*stylish, json, sarif, junit/],
    [['--max-warnings', 'many'], /--max-warnings expects a whole number/],
    [['--jobs', '0'], /--jobs expects a number of worker threads/],
    [['--output'], /Option --output needs a value/],
    [['missing.md'], /No such file or folder: missing\.md/],
    [['nothing/**/*.md'], /No files match the pattern "nothing\/\*\*\/\*\.md"/],
    [['--config', 'nope.json'], /Config file .*nope\.json \(--config\) does not exist/],
    [['--schema', 'nope.schema.json'], /Schema file .*nope\.schema\.json \(--schema\) does not exist/],
  ] as const) {
    const r = await runCliInProcess([...args], dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assertCleanError(r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('exit 2 when there is nothing to lint', async () => {
  const r = await runCliInProcess([], tempProject({ 'notes.txt': 'hello' }));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /No Markdown files \(\*\*\/\*\.md\) found/);
});

test('--help lists the flags, formats and commands', async () => {
  const dir = tempProject();
  const help = await runCliInProcess(['--help'], dir);
  assert.equal(help.code, 0);
  for (const flag of ['--format', '--print-config', '--output', '--fix', '--config', '--schema', '--max-warnings', '--quiet', '--jobs', '--cache', '--cache-location', '--no-color', '--stdin', '--stdin-filename', '--fix-dry-run', '--no-ignore', 'github', 'gitlab', 'init', 'new FILE', 'rules']) {
    assert.ok(help.stdout.includes(flag), `--help mentions ${flag}`);
  }
});

test('the built bin: --version is the package version (inlined by the bundle)', () => {
  const version = runCli(['--version'], tempProject());
  assert.equal(version.code, 0);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.stdout.trim(), pkg.version);
});

test('the bin shim explains a missing build instead of crashing', async () => {
  const { mkdirSync, copyFileSync } = await import('node:fs');
  const dir = tempProject();
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(root, 'bin', 'runbook-lint.js'), join(dir, 'bin', 'runbook-lint.js'));
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'runbook-lint.js')], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /run "npm run build"/);
});
