/**
 * The rules' text scans by segment (src/core/scan-memo.ts, RuleContext.scanText): an editor's lint
 * (with a document's PieceCache) scans the text segment by segment and reuses the segments an edit
 * did not touch; it must find exactly what a whole-text scan (the CLI's lint) finds. The random-edit
 * property of test/core/incremental.test.ts checks this on real plans; here the segments are as
 * small as they get (a cut at every heading after a blank line), over every rule fixture and real
 * plan, and the memo's reuse and keys are checked; so is placeholder-text's prose mask, memoized per
 * top-level block.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../src/core/lint.js';
import { PieceCache } from '../../src/core/parse.js';
import { ScanMemo, segmentStarts, scanText, type TextScanner } from '../../src/core/scan-memo.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { builtinRules } from '../../src/core/rules/index.js';
import { resolveRuleConfigs } from '../../src/core/config.js';
import { fixturesDir, repoRoot, TODAY } from '../helpers/lint.js';
import { tierSample } from '../helpers/tier.js';
import { maskNonProse, maskNonProseWhole } from '../../src/core/rules/util/prose-mask.js';

const schema = builtinSchema();

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const files = [...markdownFiles(join(fixturesDir, 'rules')), ...markdownFiles(join(repoRoot, 'test', 'real-world', 'plans'))].sort();

/** Headings after blank lines between every paragraph: a segment boundary next to every block. */
function withHeadings(text: string): string {
  return text.replace(/\n[ \t]*\n(?=[^\n#])/g, (blank, offset: number) => `${blank}# Cut ${offset}\n\n`);
}

test('segments start at a "#" line after a blank line, at least minSegment apart', () => {
  const text = '# A\n\ntext\n\n# B\nmore\n  \n## C\n\n#not a heading\n\n\n# D';
  assert.deepEqual(segmentStarts(text, 0), [0, 11, 23, 29, 46]);
  assert.equal(text[11], '#');
  assert.deepEqual(segmentStarts(text, 15), [0, 23, 46]);
  assert.deepEqual(segmentStarts('no headings\n\nat all', 0), [0]);
  // CRLF: a blank line is CR LF CR LF.
  assert.deepEqual(segmentStarts('a\r\n\r\n# b', 0), [0, 5]);
});

test('a lint that scans by segment finds exactly what a whole-text scan finds (rule fixtures, real plans, headings everywhere)', () => {
  assert.ok(files.length > 50, `fixtures and plans found: ${files.length}`);
  for (const file of tierSample(files, 6)) {
    const original = readFileSync(file, 'utf8');
    for (const text of [original, withHeadings(original), original.replace(/\n/g, '\r\n')]) {
      const whole = lintText(text, { schema, now: TODAY });
      const pieces = new PieceCache(undefined, new ScanMemo(0));
      assert.deepEqual(lintText(text, { schema, now: TODAY, pieces }).findings, whole.findings, `${file}: segmented scan`);
      // Again from the memo: the reused results, moved to their segments' offsets.
      assert.deepEqual(lintText(text, { schema, now: TODAY, pieces }).findings, whole.findings, `${file}: reused scan`);
      assert.equal(pieces.scans.lastStats.scanned, 0, `${file}: nothing scanned again`);
    }
  }
});

test('a one-character edit scans again only the segment it touched', () => {
  const plans = markdownFiles(join(repoRoot, 'test', 'real-world', 'plans'));
  const largest = plans.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
  const text = readFileSync(largest, 'utf8');
  const pieces = new PieceCache();
  lintText(text, { schema, now: TODAY, pieces });
  const first = pieces.scans.lastStats;
  assert.ok(first.scanned >= 20, JSON.stringify(first));
  const at = text.indexOf('\n', Math.floor(text.length / 2));
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  const result = lintText(edited, { schema, now: TODAY, pieces });
  // One segment per check (lintText's guards, the heavy-paragraph check, no-secrets, placeholder-text); the rest come from the memo.
  assert.equal(pieces.scans.lastStats.scanned, 4, JSON.stringify(pieces.scans.lastStats));
  assert.equal(pieces.scans.lastStats.reused, first.scanned - 4);
  assert.deepEqual(result.findings, lintText(edited, { schema, now: TODAY }).findings);
});

test('results are reused only under the same scanner key: rule options change what is found', () => {
  const text = '# Runbook\n\n## Purpose\n\nCall the FOOBAR desk. password: Hunter2!x\n\n## Scope\n\nAll of it, TODO.\n';
  const pieces = new PieceCache(undefined, new ScanMemo(0));
  const configs = (settings: Parameters<typeof resolveRuleConfigs>[1]) => resolveRuleConfigs(builtinRules, settings);
  const runs = [
    configs({}),
    configs({ 'placeholder-text': ['error', { words: ['FOOBAR'] }] }),
    configs({ 'placeholder-text': ['error', { words: ['FOOBAR'], allow: ['TODO'] }], 'no-secrets': ['error', { allow: ['Hunter'] }] }),
    configs({}),
  ];
  const seen = new Set<string>();
  for (const ruleConfigs of runs) {
    const expected = lintText(text, { schema, now: TODAY, ruleConfigs }).findings;
    assert.deepEqual(lintText(text, { schema, now: TODAY, ruleConfigs, pieces }).findings, expected);
    seen.add(JSON.stringify(expected.map((f) => f.message)));
  }
  assert.equal(seen.size, 3, 'the options really changed the findings');
});

test('scanText: without a memo one whole scan; with one, results moved to their segments and cached results never changed', () => {
  const calls: string[] = [];
  const scanner: TextScanner<{ start: number; end: number; word: string }> = {
    key: 'words',
    scan: (text) => {
      calls.push(text);
      return [...text.matchAll(/\bword\d\b/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, word: m[0] }));
    },
  };
  const text = '# A\n\nword1\n\n# B\n\nword2 word3\n';
  const whole = scanText(undefined, scanner, text);
  assert.equal(calls.length, 1);
  const memo = new ScanMemo(0);
  const segmented = scanText(memo, scanner, text);
  assert.deepEqual(segmented, whole);
  assert.deepEqual(calls.slice(1), ['# A\n\nword1\n\n', '# B\n\nword2 word3\n']);
  memo.endLint();
  // The first segment grew: the second one's cached results are moved by two characters.
  const again = scanText(memo, scanner, '# AAA\n\nword1\n\n# B\n\nword2 word3\n');
  assert.deepEqual(again.map((r) => [r.start, r.word]), [[7, 'word1'], [19, 'word2'], [25, 'word3']]);
  assert.equal(calls.length, 4);
  memo.endLint();
  assert.deepEqual(scanText(memo, scanner, text), whole, 'the cached results were not changed by the move');
  assert.equal(calls.length, 5, 'only the changed first segment is scanned again');
});

test('the prose mask memoized per block equals the whole-tree mask, after edits and when the closed tag names change', () => {
  for (const file of tierSample(files, 6)) {
    const text = readFileSync(file, 'utf8');
    const pieces = new PieceCache();
    const check = (t: string, what: string) => {
      const doc = lintText(t, { schema, now: TODAY, pieces }).doc;
      if (!doc) return;
      assert.deepEqual(maskNonProse(doc), maskNonProseWhole(doc), `${file}: ${what}`);
    };
    check(text, 'first');
    const at = text.indexOf('\n\n', Math.floor(text.length / 3));
    check(text.slice(0, at) + ' `code` <b>x</b> [a](http://x) ' + text.slice(at), 'edited');
    // `</time>` anywhere makes every `<time>` markup: blocks masked before must be masked again.
    check('<time> and <b>bold</b>\n\n' + text + '\n\n</time>\n', 'closed tag added');
    check('<time> and <b>bold</b>\n\n' + text, 'closed tag removed');
  }
});

test("lintText's guards and the heavy-paragraph check, answered per segment in the editor, refuse and read as plain text exactly as a full lint does", () => {
  const base = readFileSync(join(repoRoot, 'test', 'real-world', 'plans', planName()), 'utf8');
  const at = base.indexOf('\n\n#', Math.floor(base.length / 2)) + 2;
  const insert = (extra: string) => base.slice(0, at) + extra + base.slice(at);
  const pieces = new PieceCache();
  const variants = [
    base,
    insert('# Deep\n\n' + '> '.repeat(120) + 'quote\n\n'),
    base,
    insert('# Run\n\n' + '*'.repeat(1200) + '\n\n'),
    insert('# Nul\n\nbefore\0after\n\n'),
    insert('# Heavy\n\n' + 'a*b_'.repeat(600) + '\n\n'),
    insert('# Heavy table\n\n| a | b |\n|---|---|\n| ' + '[x] '.repeat(1100) + '| y |\n\n'),
    base,
  ];
  const fatalMessages = new Set<string>();
  for (const [i, text] of variants.entries()) {
    const expected = lintText(text, { schema, now: TODAY });
    assert.deepEqual(lintText(text, { schema, now: TODAY, pieces }).findings, expected.findings, `variant ${i}`);
    for (const f of expected.findings) if (f.ruleId === 'fatal') fatalMessages.add(f.message.replace(/\d+/g, 'N').slice(0, 40));
  }
  assert.ok(fatalMessages.size >= 4, `the variants were refused or read as plain text: ${[...fatalMessages].join(' | ')}`);
});

function planName(): string {
  return readdirSync(join(repoRoot, 'test', 'real-world', 'plans')).filter((f) => f.endsWith('.md')).sort()[0]!;
}
