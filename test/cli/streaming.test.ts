/**
 * Streaming reports (issue 12, bounded memory): every built-in format fed file by file writes the
 * same bytes the formatters wrote when they got the whole array at once. The golden files in
 * test/fixtures/formatters/golden were written by the array formatters before they streamed
 * (results.json: real results of examples, corpus plans, an unreadable file, an empty file, a file
 * outside the cwd, --fix-dry-run outputs, control characters and non-ASCII paths).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FormatName } from '../../src/cli/args.js';
import { withoutFixTexts } from '../../src/cli/engine.js';
import { UsageError } from '../../src/cli/errors.js';
import { format, streamFormatter, type FormatContext } from '../../src/cli/formatters/index.js';
import { createSpool } from '../../src/cli/formatters/spool.js';
import { textOf } from '../../src/cli/formatters/stream.js';
import type { FileResult } from '../../src/cli/types.js';
import { root } from './helpers.js';

const golden = join(root, 'test', 'fixtures', 'formatters', 'golden');
const results = JSON.parse(readFileSync(join(golden, 'results.json'), 'utf8')) as FileResult[];
const ctx: FormatContext = { cwd: '/golden/repo', color: false, version: '0.1.0' };
const FORMATS: FormatName[] = ['json', 'sarif', 'junit', 'github', 'gitlab', 'stylish'];

/** Feed results one by one; returns every piece written and how many had been written after each file. */
function streamed(name: FormatName, input: FileResult[], context = ctx): { text: string; writtenAfter: number[] } {
  const parts: string[] = [];
  const f = streamFormatter(name, context, (t) => parts.push(typeof t === 'string' ? t : textOf(t)));
  const writtenAfter: number[] = [];
  for (const r of input) {
    f.add(r);
    writtenAfter.push(parts.length);
  }
  f.end();
  return { text: parts.join(''), writtenAfter };
}

test('every format streamed file by file is byte-identical to the golden array output', () => {
  assert.ok(results.length >= 10 && results.some((r) => r.output !== undefined) && results.some((r) => r.messages.some((m) => m.ruleId === 'fatal')));
  for (const name of FORMATS) {
    const expected = readFileSync(join(golden, `${name}.out`), 'utf8');
    assert.ok(expected.length > 1000, name);
    assert.equal(streamed(name, results).text, expected, name);
    assert.equal(format(name, results, ctx), expected, name);
    const clean = results.filter((r) => r.messages.length === 0);
    assert.ok(clean.length > 0);
    assert.equal(streamed(name, clean).text, readFileSync(join(golden, `clean-${name}.out`), 'utf8'), `${name}, no findings`);
  }
  assert.equal(streamed('stylish', results, { ...ctx, color: true }).text, readFileSync(join(golden, 'stylish-color.out'), 'utf8'));
});

test('json, stylish, github and gitlab write each file as it comes; nothing waits for the end', () => {
  const withFindings = results.filter((r) => r.messages.length > 0);
  for (const name of ['json', 'stylish', 'github', 'gitlab'] as FormatName[]) {
    const { writtenAfter } = streamed(name, withFindings);
    assert.deepEqual(
      writtenAfter,
      withFindings.map((_, i) => i + 1),
      name,
    );
  }
});

test('no results at all: the same empty documents as before', () => {
  assert.equal(streamed('json', []).text, '[]\n');
  assert.equal(streamed('gitlab', []).text, '[]\n');
  assert.equal(streamed('stylish', []).text, '');
  assert.equal(streamed('github', []).text, '');
  const sarif = JSON.parse(streamed('sarif', []).text) as { runs: Array<{ results: unknown[] }> };
  assert.deepEqual(sarif.runs[0]!.results, []);
});

test('without fix texts the formats that never show them print the same bytes; the counts stay', () => {
  const stripped = results.map(withoutFixTexts);
  assert.ok(results.some((r) => r.messages.some((m) => m.fix)));
  assert.ok(stripped.every((r) => r.messages.every((m) => m.fix === undefined)));
  assert.deepEqual(
    stripped.map((r) => [r.fixableErrorCount, r.fixableWarningCount, r.messages.length]),
    results.map((r) => [r.fixableErrorCount, r.fixableWarningCount, r.messages.length]),
  );
  for (const name of FORMATS.filter((n) => n !== 'json')) assert.equal(streamed(name, stripped).text, readFileSync(join(golden, `${name}.out`), 'utf8'), name);
});

test('the spool behind junit and sarif gives back exactly what it was given, also from its temp file', () => {
  // A 4-byte character across the decoder's 1 MB read boundary, and 2- and 3-byte ones before it.
  const head = ['plain ', 'é✓ ', '😀'.repeat(3)];
  const filler = 'a'.repeat((1 << 20) - 2 - Buffer.byteLength(head.join('')));
  const pieces = [...head, filler + '😀 across the 1 MB read', '\n', ''];
  assert.equal(Buffer.byteLength(head.join('') + filler), (1 << 20) - 2, 'the emoji starts 2 bytes before the boundary');
  for (const limit of [Infinity, 10, 1]) {
    const spool = createSpool(limit);
    for (const p of pieces) spool.append(p);
    const out: string[] = [];
    spool.drain((t) => out.push(t));
    assert.equal(out.join(''), pieces.join(''), `memory limit ${limit}`);
    const again: string[] = [];
    spool.drain((t) => again.push(t));
    assert.equal(again.join(''), '', 'drained once');
  }
});

test('junit and sarif spilled to the temp file after every result print the golden bytes', () => {
  for (const name of ['junit', 'sarif'] as const) {
    const parts: string[] = [];
    const f = streamFormatter(name, ctx, (t) => parts.push(typeof t === 'string' ? t : textOf(t)), { spoolChars: 1 });
    for (const r of results) f.add(r);
    f.end();
    assert.equal(parts.join(''), readFileSync(join(golden, `${name}.out`), 'utf8'), name);
  }
});

/** Run `body` with TMPDIR (os.tmpdir()) set to a fresh folder; returns the folder's entries after it. */
function inTempDir(body: (dir: string) => void): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'spool-test-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    body(dir);
    return readdirSync(dir);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the spool leaves no temp file behind: drained, discarded, or while it is open (POSIX)', () => {
  const left = inTempDir(() => {
    const drained = createSpool(1);
    drained.append('one ');
    drained.append('two');
    const discarded = createSpool(1);
    discarded.append('never written');
    if (process.platform !== 'win32') assert.deepEqual(readdirSync(process.env.TMPDIR!), [], 'the name is removed as soon as the file is open');
    const out: string[] = [];
    drained.drain((t) => out.push(t));
    assert.equal(out.join(''), 'one two');
    discarded.discard();
    const none: string[] = [];
    discarded.drain((t) => none.push(t));
    assert.deepEqual(none, [], 'a discarded spool writes nothing');
  });
  assert.deepEqual(left, []);
});

test('a temp folder the spool cannot use is a clear usage error naming it, not a crash', () => {
  inTempDir((dir) => {
    process.env.TMPDIR = join(dir, 'missing');
    const spool = createSpool(1);
    assert.throws(
      () => spool.append('x'),
      (error: Error) => error instanceof UsageError && error.message.includes(join(dir, 'missing')) && /TMPDIR/.test(error.message),
    );
  });
});
