import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assertCleanError, CLEAN, ERR, MINI_SCHEMA_TEXT, miniConfig, miniProject, parseJson, QUIET_RULES, runCli, runCliInProcess, runCliWithInput, tempProject, WARN } from './helpers.js';
import { tempDir } from '../helpers/temp.js';

const withoutPath = (r: { messages: unknown[]; errorCount: number; warningCount: number }) => ({ messages: r.messages, errorCount: r.errorCount, warningCount: r.warningCount });

test('--stdin lints standard input as <text>, with the config found from the cwd, exactly as the same file', () => {
  const dir = miniProject({ 'err.md': ERR });
  const fromFile = parseJson(runCli(['--format', 'json', 'err.md'], dir))[0]!;
  const r = runCliWithInput(['--stdin', '--format', 'json'], dir, ERR);
  assert.equal(r.code, 1, r.stderr);
  const [result] = parseJson(r);
  assert.equal(result!.filePath, '<text>');
  assert.deepEqual(withoutPath(result!), withoutPath(fromFile));
  assert.ok(result!.messages.some((m) => /Missing required section "Contacts"/.test(m.message)), 'the mini schema of the cwd config applied');
  assert.equal(runCliWithInput(['--stdin'], dir, CLEAN).code, 0);
});

test('--stdin-filename: config and schema discovered from that path, the path in the report, the file itself never read or written', async () => {
  const dir = miniProject({ 'sub/.runbook-lint.json': miniConfig({ schema: '../mini.schema.json', rules: { ...QUIET_RULES, 'required-section': 'off' } }), 'sub/x.md': '# Something else entirely\n' });
  const before = readFileSync(join(dir, 'sub', 'x.md'));
  const inSub = await runCliInProcess(['--stdin', '--stdin-filename', 'sub/x.md', '--format', 'json'], dir, {}, { input: ERR });
  const [result] = parseJson(inSub);
  assert.equal(result!.filePath, join(dir, 'sub', 'x.md'));
  assert.deepEqual(result!.messages, [], 'sub/.runbook-lint.json turned required-section off');
  assert.equal(inSub.code, 0);
  const atTop = await runCliInProcess(['--stdin', '--stdin-filename', 'y.md'], dir, {}, { input: ERR });
  assert.equal(atTop.code, 1);
  assert.match(atTop.stdout, /^y\.md$/m, 'stylish names the file relative to the cwd');
  assert.match(atTop.stdout, /Missing required section "Contacts"/);
  // A path that does not exist is fine: nothing is read from it.
  assert.equal((await runCliInProcess(['--stdin', '--stdin-filename', 'new/folder/z.md'], dir, {}, { input: CLEAN })).code, 0);
  assert.deepEqual(readFileSync(join(dir, 'sub', 'x.md')), before);
});

test('--stdin-filename matching the config\'s "ignore": not linted, a notice, exit 0; --no-ignore lints it', async () => {
  const dir = miniProject({}, { ignore: ['drafts/**'] });
  const r = await runCliInProcess(['--stdin', '--stdin-filename', 'drafts/a.md', '--format', 'json'], dir, {}, { input: ERR });
  assert.equal(r.code, 0);
  assert.deepEqual(parseJson(r), []);
  assert.match(r.stderr, /drafts\/a\.md \(--stdin-filename\) was not linted: it matches "ignore"/);
  const all = await runCliInProcess(['--stdin', '--stdin-filename', 'drafts/a.md', '--no-ignore', '--format', 'json'], dir, {}, { input: ERR });
  assert.equal(all.code, 1);
  assert.equal(parseJson(all)[0]!.errorCount, 1);
});

test('--fix with --stdin is a usage error that points to --fix-dry-run; so are the other impossible combinations', async () => {
  const dir = miniProject({ 'err.md': ERR });
  const cases: Array<[string[], RegExp]> = [
    [['--stdin', '--fix'], /--fix cannot be used with --stdin.*--fix-dry-run/],
    [['--fix', '--fix-dry-run', 'err.md'], /--fix and --fix-dry-run cannot be used together/],
    [['--stdin-filename', 'a.md', 'err.md'], /--stdin-filename .*needs --stdin/],
    [['--stdin', 'err.md'], /--stdin lints standard input and takes no paths \(found err\.md\)/],
  ];
  for (const [args, message] of cases) {
    const r = await runCliInProcess(args, dir, {}, { input: ERR });
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assertCleanError(r.stderr);
    assert.match(r.stderr, message);
  }
  assert.equal(readFileSync(join(dir, 'err.md'), 'utf8'), ERR);
});

test('--stdin --fix-dry-run: the fixed text in "output", findings of the fixed text, nothing written', async () => {
  const dir = miniProject({ 'err.md': ERR });
  const r = await runCliInProcess(['--stdin', '--stdin-filename', 'err.md', '--fix-dry-run', '--format', 'json'], dir, {}, { input: ERR });
  const [result] = parseJson(r);
  assert.equal(typeof result!.output, 'string');
  assert.match(result!.output!, /^# Payments runbook\n/);
  assert.match(result!.output!, /## Contacts\n/);
  assert.match(result!.output!, /## Notes\n/);
  assert.ok(!result!.messages.some((m) => m.ruleId === 'required-section'), 'the remaining findings are those of the fixed text');
  assert.equal(readFileSync(join(dir, 'err.md'), 'utf8'), ERR, 'the named file is untouched');
  // Nothing to fix: no "output" key at all.
  const clean = parseJson(await runCliInProcess(['--stdin', '--fix-dry-run', '--format', 'json'], dir, {}, { input: CLEAN }))[0]!;
  assert.ok(!('output' in clean));
});

test('--fix-dry-run on files: "output" is what --fix would write, only for changed files; no file and no cache entry changes', async () => {
  const dir = miniProject({ 'err.md': ERR, 'warn.md': WARN, 'clean.md': CLEAN, 'bom.md': '\ufeff' + ERR.replace(/\n/g, '\r\n') });
  const copy = tempDir('runbook-lint-cli-');
  cpSync(dir, copy, { recursive: true });
  const mtimes = ['err.md', 'warn.md', 'bom.md'].map((f) => statSync(join(dir, f)).mtimeMs);

  const dry = await runCliInProcess(['--fix-dry-run', '--format', 'json', '--cache'], dir);
  const fixed = await runCliInProcess(['--fix', '--format', 'json'], copy);
  assert.equal(dry.code, fixed.code);
  const dryResults = parseJson(dry);
  const fixedResults = parseJson(fixed);
  for (const [i, name] of ['bom.md', 'clean.md', 'err.md', 'warn.md'].entries()) {
    const d = dryResults[i]!;
    assert.equal(d.filePath, join(dir, name));
    assert.deepEqual(d.messages, fixedResults[i]!.messages, `${name}: the findings --fix leaves`);
    const written = readFileSync(join(copy, name), 'utf8');
    const original = readFileSync(join(dir, name), 'utf8');
    if (written === original) assert.ok(!('output' in d), `${name}: unchanged, so no output`);
    else assert.equal(d.output, written, `${name}: output is the text --fix writes`);
  }
  assert.ok(dryResults[0]!.output!.startsWith('\ufeff# Payments runbook\r\n'), 'BOM and CRLF kept in output');
  assert.ok('output' in dryResults[2]! && !('output' in dryResults[1]!));
  assert.equal(readFileSync(join(dir, 'err.md'), 'utf8'), ERR);
  assert.deepEqual(['err.md', 'warn.md', 'bom.md'].map((f) => statSync(join(dir, f)).mtimeMs), mtimes);
  // The dry run's findings (of fixed text) were not cached for the unchanged files on disk.
  const again = parseJson(await runCliInProcess(['--format', 'json', '--cache'], dir));
  assert.ok(again[2]!.messages.some((m) => m.ruleId === 'required-section'));
});

test('--stdin through a real pipe: invalid UTF-8 is a fatal finding with its position; more than the file size limit is refused with a clear message', () => {
  const dir = miniProject();
  const bad = runCliWithInput(['--stdin', '--format', 'json'], dir, Buffer.from([0x23, 0x20, 0x61, 0x0a, 0x62, 0xff, 0x0a]));
  assert.equal(bad.code, 1);
  const m = parseJson(bad)[0]!.messages[0]!;
  assert.equal(m.ruleId, 'fatal');
  assert.deepEqual([m.line, m.column], [2, 2]);
  assert.match(m.message, /not valid UTF-8/);

  const huge = Buffer.alloc(8 * 1024 * 1024 + 1, 0x61);
  const big = runCliWithInput(['--stdin', '--format', 'json'], dir, huge);
  assert.equal(big.code, 1);
  const [result] = parseJson(big);
  assert.equal(result!.messages.length, 1);
  assert.equal(result!.messages[0]!.ruleId, 'fatal');
  assert.match(result!.messages[0]!.message, /Standard input is over 8 MB/);
});

test('--stdin: a runbook_schema in the piped front matter chooses the schema, not the file on disk at --stdin-filename', async () => {
  // No config: the built-in schema applies unless the document names another.
  const dir = tempProject({ 'mini.schema.json': MINI_SCHEMA_TEXT(), 'r.md': '# On disk, no front matter\n' });
  const piped = `---\nrunbook_schema: ./mini.schema.json\n---\n${ERR}`;
  const r = await runCliInProcess(['--stdin', '--stdin-filename', 'r.md', '--format', 'json'], dir, {}, { input: piped });
  const messages = parseJson(r)[0]!.messages;
  assert.ok(messages.some((m) => /Missing required section "Contacts"/.test(m.message)), JSON.stringify(messages.map((m) => m.message)));
  assert.ok(!messages.some((m) => /Escalation Contacts/.test(m.message)), 'not the built-in schema');
  const plain = parseJson(await runCliInProcess(['--stdin', '--stdin-filename', 'r.md', '--format', 'json'], dir, {}, { input: ERR }))[0]!.messages;
  assert.ok(plain.some((m) => /Escalation Contacts/.test(m.message)), 'without it, the built-in schema');
});
