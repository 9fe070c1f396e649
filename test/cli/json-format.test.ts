/**
 * The json formatter writes UTF-8 bytes piece by piece (each distinct string escaped and encoded
 * once): its output must be exactly `JSON.stringify` of the results as ESLint's JSON shape, for any
 * text (non-ASCII, control characters, lone surrogates, quotes) and any numbers, and every piece it
 * hands over must be whole UTF-8 on its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatJson, jsonFormatter } from '../../src/cli/formatters/json.js';
import type { FileResult, LintMessage } from '../../src/cli/types.js';
import { tierRuns } from '../helpers/tier.js';

/** What the formatter must print: ESLint's shape, keys in this order, `fix` and `output` only when present. */
function expected(results: FileResult[]): string {
  const shaped = results.map((r) => ({
    filePath: r.filePath,
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    fixableErrorCount: r.fixableErrorCount,
    fixableWarningCount: r.fixableWarningCount,
    messages: r.messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      ...(m.fix ? { fix: { range: m.fix.range, text: m.fix.text } } : {}),
    })),
    ...(r.output !== undefined ? { output: r.output } : {}),
  }));
  return `${JSON.stringify(shaped)}\n`;
}

// Any UTF-16 (lone surrogates too), and a few texts repeated so the formatter's memo is used.
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u2028', 'é', '✓', '\ud83d', '\ude00', 'a'), maxLength: 20 }), fc.constantFrom('Missing required section "Contacts".', 'x'.repeat(70_000)));
const position = fc.oneof(fc.nat({ max: 100_000 }), fc.constantFrom(0, 1, 9, 10, 99, 100, 2 ** 53 - 1, 1e15, 1e21, -1, 0.5, -0, Number.NaN, Number.POSITIVE_INFINITY));
const message: fc.Arbitrary<LintMessage> = fc.record(
  {
    ruleId: text,
    severity: fc.constantFrom(1 as const, 2 as const),
    message: text,
    line: position,
    column: position,
    endLine: position,
    endColumn: position,
    fix: fc.record({ range: fc.tuple(position, position), text }),
  },
  { requiredKeys: ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'] },
);
const result: fc.Arbitrary<FileResult> = fc.record(
  {
    filePath: text,
    errorCount: position,
    warningCount: position,
    fixableErrorCount: position,
    fixableWarningCount: position,
    messages: fc.array(message, { maxLength: 6 }),
    output: text,
  },
  { requiredKeys: ['filePath', 'errorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'messages'] },
);

test('json output is JSON.stringify of the results, byte for byte, and every piece is whole UTF-8', () => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  fc.assert(
    fc.property(fc.array(result, { maxLength: 8 }), (results) => {
      const pieces: Buffer[] = [];
      const f = jsonFormatter((piece) => {
        const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece);
        strict.decode(bytes); // throws on a split character
        pieces.push(bytes);
      });
      for (const r of results) f.add(r);
      f.end();
      const want = expected(results);
      assert.equal(Buffer.concat(pieces).toString('utf8'), want);
      assert.equal(formatJson(results), want);
    }),
    { numRuns: tierRuns(400, 100) },
  );
});

test('a piece handed over is never written again (stdout may write it later)', () => {
  const long = 'y'.repeat(200_000);
  const results: FileResult[] = Array.from({ length: 40 }, (_, i) => ({
    filePath: `/r/${i}.md`,
    errorCount: 1,
    warningCount: 0,
    fixableErrorCount: 1,
    fixableWarningCount: 0,
    messages: [{ ruleId: 'required-section', severity: 2, message: `m${i}`, line: 1, column: 1, endLine: 1, endColumn: 2, fix: { range: [0, 0], text: i % 2 ? long : 'short' } }],
  }));
  const kept: Uint8Array[] = [];
  const copies: string[] = [];
  const f = jsonFormatter((piece) => {
    assert.ok(typeof piece !== 'string');
    kept.push(piece);
    copies.push(Buffer.from(piece).toString('utf8'));
  });
  for (const r of results) f.add(r);
  f.end();
  assert.equal(kept.length, results.length + 1, 'one piece per file, then the closing bracket');
  assert.deepEqual(
    kept.map((p) => Buffer.from(p).toString('utf8')),
    copies,
  );
  assert.equal(copies.join(''), expected(results));
});
