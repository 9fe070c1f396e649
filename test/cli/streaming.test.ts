/**
 * Streaming reports (issue 12, bounded memory): every built-in format fed file by file writes the
 * same bytes the formatters wrote when they got the whole array at once. The golden files in
 * test/fixtures/formatters/golden were written by the array formatters before they streamed
 * (results.json: real results of examples, corpus plans, an unreadable file, an empty file, a file
 * outside the cwd, --fix-dry-run outputs, control characters and non-ASCII paths).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatName } from '../../src/cli/args.js';
import { withoutFixTexts } from '../../src/cli/engine.js';
import { format, streamFormatter, type FormatContext } from '../../src/cli/formatters/index.js';
import { createSpool } from '../../src/cli/formatters/stream.js';
import type { FileResult } from '../../src/cli/types.js';
import { root } from './helpers.js';

const golden = join(root, 'test', 'fixtures', 'formatters', 'golden');
const results = JSON.parse(readFileSync(join(golden, 'results.json'), 'utf8')) as FileResult[];
const ctx: FormatContext = { cwd: '/golden/repo', color: false, version: '0.1.0' };
const FORMATS: FormatName[] = ['json', 'sarif', 'junit', 'github', 'gitlab', 'stylish'];

/** Feed results one by one; returns every piece written and how many had been written after each file. */
function streamed(name: FormatName, input: FileResult[], context = ctx): { text: string; writtenAfter: number[] } {
  const parts: string[] = [];
  const f = streamFormatter(name, context, (t) => parts.push(t));
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
  const pieces = ['plain ', 'é✓ ', '😀'.repeat(3), 'a'.repeat((1 << 20) - 1) + '😀 across the 1 MB read', '\n', ''];
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
