/**
 * Incremental re-lint (src/core/parse.ts PieceCache, used by src/editor/lint-cache.ts): after any
 * sequence of edits, a lint that reuses the pieces of the previous versions must equal a fresh full
 * lint of the same text: finding for finding, the same Markdown tree and the same model.
 *
 * The property edits real plans (test/real-world/plans) at random places, with the characters that
 * change block structure: headings, fences, tables, front-matter fences, line breaks, link
 * definitions, HTML comments. The inner loop (`npm run test:unit`) runs a quarter of the cases
 * (test/helpers/tier.ts). Replay a failure with FC_SEED=<seed> (and FC_PATH=<path>);
 * FC_SCALE=<n> multiplies numRuns.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { lintText, type LintResult } from '../../src/core/lint.js';
import { PieceCache, parseInChunks } from '../../src/core/parse.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { repoRoot, TODAY } from '../helpers/lint.js';
import { tierRuns } from '../helpers/tier.js';

const schema = builtinSchema();
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const path = process.env.FC_PATH;
const scale = Math.max(1, Number(process.env.FC_SCALE ?? 1) || 1);
const params = <T>(numRuns: number): fc.Parameters<T> => ({ numRuns: numRuns * scale, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}) });

const plansDir = join(repoRoot, 'test', 'real-world', 'plans');
const planFiles = readdirSync(plansDir).filter((f) => f.endsWith('.md')).sort();
const plans = planFiles.map((f) => readFileSync(join(plansDir, f), 'utf8'));
const largest = planFiles.reduce((a, b) => (statSync(join(plansDir, b)).size > statSync(join(plansDir, a)).size ? b : a));
const largestText = readFileSync(join(plansDir, largest), 'utf8');

const full = (text: string): LintResult => lintText(text, { schema, now: TODAY });
const incremental = (text: string, pieces: PieceCache): LintResult => lintText(text, { schema, now: TODAY, pieces });

/** Findings, tree and model of the incremental lint equal the full lint's. */
function assertSameLint(text: string, pieces: PieceCache, what: string): void {
  const expected = full(text);
  const actual = incremental(text, pieces);
  assert.deepEqual(actual.findings, expected.findings, `${what}: findings`);
  assert.deepEqual(actual.doc?.root, expected.doc?.root, `${what}: Markdown tree`);
  assert.deepEqual(actual.doc?.model, expected.doc?.model, `${what}: model`);
}

/** What gets typed, deleted or pasted: the characters that open, close or split blocks. */
const fragment = fc.oneof(
  fc.constantFrom('#', '`', '\n', '|', '---', '```', '~~~', '\n# ', '\n\n', '\n## New\n', '# ', ' ', 'x', '*', '_', '[', ']', '[a]', '\n[a]: https://example.com\n', '<!--', '-->', '<pre>', '- ', '1. ', '> ', '\t', '\r\n', '| a | b |\n|---|---|\n', '- [ ] ', 'Phone: +44 20 7946 0958', 'TODO'),
  fc.string({ maxLength: 6 }),
);

interface Edit {
  /** Where, as a fraction of the text (so it applies to any length), snapped to a line start when `lineStart`. */
  at: number;
  lineStart: boolean;
  remove: number;
  insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  lineStart: fc.boolean(),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 400 })),
  insert: fc.oneof(fc.constant(''), fragment),
});

function applyEdit(text: string, e: Edit): string {
  let at = Math.min(text.length, Math.floor(e.at * text.length));
  if (e.lineStart) at = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

test('incremental lint equals a full lint after random edits of real plans', { timeout: 300_000 }, () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: plans.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), (index, edits) => {
      const pieces = new PieceCache();
      let text = plans[index]!;
      incremental(text, pieces);
      for (const [i, e] of edits.entries()) {
        text = applyEdit(text, e);
        assertSameLint(text, pieces, `${planFiles[index]} after edit ${i + 1}`);
      }
    }),
    params(tierRuns(40, 10)),
  );
});

test(`incremental lint equals a full lint after random edits of the largest plan (${largest})`, { timeout: 300_000 }, () => {
  const pieces = new PieceCache();
  let previous = largestText;
  incremental(previous, pieces);
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 2 }), (edits) => {
      // Each case starts from the last case's text: the cache carries over as in an editing session.
      let text = previous;
      for (const e of edits) text = applyEdit(text, e);
      assertSameLint(text, pieces, `${largest} edited`);
      previous = text.length > largestText.length / 2 ? text : largestText;
    }),
    params(tierRuns(12, 4)),
  );
});

test('a one-character edit in the largest plan parses only the piece it touches', () => {
  const pieces = new PieceCache();
  incremental(largestText, pieces);
  const total = pieces.lastStats.parsed;
  assert.ok(total >= 20, `the plan is cut into many pieces: ${total}`);
  const at = largestText.indexOf('\n', Math.floor(largestText.length / 2));
  const edited = largestText.slice(0, at) + 'x' + largestText.slice(at);
  incremental(edited, pieces);
  assert.equal(pieces.lastStats.parsed, 1, JSON.stringify(pieces.lastStats));
  assert.equal(pieces.lastStats.parsed + pieces.lastStats.reused + pieces.lastStats.shifted, total);
  // Pieces before it are reused as they are, the ones after it moved by one character.
  assert.ok(pieces.lastStats.reused > 0 && pieces.lastStats.shifted > 0, JSON.stringify(pieces.lastStats));
});

test('pieces before the edit are reused as they are; pieces after it are moved, not re-parsed', () => {
  const pieces = new PieceCache();
  const first = incremental(largestText, pieces);
  const at = Math.floor(largestText.length / 2);
  const edited = largestText.slice(0, at) + '\n\n' + largestText.slice(at);
  const second = incremental(edited, pieces);
  const { parsed, reused, shifted } = pieces.lastStats;
  // The blank lines may also add a cut, splitting the edited piece in two or three.
  assert.ok(parsed <= 3 && reused > 0 && shifted > 0, JSON.stringify(pieces.lastStats));
  // The first top-level node is the same object (no copy); the last one moved two lines down.
  assert.equal(second.doc!.root.children[0], first.doc!.root.children[0]);
  const lastBefore = first.doc!.root.children.at(-1)!;
  const lastAfter = second.doc!.root.children.at(-1)!;
  assert.notEqual(lastAfter, lastBefore);
  assert.equal(lastAfter.position!.start.line, lastBefore.position!.start.line + 2);
  assert.equal(lastAfter.position!.start.offset, lastBefore.position!.start.offset! + 2);
  // The earlier result was not changed by the later lint.
  assert.deepEqual(first.doc!.root, parseInChunks(largestText));
});

test('a piece that occurs twice, blocks read as plain text and a shrinking document stay identical to a full lint', () => {
  const section = '# Repeated\n\nSee [ref] and call +44 20 7946 0958.\n\n' + 'Some text for the piece. '.repeat(100) + '\n\n';
  const heavy = '# Heavy\n\n' + 'a*b_'.repeat(1200) + '\n\n';
  const definitions = '[ref]: https://example.com\n';
  let text = '# Title\n\n' + section + section + heavy + section + definitions;
  const pieces = new PieceCache(600);
  assertSameLint(text, pieces, 'first');
  assertSameLint(text, pieces, 'unchanged');
  text = text.replace('[ref]: https://example.com', '[ref]: https://example.org');
  assertSameLint(text, pieces, 'definition changed');
  text = text.replace('# Title\n\n', '# Title\n\n' + section);
  assertSameLint(text, pieces, 'piece inserted at the start');
  text = text.slice(0, 300);
  assertSameLint(text, pieces, 'cut to one piece');
  assertSameLint('', pieces, 'emptied');
  assertSameLint(largestText.replace(/\n/g, '\r\n'), pieces, 'CRLF');
});

test('a long table split into pieces stays one table through edits, and cached pieces are never changed by the join', () => {
  const rows = Array.from({ length: 400 }, (_, i) => `| Person ${i} | +1 555 01${String(i % 100).padStart(2, '0')} |`).join('\n');
  let text = `# Contacts\n\n## Escalation Contacts\n\n| Name | Phone |\n|---|---|\n${rows}\n\nAfter the table.\n`;
  const pieces = new PieceCache();
  assertSameLint(text, pieces, 'first parse');
  assertSameLint(text, pieces, 'the same text again (a join must not have grown a cached table)');
  text = text.replace('| Person 200 |', '| Person two hundred |');
  assertSameLint(text, pieces, 'a row edited in the middle');
  text = text.replace('| Person 399 |', '| Person 399 |\n\nNot a row any more.\n\n| Person 400 |');
  assertSameLint(text, pieces, 'the table broken by a paragraph');
  const tree = pieces.parse(text);
  assert.deepEqual(tree, parseInChunks(text, Number.POSITIVE_INFINITY));
  assert.equal(tree.children.filter((n) => n.type === 'table').length, 1);
});
