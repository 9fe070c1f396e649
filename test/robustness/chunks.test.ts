/**
 * Big documents are parsed in pieces (src/core/parse.ts parseInChunks) to keep micromark linear.
 * With tiny pieces, the tree must be exactly the one-piece parse: same nodes, same positions.
 * The inner loop (`npm run test:unit`) reads every 8th corpus file and every 2nd real-world plan
 * (test/helpers/tier.ts); `npm test` all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInChunks, PieceCache } from '../../src/core/parse.js';
import { repoRoot } from '../helpers/lint.js';
import { corpusRoot, corpusSkip, markdownFiles } from '../helpers/corpus.js';
import { tierSample } from '../helpers/tier.js';
import { isDeepStrictEqual } from 'node:util';

const whole = (text: string) => parseInChunks(text, Number.POSITIVE_INFINITY);

function assertSameTree(text: string, name: string): void {
  for (const size of [64, 300, 2000]) assert.deepEqual(parseInChunks(text, size), whole(text), `${name} in pieces of ${size}`);
}

test('every example runbook parses the same in pieces as in one', () => {
  const dir = join(repoRoot, 'examples');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
  assert.ok(files.length > 0);
  for (const f of files) assertSameTree(readFileSync(join(dir, f), 'utf8'), f);
});

test('cuts never land inside front matter, fenced code, HTML comments or raw HTML; definitions resolve across pieces', () => {
  const text = [
    '---', 'owner: a', '', '# a YAML comment', 'last_reviewed: 2026-01-01', '---', '# Title', '',
    'See [the runbook][rb] and [Status].', '',
    '```sh', 'echo', '', '# not a heading', '```', '',
    '<!-- a comment', '', '# not a heading either', '-->', '',
    '<pre>', '', '# still pre', '</pre>', '',
    '- item', '', '  continued', '', '# Section', '', '1. step', '2. step', '',
    '> quote', '', '# Another', '', 'Text with a [rb] reference.', '', '## Contacts', '', '| a | b |', '|---|---|', '| 1 | 2 |', '',
    '[rb]: https://example.com/runbook "Runbook"', '[status]: <https://status.example.com>', '',
    '# Last', '', '~~~', 'unclosed fence with [rb]', '',
  ].join('\n');
  assertSameTree(text, 'generated');
  assertSameTree(text.replace(/\n/g, '\r\n'), 'generated CRLF');
});

test('every corpus runbook parses the same in pieces of 500 bytes as in one', { skip: corpusSkip(corpusRoot), timeout: 120_000 }, () => {
  for (const file of tierSample(markdownFiles(corpusRoot), 8)) {
    const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
    assert.ok(isDeepStrictEqual(parseInChunks(text, 500), whole(text)), file);
  }
});

test('long runs of blank lines are cut only where no open block continues after them', () => {
  const blanks = (n: number) => '\n'.repeat(n);
  const text = [
    '# Title', blanks(400), 'Paragraph after many blank lines.', blanks(300),
    '- item one', blanks(200), '  still item one (indented continuation)', blanks(200), '- item two of the same list', blanks(250),
    '1. step', blanks(150), '   more of step 1', blanks(150), '2) other list', blanks(120),
    '> quote', blanks(130), '    indented code', blanks(140), '    more code', blanks(90), '---', blanks(100),
    '<div>', blanks(100), '```', blanks(200), '# in a fence', '```', blanks(500),
  ].join('\n');
  assertSameTree(text, 'blank runs');
  assertSameTree(text.replace(/\n/g, '\r\n'), 'blank runs CRLF');
  assertSameTree(blanks(5000), 'only blank lines');
  assertSameTree('text\n' + ' \t\n'.repeat(3000) + 'end\n', 'whitespace-only lines');
});

test('every real-world plan parses the same in pieces as in one', () => {
  const dir = join(repoRoot, 'test', 'real-world', 'plans');
  const files = readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
  assert.ok(files.length >= 30);
  for (const f of tierSample(files, 3)) {
    const text = readFileSync(join(dir, f), 'utf8').replace(/^\ufeff/, '');
    for (const size of [200, 3000]) assert.ok(isDeepStrictEqual(parseInChunks(text, size), whole(text)), `${f} in pieces of ${size}`);
  }
});

test('a long table is cut between rows and its rows come back as one table', () => {
  const rows = (n: number, cells = '| a | [b][rb] |') => Array.from({ length: n }, (_, i) => cells.replace('a', `row ${i} *x*`)).join('\n');
  const text = [
    '# Title', '', '| Name | Phone |', '|:---|---:|', rows(120), '', 'After.', '',
    '## Right under a heading', '| Name | Phone |', '|---|---|', rows(80), 'a row without pipes', rows(40), '',
    '| Not | a | table |', '|---|---|', rows(60), '', // header and delimiter disagree: a paragraph
    '- list', '', '  | In | list |', '  |---|---|', '  ' + rows(50).replace(/\n/g, '\n  '), '',
    '| Only | header |', '|---|---|', '', '[rb]: https://example.com', '',
  ].join('\n');
  assertSameTree(text, 'tables');
  assertSameTree(text.replace(/\n/g, '\r\n'), 'tables CRLF');
});

test('rows the scan takes for a table\'s but the parser does not: the text is parsed again without table cuts, as in one piece', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `| row ${i} | *x* |`).join('\n');
  // Each delimiter row has as many cells as its header, so the scan cuts between the rows below it,
  // but GFM rejects it (a cell of `:` alone, dashes split by a space): the "rows" are paragraph text.
  for (const delimiter of ['|---|:|', '|- -|---|']) {
    const text = ['# Title', '', '| a | b |', delimiter, rows(150), '', 'After.', '', '| c | d |', '|---|---|', rows(150), ''].join('\n');
    const expected = whole(text);
    assert.deepEqual(expected.children.map((c) => c.type), ['heading', 'paragraph', 'paragraph', 'table'], 'the first "table" is a paragraph');
    for (const size of [64, 300, 2000]) {
      assert.deepEqual(parseInChunks(text, size), expected, `${delimiter} in pieces of ${size}`);
      const pieces = new PieceCache(size);
      assert.deepEqual(pieces.parse(text), expected, `${delimiter} in cached pieces of ${size}`);
      assert.equal(pieces.lastStats.tableRetries, 1, `${delimiter} in pieces of ${size}: the table cuts were tried and dropped`);
      assert.deepEqual(pieces.parse(text), expected, `${delimiter}: again from the cache`);
    }
    // The valid table alone is cut between rows without a retry.
    const valid = new PieceCache(300);
    const validText = text.replace(delimiter, '|---|---|');
    assert.deepEqual(valid.parse(validText), whole(validText));
    assert.equal(valid.lastStats.tableRetries, 0);
  }
});
