/**
 * Hostile and unusual input at the core level: lintText must never throw, must refuse what it cannot
 * handle with a `fatal` finding that says why and where, quickly, and must keep every range inside
 * the document. compileSchema must reject broken and remote schemas without touching the network.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import dns from 'node:dns';
import { builtinRules } from '../../src/core/rules/index.js';
import { compileSchema, SchemaError } from '../../src/core/schema.js';
import { lintText, type LintResult } from '../../src/core/lint.js';
import type { Finding } from '../../src/core/types.js';
import type { Rule, RuleContext } from '../../src/core/rule.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { TODAY } from '../helpers/lint.js';
import { assertFindingsInside, assertSorted } from '../helpers/ranges.js';

/** Refusals must not hang: each such test has a generous node:test timeout (speed itself is measured in npm run bench). */
const HANG_TIMEOUT = { timeout: 60_000 };

function lint(text: string, extra: { rules?: readonly Rule[] } = {}): LintResult {
  return lintText(text, { schema: builtinSchema(), now: TODAY, ...extra });
}

/** Lint and check the invariants every result must satisfy. */
function timed(text: string): { result: LintResult } {
  const result = lint(text);
  const body = result.bom ? text.slice(1) : text;
  assertFindingsInside(body, result.findings);
  assertSorted(result.findings);
  return { result };
}

/** A rule injected through lintText's `rules` option. */
function defineRuleForTest(id: string, check: (ctx: RuleContext) => void): Rule {
  return { meta: { id, severity: 'error', description: 'test rule', fixable: false }, check };
}

const fatals = (r: LintResult): Finding[] => r.findings.filter((f) => f.ruleId === 'fatal');
const ids = (r: LintResult, rule: string): Finding[] => r.findings.filter((f) => f.ruleId === rule);
/** Broken front matter is reported either as `fatal` or as a `frontmatter` finding; both must say where. */
const yamlProblems = (r: LintResult): Finding[] => r.findings.filter((f) => (f.ruleId === 'fatal' || f.ruleId === 'frontmatter') && /not valid YAML/.test(f.message));

test('empty, whitespace-only and front-matter-only documents: ordinary findings, no fatal, all on line 1', HANG_TIMEOUT, () => {
  for (const text of ['', '   \n\t\n  ', '\n\n\n', '---\nowner: Ops\nlast_reviewed: 2026-10-01\n---\n']) {
    const { result } = timed(text);
    assert.deepEqual(fatals(result), [], JSON.stringify(text));
    assert.ok(result.doc, 'the document is still built');
    assert.ok(ids(result, 'required-section').length >= 10, 'every missing section is reported');
    for (const f of ids(result, 'required-section')) assert.equal(f.range.start.line, 1);
  }
  assert.equal(lint('---\nowner: Ops\nlast_reviewed: 2026-10-01\n---\n').doc!.frontmatter!.data.owner, 'Ops');
});

test('a 20 MB string is refused at once with its size, the limit and a position', HANG_TIMEOUT, () => {
  const { result } = timed('# Big\n\n' + 'a'.repeat(20 * 1024 * 1024));
  const [f, ...rest] = result.findings;
  assert.equal(rest.length, 0);
  assert.equal(f!.ruleId, 'fatal');
  assert.match(f!.message, /20\.0 MB/);
  assert.match(f!.message, /over 8 MB/);
  assert.deepEqual(f!.range.start, { line: 1, column: 1, offset: 0 });
  // maxBytes is honoured both ways.
  assert.equal(fatals(lintText('# T\n\n' + 'b'.repeat(2000), { schema: builtinSchema(), now: TODAY, maxBytes: 1000 })).length, 1);
  assert.equal(fatals(lintText('# T\n\n' + 'b'.repeat(2000), { schema: builtinSchema(), now: TODAY, maxBytes: 10000 })).length, 0);
});

test('binary input (a NUL byte) is fatal with the line and column of the NUL', HANG_TIMEOUT, () => {
  const { result } = timed('# Title\n\nsome text\nab\u0000cd\n');
  const [f] = fatals(result);
  assert.ok(f);
  assert.equal(result.findings.length, 1);
  assert.match(f.message, /binary.*line 4, column 3/);
  assert.deepEqual(f.range.start, { line: 4, column: 3, offset: 21 });
  const crlf = lint('# Title\r\n\r\nab\u0000').findings[0]!;
  assert.equal(crlf.range.start.line, 3, 'CRLF counted once');
});

test('10,000-deep nested lists and block quotes are refused quickly with a "nest" message (no hang, no stack overflow)', HANG_TIMEOUT, () => {
  const n = 10_000;
  const cases: Record<string, string> = {
    'bullet - - -': '- '.repeat(n) + 'x\n',
    'bullet * * *': '* '.repeat(n) + 'x\n',
    'bullet + + + with tabs': '+\t'.repeat(n) + 'x\n',
    'ordered 1. 1. 1.': '1. '.repeat(n) + 'x\n',
    'ordered 1) 1) 1)': '1) '.repeat(n) + 'x\n',
    'block quote >>>': '>'.repeat(n) + ' x\n',
    'block quote > > >': '> '.repeat(n) + 'x\n',
    'mixed > 1. -': '> 1. - '.repeat(n / 3) + 'x\n',
    'indented bullets, one level per line': Array.from({ length: 2000 }, (_, i) => ' '.repeat(2 * i) + '- x').join('\n'),
    'indented ordered items, one level per line': Array.from({ length: 1500 }, (_, i) => ' '.repeat(3 * i) + '1. x').join('\n'),
    'quotes growing one level per line': Array.from({ length: 2000 }, (_, i) => '>'.repeat(i + 1) + ' x').join('\n'),
    'quotes growing per line, lone CR line endings': 'Intro\r' + Array.from({ length: 300 }, (_, i) => '>'.repeat(i + 1) + ' x').join('\r'),
  };
  for (const [name, text] of Object.entries(cases)) {
    const { result } = timed(text);
    const [f, ...rest] = result.findings;
    assert.equal(rest.length, 0, name);
    assert.equal(f?.ruleId, 'fatal', name);
    assert.match(f!.message, /nest/, name);
    assert.match(f!.message, new RegExp(`at line ${f!.range.start.line}\\b`), `${name}: the message names the line of the range`);
  }
  // The line of the refusal is where the nesting gets too deep (line 1 is "Intro" above).
  assert.ok(lint(cases['quotes growing per line, lone CR line endings']!).findings[0]!.range.start.line > 90);
});

test('nesting just under the limit still parses and lints without a fatal or a stack overflow', HANG_TIMEOUT, () => {
  for (const text of ['- '.repeat(95) + 'x\n', '> '.repeat(95) + 'x\n', '1. '.repeat(95) + 'x\n', '> - '.repeat(47) + 'x\n']) {
    const { result } = timed('# T\n\n## Recovery Procedures\n\n' + text);
    assert.deepEqual(fatals(result), [], text.slice(0, 12));
    assert.ok(result.doc?.byId.get('recovery-procedures'));
  }
});

test('malformed YAML front matter is reported on its line in the DOCUMENT (after the opening ---), with any line ending and a BOM', HANG_TIMEOUT, () => {
  const variants: Array<[string, string]> = [
    ['LF', '---\nowner: a\nowner: b\n---\n# T\n'],
    ['CRLF', '---\r\nowner: a\r\nowner: b\r\n---\r\n# T\r\n'],
    ['CR', '---\rowner: a\rowner: b\r---\r# T\r'],
    ['BOM', '\uFEFF---\nowner: a\nowner: b\n---\n# T\n'],
  ];
  for (const [name, text] of variants) {
    const { result } = timed(text);
    const [f] = yamlProblems(result);
    assert.ok(f, `${name}: a finding about the YAML`);
    assert.equal(f.range.start.line, 3, `${name}: the duplicate key is on line 3 of the document (line 2 of the YAML)`);
    assert.equal(f.range.start.column, 1, name);
    const body = result.bom ? text.slice(1) : text;
    assert.equal(body.slice(f.range.start.offset, f.range.start.offset + 5), 'owner', `${name}: the offset points at the key`);
  }
  const tab = yamlProblems(lint('---\nowner: a\nsystems:\n\t- x\n---\n# T\n'))[0];
  assert.ok(tab);
  assert.equal(tab.range.start.line, 4, 'a tab-indented line is line 4 of the document');
  const unclosedFlow = yamlProblems(lint('---\nowner: a\nsystems: [a, b\nstatus: active\n---\n# T\n'))[0];
  assert.ok(unclosedFlow);
  assert.ok(unclosedFlow.range.start.line >= 3 && unclosedFlow.range.start.line <= 4, `flow sequence error on line ${unclosedFlow.range.start.line}`);
});

test('a YAML alias bomb ("billion laughs") in front matter is rejected quickly', HANG_TIMEOUT, () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    levels.push(`${name}: &${name} [${Array(9).fill('*' + prev).join(',')}]`);
  }
  const { result } = timed(`---\nowner: x\n${levels.join('\n')}\n---\n# T\n`);
  const [f] = yamlProblems(result);
  assert.ok(f, 'the alias bomb is reported');
  assert.match(f.message, /alias/i);
  assert.deepEqual(result.doc?.frontmatter?.data ?? {}, {}, 'nothing was expanded into the model');
});

test('front matter that is a list or a scalar is a `frontmatter` finding, not a crash', HANG_TIMEOUT, () => {
  for (const text of ['---\n- owner\n- last_reviewed\n---\n# T\n', '---\njust a sentence\n---\n# T\n', '---\n42\n---\n# T\n']) {
    const { result } = timed(text);
    assert.deepEqual(fatals(result), [], text);
    const f = ids(result, 'frontmatter').find((x) => /mapping/.test(x.message));
    assert.ok(f, `a frontmatter finding for ${JSON.stringify(text)}`);
    assert.equal(f.range.start.line, 1);
  }
});

test('unterminated front matter is reported as such on line 1, not as missing keys', HANG_TIMEOUT, () => {
  for (const text of ['---\nowner: Ops\nlast_reviewed: 2026-10-01\n# Plan\n\n## Purpose\n\ntext\n', '---\r\nowner: Ops\r\n# Plan\r\n']) {
    const { result } = timed(text);
    const f = result.findings.find((x) => /never closed/.test(x.message));
    assert.ok(f, 'says the block is never closed');
    assert.ok(f.ruleId === 'fatal' || f.ruleId === 'frontmatter', f.ruleId);
    assert.equal(f.range.start.line, 1);
    assert.equal(result.findings.filter((x) => /has no "owner"/.test(x.message)).length, 0, 'the owner it has is not called missing');
  }
  // A thematic break at the top of an ordinary document is not front matter.
  const hr = lint('---\n\n# Plan\n\nNote: text\n');
  assert.equal(hr.findings.filter((x) => /never closed|not valid YAML/.test(x.message)).length, 0);
});

test('CRLF and lone-CR line endings give the same lines and columns as LF, and ranges cover the right text', HANG_TIMEOUT, () => {
  const lf = '---\nowner: 5\nlast_reviewed: 2026-10-01\n---\n# Plan\n\n## Purpose\n\ntext\n\n## Purpose\n\n| Tier | Contact |\n|---|---|\n| 1 | |\n';
  const base = lint(lf).findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`);
  const owner = lint(lf).findings.find((f) => f.ruleId === 'frontmatter' && f.range.start.line === 2);
  assert.ok(owner, 'owner: 5 is reported on its value');
  assert.equal(owner.range.start.column, 8);
  const dup = lint(lf).findings.find((f) => f.ruleId === 'duplicate-section');
  assert.ok(dup, 'the second Purpose is a duplicate');
  assert.equal(dup.range.start.line, 11);
  for (const [name, eol] of [['CRLF', '\r\n'], ['CR', '\r']] as const) {
    const text = lf.replace(/\n/g, eol);
    const { result } = timed(text);
    const got = result.findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.message}`);
    assert.deepEqual(got, base, `${name} findings equal the LF ones`);
    const d = result.findings.find((f) => f.ruleId === 'duplicate-section')!;
    assert.equal(text.slice(d.range.start.offset, d.range.end.offset), '## Purpose', name);
    const o = result.findings.find((f) => f.ruleId === 'frontmatter' && f.range.start.line === 2)!;
    assert.equal(text.slice(o.range.start.offset, o.range.end.offset), '5', `${name}: the owner value`);
  }
});

test('a BOM is stripped: offsets exclude it and the findings equal those without it', HANG_TIMEOUT, () => {
  const text = '---\nowner: 5\n---\n# Plan\n\n## Purpose\n\n## Purpose\n';
  const plain = lint(text);
  const { result } = timed('\uFEFF' + text);
  assert.equal(result.bom, true);
  assert.equal(plain.bom, false);
  assert.deepEqual(result.findings, plain.findings);
  const dup = result.findings.find((f) => f.ruleId === 'duplicate-section')!;
  assert.equal(text.slice(dup.range.start.offset, dup.range.end.offset), '## Purpose');
  assert.equal(result.doc!.text, text);
});

test('lone surrogates and U+FFFD do not break parsing, heading matching or ranges', HANG_TIMEOUT, () => {
  const text = '# Plan \uD800\n\n## Escalation Contacts \uFFFD\n\n- on-call \uDC00 phone\n\n## \uDBFF\uFFFD\n\ntext \uFFFD\uD83D\n';
  const { result } = timed(text);
  assert.deepEqual(fatals(result), []);
  assert.ok(result.doc!.byId.get('escalation-contacts'), 'the replacement character does not hide the heading');
  const { result: fm } = timed('---\nowner: "\uD800 Ops \uFFFD"\n---\n# P\n');
  assert.deepEqual(fatals(fm), []);
  assert.equal(fm.doc!.frontmatter!.data.owner, '\uD800 Ops \uFFFD');
});

test('an extremely long single line (1 MB) lints', HANG_TIMEOUT, () => {
  const { result } = timed('# Plan\n\n## Purpose and Scope\n\n' + 'word '.repeat(200_000) + '\n');
  assert.deepEqual(fatals(result), []);
  assert.ok(result.doc!.byId.get('purpose-scope')!.model.text.length >= 999_000);
  const { result: bare } = timed('x'.repeat(1024 * 1024));
  assert.deepEqual(fatals(bare), []);
});

test('thousands of headings complete', HANG_TIMEOUT, () => {
  const distinct = '# Plan\n\n' + Array.from({ length: 3000 }, (_, i) => `## Step ${i}\n\ntext ${i}\n`).join('\n');
  const { result } = timed(distinct);
  assert.deepEqual(fatals(result), []);
  assert.equal(result.doc!.sections.length, 3000);
  const same = '# Plan\n\n' + '## Purpose\n\ntext\n\n'.repeat(2000);
  const { result: dups } = timed(same);
  assert.deepEqual(fatals(dups), []);
  // 1,999 repeats: 1,000 listed (MAX_FINDINGS_PER_RULE), then one finding counting the other 999.
  const repeats = ids(dups, 'duplicate-section');
  assert.equal(repeats.length, 1001);
  assert.match(repeats.at(-1)!.message, /^999 more "duplicate-section" findings in this file/);
  const nested = '# Plan\n\n' + Array.from({ length: 2000 }, (_, i) => `${'#'.repeat((i % 5) + 2)} H${i}\n`).join('\n');
  assert.deepEqual(fatals(timed(nested).result), []);
});

test('a table with 500 columns keeps every header and cell range', HANG_TIMEOUT, () => {
  const headers = Array.from({ length: 500 }, (_, i) => `c${i}`);
  const text = `# Plan\n\n## Escalation Contacts\n\n| ${headers.join(' | ')} |\n|${'---|'.repeat(500)}\n| ${headers.map((h) => 'v' + h).join(' | ')} |\n`;
  const { result } = timed(text);
  assert.deepEqual(fatals(result), []);
  const table = result.doc!.byId.get('escalation-contacts')!.tables[0]!;
  assert.equal(table.headers.length, 500);
  assert.equal(table.rows[0]!.c499, 'vc499');
  const last = table.cellRanges[0]![499]!;
  assert.match(text.slice(last.start.offset, last.end.offset), /vc499/);
});

test('headings of only emoji or punctuation get usable, distinct ids', HANG_TIMEOUT, () => {
  const text = '# 🚨\n\n## 📞\n\ntext\n\n## ???\n\n## !!!\n\n## 🔥🔥\n\n## -\n\n### ***\n';
  const { result } = timed(text);
  assert.deepEqual(fatals(result), []);
  const top = result.doc!.sections.filter((s) => !s.parent).map((s) => s.id);
  assert.equal(new Set(top).size, top.length, `distinct ids: ${top.join(', ')}`);
  for (const s of result.doc!.sections) assert.ok(s.id.length > 0 && s.pointer.startsWith('/sections/'), s.pointer);
  assert.equal(result.doc!.title?.text, '🚨');
});

test('a schema that does not compile throws SchemaError', HANG_TIMEOUT, () => {
  assert.throws(() => compileSchema({ type: 'nonsense' }), (e: unknown) => e instanceof SchemaError && /does not compile/.test(e.message));
  assert.throws(
    () => compileSchema({ type: 'object', properties: { sections: { $ref: '#/$defs/nowhere' } } }),
    (e: unknown) => e instanceof SchemaError && /nowhere/.test(e.message),
  );
  assert.throws(() => compileSchema({ properties: { sections: { minProperties: -1 } } }), SchemaError);
});

test('a remote $ref is rejected with a SchemaError naming it, and nothing touches the network', HANG_TIMEOUT, async () => {
  const attempts: string[] = [];
  const realFetch = globalThis.fetch;
  const realConnect = net.Socket.prototype.connect;
  const realLookup = dns.lookup;
  globalThis.fetch = (async (input: unknown) => {
    attempts.push(`fetch ${String(input)}`);
    throw new Error('network disabled in this test');
  }) as typeof fetch;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    attempts.push(`connect ${JSON.stringify(args[0])}`);
    throw new Error('network disabled in this test');
  } as typeof net.Socket.prototype.connect;
  (dns as { lookup: unknown }).lookup = (host: string) => {
    attempts.push(`dns ${host}`);
    throw new Error('network disabled in this test');
  };
  try {
    const cases: Array<[string, Record<string, unknown>, Array<{ uri: string; schema: Record<string, unknown> }>?]> = [
      ['https://schemas.example.com/runbook.json', { type: 'object', properties: { sections: { $ref: 'https://schemas.example.com/runbook.json' } } }],
      ['http://example.org/s.json#/$defs/x', { allOf: [{ $ref: 'http://example.org/s.json#/$defs/x' }] }],
      ['https://example.net/dyn.json', { $dynamicRef: 'https://example.net/dyn.json' }],
      ['https://example.com/in-extra.json', { $ref: 'local.json' }, [{ uri: 'local.json', schema: { properties: { a: { $ref: 'https://example.com/in-extra.json' } } } }]],
    ];
    for (const [ref, schema, extraSchemas] of cases) {
      assert.throws(
        () => compileSchema(schema, extraSchemas ? { extraSchemas } : {}),
        (e: unknown) => e instanceof SchemaError && e.message.includes(ref) && /never fetches/.test(e.message),
        ref,
      );
    }
    // A relative $ref under a remote $id is not fetched either: it fails to resolve locally.
    assert.throws(() => compileSchema({ $id: 'https://example.com/root.json', properties: { sections: { $ref: 'other.json' } } }), (e: unknown) => e instanceof SchemaError && /other\.json/.test(e.message));
    // Give any stray asynchronous request a chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    globalThis.fetch = realFetch;
    net.Socket.prototype.connect = realConnect;
    (dns as { lookup: unknown }).lookup = realLookup;
  }
  assert.deepEqual(attempts, [], 'no network access attempted');
});

test('a rule that throws becomes a `fatal` finding and the other rules\' findings are kept', () => {
  const text = '# Plan\n\n## Purpose\n\ntext\n';
  const baseline = lint(text).findings;
  assert.ok(baseline.length > 0);
  const throwers: Array<[string, () => never]> = [
    ['Error', () => { throw new Error('kaboom'); }],
    ['string', () => { throw 'a string'; }],
    ['null', () => { throw null; }],
    ['object without toString', () => { throw Object.create(null); }],
  ];
  for (const [kind, fail] of throwers) {
    const boom = defineRuleForTest('boom', fail);
    let result: LintResult | undefined;
    assert.doesNotThrow(() => { result = lint(text, { rules: [...builtinRules, boom] }); }, kind);
    const f = fatals(result!);
    assert.equal(f.length, 1, kind);
    assert.match(f[0]!.message, /Rule "boom" failed/, kind);
    if (kind === 'Error') assert.match(f[0]!.message, /kaboom/);
    assert.deepEqual(result!.findings.filter((x) => x.ruleId !== 'fatal'), baseline, `${kind}: the other findings are all kept`);
    assertFindingsInside(text, result!.findings);
  }
  // A rule that reports and then throws keeps what it reported.
  const partial = defineRuleForTest('partial', (ctx) => {
    ctx.report({ message: 'first', range: ctx.doc.lines.lineRange(3) });
    throw new Error('then failed');
  });
  const r = lint(text, { rules: [partial] });
  assert.deepEqual(r.findings.map((x) => `${x.ruleId}:${x.range.start.line}`).sort(), ['fatal:1', 'partial:3']);
});
