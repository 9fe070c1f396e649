import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSource, firstInvalidUtf8, readRegularFileHead } from '../../src/cli/read.js';
import { assertCleanError, CLEAN, miniProject, parseJson, runCli, runCliInProcess, tempProject } from './helpers.js';

test('firstInvalidUtf8 finds the first bad byte and accepts every valid form', () => {
  const valid = Buffer.from('ascii é € 𝄞 \u{10FFFF}', 'utf8');
  assert.equal(firstInvalidUtf8(valid), -1);
  const cases: Array<[number[], number]> = [
    [[0x61, 0xff], 1], // never valid
    [[0x61, 0xc0, 0x80], 1], // overlong 2-byte
    [[0xe0, 0x80, 0x80], 0], // overlong 3-byte
    [[0xed, 0xa0, 0x80], 0], // UTF-16 surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0x61, 0x62, 0xe2, 0x82], 2], // truncated at the end
    [[0xc3, 0x28], 0], // bad continuation
    [[0x80], 0], // lone continuation
  ];
  for (const [bytes, at] of cases) assert.equal(firstInvalidUtf8(Uint8Array.from(bytes)), at, `${bytes.map((b) => b.toString(16))}`);
});

test('decodeSource: position of the first bad byte in lines and UTF-16 columns; BOM kept in the text', () => {
  const bytes = Buffer.concat([Buffer.from('# Title\n\nCaf\u00e9 \u{1F600} ok '), Buffer.from([0xfe]), Buffer.from(' rest\n')]);
  const r = decodeSource(bytes);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.line, 3);
  assert.equal(r.column, 'Caf\u00e9 \u{1F600} ok '.length + 1);
  assert.match(r.message, /byte 0xFE at line 3, column 12/);
  const utf16 = decodeSource(Buffer.from([0xff, 0xfe, 0x23, 0x00]));
  assert.ok(!utf16.ok && /UTF-16/.test(utf16.message));
  const bom = decodeSource(Buffer.from('\ufeff# T\n', 'utf8'));
  assert.ok(bom.ok && bom.text.charCodeAt(0) === 0xfeff);
});

test('readRegularFileHead: the head of a regular file (links followed); undefined for anything else, without blocking', { timeout: 60_000 }, () => {
  const dir = tempProject({ 'long.md': '---\nrunbook_schema: x\n---\n' + 'y'.repeat(10_000), 'short.md': 'hi\n' });
  mkdirSync(join(dir, 'folder.md'));
  symlinkSync(join(dir, 'short.md'), join(dir, 'link.md'));
  symlinkSync('/dev/zero', join(dir, 'zero.md'));
  symlinkSync(join(dir, 'nowhere.md'), join(dir, 'dangling.md'));
  symlinkSync(join(dir, 'loop-b.md'), join(dir, 'loop-a.md'));
  symlinkSync(join(dir, 'loop-a.md'), join(dir, 'loop-b.md'));
  assert.equal(readRegularFileHead(join(dir, 'long.md'), 8)?.toString(), '---\nrunb');
  assert.equal(readRegularFileHead(join(dir, 'short.md'), 1024)?.toString(), 'hi\n');
  assert.equal(readRegularFileHead(join(dir, 'link.md'), 1024)?.toString(), 'hi\n');
  for (const name of ['folder.md', 'zero.md', 'dangling.md', 'loop-a.md', 'missing.md']) assert.equal(readRegularFileHead(join(dir, name), 1024), undefined, name);
  try {
    execFileSync('mkfifo', [join(dir, 'pipe.md')]);
  } catch {
    return; // no mkfifo here: the FIFO case is covered where it exists
  }
  assert.equal(readRegularFileHead(join(dir, 'pipe.md'), 1024), undefined, 'a FIFO is refused before it can block');
});

test('unreadable, undecodable and binary files get one fatal message each; the run goes on; exit 1', async () => {
  const dir = miniProject({
    'good.md': CLEAN,
    'latin1.md': Buffer.concat([Buffer.from('# Runbook\n\nOwner: Ren'), Buffer.from([0xe9]), Buffer.from('\n')]),
    'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
    'nul.md': Buffer.from('# T\n\nab\u0000cd\n'),
    'empty.md': '',
  });
  mkdirSync(join(dir, 'folder.md'));
  symlinkSync(join(dir, 'nowhere.md'), join(dir, 'dangling.md'));

  const r = await runCliInProcess(['--format', 'json', '.', 'dangling.md'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  const byName = Object.fromEntries(parseJson(r).map((x) => [x.filePath.slice(dir.length + 1), x]));
  assert.deepEqual(Object.keys(byName).sort(), ['binary.md', 'dangling.md', 'empty.md', 'folder.md', 'good.md', 'latin1.md', 'nul.md']);
  const fatal = (name: string) => {
    const res = byName[name]!;
    assert.equal(res.messages.length, 1, `${name}: ${JSON.stringify(res.messages)}`);
    assert.equal(res.errorCount, 1);
    const m = res.messages[0]!;
    assert.equal(m.ruleId, 'fatal');
    assert.equal(m.severity, 2);
    return m;
  };
  const latin1 = fatal('latin1.md');
  assert.deepEqual([latin1.line, latin1.column], [3, 11]);
  assert.match(latin1.message, /not valid UTF-8: byte 0xE9 at line 3, column 11/);
  const binary = fatal('binary.md');
  assert.deepEqual([binary.line, binary.column], [1, 1]);
  const nul = fatal('nul.md');
  assert.deepEqual([nul.line, nul.column], [3, 3]);
  assert.match(nul.message, /binary \(NUL byte at line 3, column 3\)/);
  assert.match(fatal('folder.md').message, /Cannot read file: it is a directory, not a file \(EISDIR\)/);
  assert.match(fatal('dangling.md').message, /Cannot read file: no such file \(a dangling symbolic link\?\) \(ENOENT\)/);
  assert.equal(byName['good.md']!.messages.length, 0);
  // An empty file is linted normally: it simply misses its sections.
  assert.ok(byName['empty.md']!.messages.length > 0);
  assert.ok(byName['empty.md']!.messages.every((m) => m.ruleId === 'required-section'));
});

test('unreadable file in stylish output: still no stack trace', async () => {
  const dir = miniProject({ 'x.md': Buffer.from([0xc3]) });
  const r = await runCliInProcess([], dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /1:1\s+error\s+File is not valid UTF-8.*fatal/);
  assert.equal(r.stderr, '');
  const bad = await runCliInProcess(['--config', 'x.md'], dir);
  assert.equal(bad.code, 2);
  assertCleanError(bad.stderr);
});
