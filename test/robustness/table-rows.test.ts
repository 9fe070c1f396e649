/**
 * The rows of a long table that continue it in a later piece are read without the Markdown parser
 * when their cells are plain text (src/core/table-rows.ts): that is what keeps a 5 MB table under
 * the memory and time limits. These nodes must be exactly micromark's: same fields, values and
 * positions, whichever rows are plain, whatever the line endings, and through the editor's cache.
 * Replay a property failure with FC_SEED=<seed> (and FC_PATH=<path>).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Table } from 'mdast';
import { parseInChunks, PieceCache } from '../../src/core/parse.js';
import { plainTableRows } from '../../src/core/table-rows.js';
import { lintText } from '../../src/core/lint.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { SHAPES } from '../../bench/lib/shapes.js';
import { TODAY } from '../helpers/lint.js';
import { tierRuns } from '../helpers/tier.js';

const whole = (text: string) => parseInChunks(text, Number.POSITIVE_INFINITY);
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const path = process.env.FC_PATH;
const params = <T>(numRuns: number): fc.Parameters<T> => ({ numRuns, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}) });

test('a plain row is read as micromark reads it; any row that is not plain ends the run', () => {
  const plain = ['| a | b |', '|a|b|', '|  | b |', '|   |   |', '| a  b | c |', '| a | b |  \t', '| é😀 | x\ty |', '| 10:00 | +1 555 0100 |', '| # not a heading | > no quote |', '| http://example.com | a@example.com |'];
  const notPlain = ['| a | b', 'a | b |', ' | a | b |', '| a | b | c |', '| a |', '| *a* | b |', '| a_b | c |', '| [a] | b |', '| a\\| | b |', '| &amp; | b |', '| `a` | b |', '| <b> | c |', '| !a | b |', '| ~a~ | b |', '| a\u0001 | b |', '|'];
  for (const row of plain) {
    const text = `| H | I |\n|---|---|\n${row}\n`;
    const expected = (whole(text).children[0] as Table).children[1];
    const start = text.length - row.length - 1;
    const read = plainTableRows(text, start, text.length, 2, 0, 3);
    assert.equal(read.rows.length, 1, `${JSON.stringify(row)} is plain`);
    assert.deepEqual(read.rows[0], expected, JSON.stringify(row));
    assert.equal(read.end, text.length);
  }
  for (const row of notPlain) {
    const text = `| H | I |\n|---|---|\n${row}\n`;
    const start = text.length - row.length - 1;
    const read = plainTableRows(text, start, text.length, 2, 0, 3);
    assert.deepEqual(read, { rows: [], end: start, lines: 0 }, `${JSON.stringify(row)} is left to the parser`);
  }
});

const plainCellText = fc.array(fc.constantFrom('a', 'b', ' ', ' ', '\t', '1', 'é', '😀', '-', ':', '#', '>', '.', '"', '\u00a0'), { maxLength: 6 }).map((parts) => parts.join(''));
/** Plain text, or plain text around one thing that starts markup or that micromark rewrites. */
const cellText = fc.oneof(
  plainCellText,
  fc.tuple(plainCellText, fc.constantFrom('*', '_', '*x*', '_x_', '\\*', '[a]', '[', ']', '\\|', '\\', '&amp;', '&', '<b>', '<', '`x`', '!', '~', '\u0000', '\u0001', '\u007f'), plainCellText).map((parts) => parts.join('')),
);

const row = (columns: number) =>
  fc.record({
    cells: fc.oneof(fc.array(cellText, { minLength: columns, maxLength: columns }), fc.array(cellText, { minLength: Math.max(1, columns - 1), maxLength: columns + 1 })),
    leading: fc.constantFrom('|', '|', '|', '', ' |'),
    trailing: fc.constantFrom('|', '|', '|', '', '|  ', '| \t'),
  }).map((r) => r.leading + r.cells.join('|') + r.trailing);

const plainRow = (columns: number) => fc.array(plainCellText, { minLength: columns, maxLength: columns }).map((cells) => `|${cells.join('|')}|`);

/** Runs of plain rows, each ended by a row that may not be: the plain-row reader must stop at exactly that row. */
const table = fc.integer({ min: 1, max: 4 }).chain((columns) =>
  fc.record({
    columns: fc.constant(columns),
    rows: fc.array(fc.tuple(fc.array(plainRow(columns), { maxLength: 6 }), row(columns)), { minLength: 1, maxLength: 15 }).map((runs) => runs.flatMap(([plain, other]) => [...plain, other])),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    before: fc.constantFrom('', '[a]: https://example.com'),
    after: fc.constantFrom('', 'After.', '\nAfter.', '\n\n# Next\n\nText.', 'lazy line', '> quote', '\n\n[a]: https://example.com'),
  }),
);

test('tables of plain and marked-up rows parse the same in pieces as in one', () => {
  fc.assert(
    fc.property(table, ({ columns, rows, eol, before, after }) => {
      const header = '|' + Array.from({ length: columns }, (_, i) => ` H${i} `).join('|') + '|';
      const delimiter = '|' + Array.from({ length: columns }, (_, i) => [':--', '---', ':-:', '--:'][i % 4]).join('|') + '|';
      const text = [before, '# T', '', header, delimiter, ...rows, after].join(eol) + eol;
      const expected = whole(text);
      for (const size of [16, 64]) {
        assert.deepEqual(parseInChunks(text, size), expected, `in pieces of ${size}`);
        const pieces = new PieceCache(size);
        assert.deepEqual(pieces.parse(text), expected, `in cached pieces of ${size}`);
        const edited = text.replace(/\| ?a/, '| *a*');
        assert.deepEqual(pieces.parse(edited), whole(edited), `in cached pieces of ${size}, after an edit`);
      }
    }),
    params(tierRuns(150, 40)),
  );
});

test('the bench\'s big table (plain rows) has the findings, ranges, tree and model of a one-piece parse', () => {
  const text = SHAPES['table rows']!(64 * 1024);
  const schema = builtinSchema();
  const cut = lintText(text, { schema, now: TODAY });
  // A cache with unbounded pieces parses the document in one piece: the ordinary way, all micromark.
  const ordinary = lintText(text, { schema, now: TODAY, pieces: new PieceCache(Number.POSITIVE_INFINITY) });
  assert.ok(cut.findings.length > 100, 'the empty-phone rows are reported');
  assert.deepEqual(cut.findings, ordinary.findings);
  assert.deepEqual(cut.doc!.root, ordinary.doc!.root);
  assert.deepEqual(cut.doc!.model, ordinary.doc!.model);
});
