/**
 * Property tests (fast-check) for the lint core's invariants on arbitrary input:
 * lintText never throws; every finding's range lies inside the document with line/column matching
 * the offset (computed independently, see test/helpers/ranges.ts); findings are in position order;
 * fix edits stay in bounds and applying them and re-linting never throws; every JSON-pointer source
 * map entry and section range lies inside the document.
 *
 * numRuns is moderate so the file runs well under 30 s on 2 cores, and a quarter of that in the inner
 * loop (`npm run test:unit`, test/helpers/tier.ts). A failure prints the seed and the shrunk
 * counterexample; replay with FC_SEED=<seed> (and FC_PATH=<path>). FC_SCALE=<n> multiplies numRuns.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyFixes } from '../../src/core/fix.js';
import { disableFix } from '../../src/core/disable.js';
import { lintText, type LintResult } from '../../src/core/lint.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { TODAY } from '../helpers/lint.js';
import { tierRuns } from '../helpers/tier.js';
import { assertFindingsInside, assertRangeInside, assertSorted, lineStarts } from '../helpers/ranges.js';

const schema = builtinSchema();
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const path = process.env.FC_PATH;
/** FC_SCALE=20 runs twenty times as many cases (a deeper local hunt); the default keeps CI fast. */
const scale = Math.max(1, Number(process.env.FC_SCALE ?? 1) || 1);
const params = (numRuns: number): fc.Parameters<[string]> => ({ numRuns: numRuns * scale, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}) });

function lint(text: string): LintResult {
  return lintText(text, { schema, now: TODAY });
}

/** Every invariant, for one input. Throws (fails the property) on the first violation. */
function checkInvariants(input: string): void {
  const result = lint(input); // must not throw
  assert.ok(Array.isArray(result.findings));
  assert.equal(result.errorCount + result.warningCount, result.findings.length);
  const text = result.bom ? input.slice(1) : input;
  assertFindingsInside(text, result.findings);
  assertSorted(result.findings);

  if (result.doc) {
    const doc = result.doc;
    assert.equal(doc.text, text);
    const starts = lineStarts(text);
    for (const [pointer, range] of doc.pointers) assertRangeInside(text, range, `pointer "${pointer}"`, starts);
    for (const [pointer, range] of doc.frontmatter?.pointers ?? []) assertRangeInside(text, range, `front-matter pointer "${pointer}"`, starts);
    for (const s of doc.sections) {
      assertRangeInside(text, s.headingRange, `section ${s.pointer} heading`, starts);
      assertRangeInside(text, s.range, `section ${s.pointer}`, starts);
      assertRangeInside(text, s.bodyRange, `section ${s.pointer} body`, starts);
    }
    // The "disable for this line/block/file" quick fix is offered for every finding: its edits must be in bounds too.
    for (const f of result.findings) {
      if (f.ruleId === 'fatal') continue;
      for (const e of disableFix(doc, f).edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `disableFix edit ${e.start}..${e.end} for ${f.ruleId}`);
    }
  }

  // Fix everything fixable, re-lint: never throws, and the new result keeps the invariants.
  const fixed = applyFixes(text, result.findings);
  assert.equal(typeof fixed.text, 'string');
  assert.equal(fixed.applied.length + fixed.skipped.length, result.findings.filter((f) => f.fix && f.fix.edits.length > 0).length);
  const again = lint(fixed.text);
  const againText = again.bom ? fixed.text.slice(1) : fixed.text;
  assertFindingsInside(againText, again.findings, 'after --fix:');
  assertSorted(again.findings, 'after --fix:');
}

// ---- Generators ----------------------------------------------------------------------------

const headingWords = [
  'Purpose and Scope', 'Purpose', 'Overview', 'Activation Criteria', 'When to Activate', 'Roles and Responsibilities', 'Roles',
  'Escalation Contacts', 'Call Tree', 'Escalation Path', 'Backup Communication Channels', 'Out-of-Band Communication',
  'Vendor Assistance Policy', 'Third-Party Assistance', 'Recovery Procedures', 'Mitigation', 'Recovery Objectives', 'RTO and RPO',
  'Communication Plan', 'Testing and Maintenance', 'Dependencies', 'Return to Normal Operations', 'Revision History', 'Notes',
  '🚨', '???', '3. Call Tree:', 'Section 4: Roles & Responsibilities', '',
];

const fixedLines = [
  '', '', '', '---', '***', '===', '```', '```sh', '~~~',
  'owner: Ops – Dana', 'last_reviewed: 2026-10-01', 'last_reviewed: 2027-13-45', 'review_interval: 6 months', 'status: active',
  'primary_providers:', '  - Microsoft 365', 'systems: [Payments]', 'rto: 4h', 'rpo: ASAP', 'title: Front-matter title',
  'RTO: 4h', 'RPO: 15 min', 'RTO: TBD',
  '| Tier | Contact | Escalate after |', '|---|---|---|', '| 1 | On-call SRE +1 555 0100 | 0 min |', '| 2 | | |', '| x |', '| --- |',
  '[ ]', '- [ ] Page the IC', '- [x] Open the bridge', '  - [ ] nested task', '1. Fail over the database', '2) Verify', '  1. nested step',
  '[insert owner name]', 'TBD', 'TODO: fill in', '<name>', '???', 'lorem ipsum', 'XXX',
  '**Phone:** +1 555 0100', 'Email: ops@example.com', 'Pager: 555-0199', '- Signal group "Ops bridge"', '- Satellite phone +1 555 0199',
  '- Microsoft Teams', '- Outlook', 'Vendor: CrowdStrike. The Incident Commander may accept or decline vendor help if the vendor is verified.',
  'password: hunter2', 'AKIAIOSFODNN7EXAMPLE', '-----BEGIN RSA PRIVATE KEY-----', 'token = ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  '<!-- runbook-lint-disable -->', '<!-- runbook-lint-disable required-section -->', '<!-- runbook-lint-enable -->',
  '<!-- runbook-lint-enable required-section -->', '<!-- runbook-lint-disable-next-line -->', '<!-- runbook-lint-disable-line schema, placeholder-text -->',
  '<!-- runbook-lint-disable-file frontmatter -->', '<!-- runbook-lint-disable', '-->', '<!-- plain comment -->', '<details>', '</details>',
  '> quoted', '> - quoted item', '    indented code', '\t- tabbed item', 'Title', '\u00a0', '\uFEFF', '\uFFFD', '\uD800',
];

const eolArb = fc.constantFrom('\n', '\r\n', '\r');

/** Multi-line blocks that only mean something together (a table needs its delimiter row; a fence its closing line). */
const blockArb: fc.Arbitrary<string[]> = fc.oneof(
  fc.array(fc.constantFrom('| 1 | On-call SRE +1 555 0100 | 0 min |', '| 2 | | |', '| 3 | Head of Ops, pager 555-0199 | 30 min | extra |', '| TBD |'), { maxLength: 4 })
    .map((rows) => ['| Tier | Contact | Escalate after |', '|---|---|---|', ...rows]),
  fc.array(fc.constantFrom('# not a heading', '---', 'password: hunter2', '<!-- runbook-lint-disable -->'), { maxLength: 3 }).map((body) => ['```', ...body, '```']),
  fc.constantFrom(
    ['- Signal group "Ops bridge"', '- Satellite phone +1 555 0199', '- Microsoft Teams'],
    ['1. Declare the incident', '2. Page the IC', '   - [ ] sub-task'],
    // A section between: adjacent siblings with one id ("Purpose", "Scope") are one section, not a duplicate.
    ['## Escalation Contacts', '', 'x', '', '## Roles', '', '## Call Tree'],
    ['## Purpose', '', '### Purpose'],
  ).map((lines) => [...lines]),
);

const lineArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), fc.constantFrom(...headingWords), fc.constantFrom('', ' ', ':', ' ##', ' #')).map(([n, w, tail]) => `${'#'.repeat(n)} ${w}${tail}`) },
  { weight: 6, arbitrary: fc.constantFrom(...fixedLines) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('- ', '  - ', '1. ', '* ', '> ', '- [ ] ', '| ', '    ', ''), fc.string({ maxLength: 24 })).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

const frontmatterArb = fc.array(fc.constantFrom('owner: Ops', 'last_reviewed: 2026-10-01', 'primary_providers:', '  - Microsoft 365', 'rto: 4h', 'rpo: 15 min', 'status: draft', 'bad: [', '- a', 'owner: Ops'), { maxLength: 6 })
  .map((keys) => ['---', ...keys, '---']);

/** Markdown-ish documents: headings, lists, tables, fences, checkboxes, disable comments; LF, CRLF, CR or mixed; sometimes a BOM. */
const markdownArb: fc.Arbitrary<string> = fc
  .record({
    frontmatter: fc.option(frontmatterArb, { nil: undefined }),
    title: fc.option(fc.constantFrom('# Payments outage runbook', '# 🚨', '#', 'Plan\n===='), { nil: undefined }),
    lines: fc.array(fc.oneof({ weight: 5, arbitrary: lineArb.map((l) => [l]) }, { weight: 1, arbitrary: blockArb }), { maxLength: 30 }).map((blocks) => blocks.flat()),
    eol: fc.oneof(eolArb, fc.constant('mixed')),
    mixed: fc.array(eolArb, { minLength: 50, maxLength: 50 }),
    bom: fc.boolean(),
    trailing: fc.boolean(),
  })
  .map(({ frontmatter, title, lines, eol, mixed, bom, trailing }) => {
    const all = [...(frontmatter ?? []), ...(title ? [title] : []), ...lines];
    let out = '';
    all.forEach((line, i) => {
      out += line;
      if (i < all.length - 1 || trailing) out += eol === 'mixed' ? mixed[i % mixed.length]! : eol;
    });
    return (bom ? '\uFEFF' : '') + out;
  });

/** Any UTF-16 code units, lone surrogates included. */
const codeUnitsArb = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 });

// ---- Properties ----------------------------------------------------------------------------

test('arbitrary ASCII-ish strings (fc.string): invariants hold', () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), checkInvariants), params(tierRuns(100, 25)));
});

test('arbitrary full-Unicode strings (unit "binary", the v4 fullUnicodeString): invariants hold', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkInvariants), params(tierRuns(80, 20)));
});

test('arbitrary UTF-16 code units, lone surrogates and NUL included: invariants hold', () => {
  fc.assert(fc.property(codeUnitsArb, checkInvariants), params(tierRuns(80, 20)));
});

test('Markdown-ish documents (headings, lists, tables, --- fences, [ ], disable comments, CRLF/CR, BOM): invariants hold', () => {
  fc.assert(fc.property(markdownArb, checkInvariants), params(tierRuns(150, 40)));
});

test('the generator reaches the interesting cases (so the properties are not vacuous)', () => {
  const samples = fc.sample(markdownArb, { numRuns: 200, seed: 42 });
  const results = samples.map((s) => ({ s, r: lint(s) }));
  const count = (pred: (x: { s: string; r: LintResult }) => boolean) => results.filter(pred).length;
  const report = (name: string, n: number, min: number) => assert.ok(n >= min, `${name}: ${n} of ${samples.length} samples, expected at least ${min}`);
  report('CRLF documents', count((x) => x.s.includes('\r\n')), 15);
  report('lone-CR documents', count((x) => /\r(?!\n)/.test(x.s)), 15);
  report('BOM documents', count((x) => x.r.bom), 15);
  report('documents with front matter', count((x) => x.r.doc?.frontmatter !== undefined), 15);
  report('documents with fixable findings', count((x) => x.r.findings.some((f) => f.fix)), 60);
  report('documents with tables in a section', count((x) => x.r.doc?.sections.some((s) => s.tables.length > 0) ?? false), 10);
  report('documents with disable comments', count((x) => (x.r.doc?.htmlComments.length ?? 0) > 0), 30);
  report('documents with duplicate sections', count((x) => x.r.findings.some((f) => f.ruleId === 'duplicate-section')), 5);
  const rules = new Set(results.flatMap((x) => x.r.findings.map((f) => f.ruleId)));
  assert.ok(rules.size >= 8, `findings from many rules: ${[...rules].join(', ')}`);
});

test('the invariant checker itself catches a bad range (it can fail)', () => {
  const text = 'a\r\nb\rc\n';
  const good = { ruleId: 'x', severity: 'error' as const, message: 'm', range: { start: { line: 3, column: 1, offset: 5 }, end: { line: 3, column: 2, offset: 6 } } };
  assert.doesNotThrow(() => assertFindingsInside(text, [good]));
  assert.throws(() => assertFindingsInside(text, [{ ...good, range: { ...good.range, start: { line: 2, column: 3, offset: 5 } } }]), /line\/column/);
  assert.throws(() => assertFindingsInside(text, [{ ...good, range: { ...good.range, end: { line: 4, column: 1, offset: 9 } } }]), /outside/);
  assert.throws(() => assertFindingsInside(text, [{ ...good, fix: { title: 't', edits: [{ start: 6, end: 5, newText: '' }] } }]), /fix edit/);
  assert.throws(() => assertSorted([good, { ...good, range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } }]), /out of order/);
});
