/**
 * Robustness (issue 11), core side: pathological runbooks, front matter and schemas end with
 * findings or a `fatal` that says why, never a hang. Inputs are generated; node:test timeouts are
 * hang guards, not timing assertions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSchema, SchemaError, type JsonSchema } from '../../src/core/schema.js';
import { lintText } from '../../src/core/lint.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { invalidTimestamp, MAX_FRONTMATTER_KEYS } from '../../src/core/frontmatter.js';
import { MAX_INLINE_DELIMITERS, parseRunbook } from '../../src/core/parse.js';
import { lintWithDefaults } from '../helpers/lint.js';

const GUARD = { timeout: 60_000 };
const fatals = (text: string) => lintWithDefaults(text).findings.filter((f) => f.ruleId === 'fatal');
/** Front-matter problems are the `frontmatter` rule's "not valid YAML" findings. */
const yamlErrors = (text: string) => lintWithDefaults(text).findings.filter((f) => f.ruleId === 'frontmatter' && /not valid YAML/.test(f.message));

for (const [name, unit] of [
  ['a*a*…', 'a*'],
  ['**a …', '**a '],
  ['*_*_…', '*_'],
  ['[a](b) …', '[a](b) '],
  ['`a`…', '`a` '],
] as const) {
  test(`a 200 KB paragraph of ${name} is read as plain text, and the finding says so`, GUARD, () => {
    const text = `# Payments runbook\n\n## Summary\n\nBefore.\n\n${unit.repeat(Math.ceil(200_000 / unit.length))}\n\n## Escalation Contacts\n\nAfter.\n`;
    const result = lintWithDefaults(text);
    const f = result.findings.filter((x) => x.ruleId === 'fatal');
    assert.equal(f.length, 1, JSON.stringify(f));
    assert.match(f[0]!.message, /^Line 7: [\d,]+ emphasis, link or code delimiters in one paragraph \(more than 2,000\); runbook-lint read it as plain text/);
    assert.equal(f[0]!.range.start.line, 7);
    // The rest of the document is still modelled: the sections around the block are there.
    assert.ok(result.doc!.byId.has('escalation-contacts'));
    assert.ok(result.findings.some((x) => x.ruleId === 'required-section'));
  });
}

test('the plain-text block keeps its original text and positions; fenced code and tight lists are not counted as one paragraph', () => {
  const heavy = 'x*'.repeat(MAX_INLINE_DELIMITERS + 10);
  const parsed = parseRunbook(`# T\n\n${heavy}\n\n*kept* emphasis\n`);
  assert.equal(parsed.plainBlocks.length, 1);
  const para = parsed.root.children.find((n) => n.type === 'paragraph')!;
  assert.equal(para.position!.start.line, 3);
  assert.equal((para as { children: Array<{ value: string }> }).children[0]!.value, heavy);
  assert.ok(parsed.root.children.some((n) => n.type === 'paragraph' && n.children[0]!.type === 'emphasis'), 'other paragraphs keep their markup');
  const list = Array.from({ length: 1500 }, (_, i) => `- **Item ${i}:** value`).join('\n');
  const code = '```\n' + '*'.repeat(1).concat(' a').repeat(5000) + '\n```';
  assert.equal(parseRunbook(`# T\n\n${list}\n\n${code}\n`).plainBlocks.length, 0);
});

test('5,000 equal headings and a 5,000-row table are modelled in full (the bench section measures their growth)', { timeout: 120_000 }, () => {
  const headings = lintWithDefaults('# T\n\n' + '## Notes\n\n'.repeat(5_000));
  assert.equal(headings.doc!.sections.length, 5_000);
  assert.equal(headings.doc!.sections.at(-1)!.id, 'notes-4999');
  const table = lintWithDefaults('# T\n\n## Escalation Contacts\n\n| Name | Phone |\n|---|---|\n' + '| a | b |\n'.repeat(5_000));
  assert.equal(table.doc!.byId.get('escalation-contacts')!.tables[0]!.rows.length, 5_000);
});

test('one rule lists at most 1,000 findings per file, then one finding says how many more', { timeout: 120_000 }, () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `| Person ${i} | b |`).join('\n');
  const doc = (n: number) => `# T\n\n## Escalation Contacts\n\n| Name | Phone |\n|---|---|\n${rows(n)}\n`;
  const contact = (n: number) => lintWithDefaults(doc(n)).findings.filter((f) => f.ruleId === 'contact-details');
  assert.equal(contact(999).length, 999, 'under the limit: every finding, no summary');
  const capped = contact(1_500);
  assert.equal(capped.length, 1_001);
  const last = capped.at(-1)!;
  assert.equal(last.message, '500 more "contact-details" findings in this file, from this line on, are not listed: runbook-lint lists at most 1,000 per rule and file.');
  assert.deepEqual(last.data, { unlisted: 500 });
  assert.equal(last.range.start.line, 6 + 1_000 + 1, 'at the first unlisted row');
});

test('a field line with a long run of spaces inside is read in linear time', GUARD, () => {
  const result = lintWithDefaults(`# T\n\n## Escalation Contacts\n\nOwner: a${' '.repeat(100_000)}b\n`);
  assert.equal(result.doc!.byId.get('escalation-contacts')!.fields[0]!.value, `a${' '.repeat(100_000)}b`);
});

test('front matter: too many keys, too deep, too big, a duplicate key: a fatal at the place, no quadratic check', GUARD, () => {
  const keys = Array.from({ length: MAX_FRONTMATTER_KEYS + 5 }, (_, i) => `k${i}: v`).join('\n');
  const many = yamlErrors(`---\n${keys}\n---\n# T\n`);
  assert.equal(many.length, 1);
  assert.match(many[0]!.message, /more than 10,000 keys/);
  assert.equal(many[0]!.range.start.line, MAX_FRONTMATTER_KEYS + 2);

  const deep = yamlErrors(`---\na: ${'['.repeat(80)}${']'.repeat(80)}\n---\n# T\n`);
  assert.equal(deep.length, 1);
  assert.match(deep[0]!.message, /nests deeper than 64 levels/);

  const big = yamlErrors(`---\nnote: "${'x'.repeat(300 * 1024)}"\n---\n# T\n`);
  assert.match(big[0]!.message, /front matter is \d+ KB; runbook-lint reads at most 256 KB/);

  const dup = yamlErrors('---\nowner: a\nlast_reviewed: 2026-01-01\nowner: b\n---\n# T\n');
  assert.equal(dup.length, 1);
  assert.match(dup[0]!.message, /Map keys must be unique \("owner" appears twice\)/);
  assert.deepEqual([dup[0]!.range.start.line, dup[0]!.range.start.column], [4, 1]);
});

test('!!timestamp dates that do not exist are errors at their position, not rolled over', () => {
  const f = yamlErrors('---\nowner: a\nlast_reviewed: !!timestamp 2026-02-31\n---\n# T\n');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /"2026-02-31" is not a valid date: February 2026 has 28 days/);
  assert.deepEqual([f[0]!.range.start.line, f[0]!.range.start.column], [3, 28], 'at the date, after the tag');
  assert.equal(yamlErrors('---\nowner: a\nlast_reviewed: !!timestamp 2024-02-29\n---\n# T\n').length, 0, 'a leap day is fine');
  assert.equal(invalidTimestamp('2026-13-01'), '"2026-13-01" is not a valid date: there is no month 13');
  assert.equal(invalidTimestamp('2026-04-30T25:00:00Z'), '"2026-04-30T25:00:00Z" is not a valid time of day');
  assert.equal(invalidTimestamp('2026-04-30 10:00:00'), undefined);
});

test('schema patterns run in linear time: ^(a+)+$ against 34 a and !; RE2-incompatible patterns are refused clearly', GUARD, () => {
  const schema: JsonSchema = {
    $id: 'test:redos',
    type: 'object',
    properties: { frontmatter: { type: 'object', properties: { owner: { type: 'string', pattern: '^(a+)+$' } } } },
  };
  const compiled = compileSchema(schema);
  const result = lintText(`---\nowner: ${'a'.repeat(34)}!\n---\n# T\n`, { schema: compiled });
  assert.ok(result.findings.some((f) => f.ruleId === 'frontmatter' || f.ruleId === 'schema'), JSON.stringify(result.findings.map((f) => f.ruleId)));
  assert.equal(lintText(`---\nowner: ${'a'.repeat(34)}\n---\n# T\n`, { schema: compiled }).findings.filter((f) => /pattern/.test(f.message)).length, 0);
  const lookahead = { ...schema, $id: 'test:lookahead', properties: { frontmatter: { type: 'object', properties: { owner: { type: 'string', pattern: '^(?=a)a+$' } } } } };
  assert.throws(() => compileSchema(lookahead), (e: unknown) => e instanceof SchemaError && /cannot be used: runbook-lint runs schema patterns with a linear-time engine \(RE2\), which has no lookahead/.test(e.message));
});

test('the built-in schema still accepts ISO 8601 durations (its pattern has no lookahead now)', () => {
  assert.ok(builtinSchema());
});
