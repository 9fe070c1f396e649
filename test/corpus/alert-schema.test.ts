/**
 * The example alert-runbook schema (examples/schemas/alert-runbook.schema.json) on real data: every
 * runbook of openshift/runbooks `alerts/`. The core's `required-section` and `duplicate-section`
 * findings are checked against an INDEPENDENT count: a line scanner with its own heading
 * normalisation (not the core's parser, model or normalizeHeading) that applies the schema's
 * conditions by hand.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusRoot, corpusSkip, markdownFiles } from '../helpers/corpus.js';
import { join, relative } from 'node:path';
import { compileSchema, type CompiledSchema, type JsonSchema } from '../../src/core/schema.js';
import { lintText, type LintResult } from '../../src/core/lint.js';
import { repoRoot, TODAY } from '../helpers/lint.js';

const schemaPath = join(repoRoot, 'examples', 'schemas', 'alert-runbook.schema.json');
const corpusDir = join(corpusRoot, 'openshift__runbooks', 'alerts');
const skip = corpusSkip(corpusDir);


// ---- The independent implementation -------------------------------------------------------

interface ScannedHeading {
  level: number;
  key: string;
  raw: string;
  parent: number; // index into the headings array, -1 at the top
}

/** Own normalisation: lower case, `&` → and, leading "1." numbering and punctuation dropped, spaces collapsed. */
function ownNormalise(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/^\s*\d+(\.\d+)*[.)]?\s+/, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(' ');
}

/** ATX headings at column 1 outside fenced code (``` or ~~~, any indentation), the first `# ` being the title. */
function scanHeadings(text: string): { title?: string; headings: ScannedHeading[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let fence: { char: string; length: number } | undefined;
  let title: string | undefined;
  const headings: ScannedHeading[] = [];
  let stack: number[] = [];
  for (const line of lines) {
    const f = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence.char && f[1]!.length >= fence.length && f[2]!.trim() === '') fence = undefined;
      continue;
    }
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
      fence = { char: f[1]![0]!, length: f[1]!.length };
      continue;
    }
    const h = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (!h) continue;
    const level = h[1]!.length;
    const raw = (h[2] ?? '').trim();
    if (level === 1 && title === undefined) {
      title = raw;
      stack = [];
      continue;
    }
    while (stack.length > 0 && headings[stack[stack.length - 1]!]!.level >= level) stack.pop();
    headings.push({ level, key: ownNormalise(raw), raw, parent: stack.length > 0 ? stack[stack.length - 1]! : -1 });
    stack.push(headings.length - 1);
  }
  return { title, headings };
}

interface Expected {
  missing: string[];
  duplicates: number;
  hasTitle: boolean;
}

/** The schema's conditions restated by hand (see the allOf in the schema and the README's "Custom schemas"). */
function expectedFor(text: string, aliases: Map<string, string>): Expected {
  const { title, headings } = scanHeadings(text);
  const ids = headings.map((h) => aliases.get(h.key));
  const present = new Set(ids.filter((id): id is string => id !== undefined));
  const deprecated = title !== undefined && /\[deprecated\]/i.test(title);
  const missing: string[] = [];
  if (!deprecated) {
    for (const id of ['meaning', 'impact']) if (!present.has(id)) missing.push(id);
    if (!present.has('diagnosis-and-mitigation')) for (const id of ['diagnosis', 'mitigation']) if (!present.has(id)) missing.push(id);
  }
  // A later heading of a known id is a duplicate unless it sits inside the first one, or both are the
  // same sub-heading repeated under different unknown parents of the same level (per-scenario blocks).
  let duplicates = 0;
  const first = new Map<string, number>();
  headings.forEach((h, i) => {
    const id = ids[i];
    if (!id) return;
    const j = first.get(id);
    if (j === undefined) {
      first.set(id, i);
      return;
    }
    let inside = false;
    for (let p = h.parent; p !== -1; p = headings[p]!.parent) if (p === j) inside = true;
    const a = headings[j]!;
    const repeatedBlock =
      a.parent !== -1 && h.parent !== -1 && a.parent !== h.parent && !aliases.has(headings[a.parent]!.key) && !aliases.has(headings[h.parent]!.key) &&
      a.level === h.level && headings[a.parent]!.level === headings[h.parent]!.level && a.key === h.key;
    if (!inside && !repeatedBlock) duplicates++;
  });
  return { missing, duplicates, hasTitle: title !== undefined && title !== '' };
}

// ---- The tests -----------------------------------------------------------------------------

const schemaJson = JSON.parse(readFileSync(schemaPath, 'utf8')) as JsonSchema;

function aliasTable(): Map<string, string> {
  const sections = (schemaJson.properties as Record<string, JsonSchema>).sections!.properties as Record<string, JsonSchema>;
  const out = new Map<string, string>();
  for (const [id, node] of Object.entries(sections)) for (const alias of [id, ...((node['x-headings'] as string[] | undefined) ?? [])]) out.set(ownNormalise(alias), id);
  return out;
}

test('the alert schema compiles; only the unconditional intent is marked required, with Diagnosis recommended', () => {
  const info = compileSchema(schemaJson).info;
  assert.deepEqual(info.sections.map((s) => s.id), ['meaning', 'impact', 'diagnosis', 'diagnosis-and-mitigation', 'mitigation', 'notes', 'references']);
  const required = info.sections.filter((s) => s.required).map((s) => `${s.id}:${s.severity}`);
  // `required` inside an `if` is a condition: the combined section must not become "required" (it would be scaffolded by `new`).
  assert.deepEqual(required, ['meaning:error', 'impact:error', 'diagnosis:warning', 'mitigation:error']);
  assert.deepEqual(info.frontmatterKeys.filter((k) => k.required), []);
});

test('the alert schema applies its conditions: [Deprecated] titles and a combined Diagnosis and Mitigation section', () => {
  const schema = compileSchema(schemaJson);
  const ids = (text: string) => lintText(text, { schema, now: TODAY }).findings.filter((f) => f.ruleId === 'required-section').map((f) => `${String(f.data?.sectionId)}:${f.severity}`).sort();
  assert.deepEqual(ids('# A\n\n## Meaning\n\nm\n'), ['diagnosis:warning', 'impact:error', 'mitigation:error']);
  assert.deepEqual(ids('# A [Deprecated]\n\nThis alert is deprecated.\n'), []);
  assert.deepEqual(ids('# A\n\n## Meaning\n\nm\n\n## Impact\n\ni\n\n## Diagnosis and mitigation\n\nd\n'), []);
  assert.deepEqual(ids('# A\n\n## Alert Description\n\nm\n\n## Impact\n\ni\n\n## Troubleshooting\n\nt\n\n## Mitigating\n\nx\n'), [], 'aliases seen in the corpus');
  const missing = lintText('# A\n\n## Impact\n\ni\n', { schema, now: TODAY }).findings.find((f) => f.data?.sectionId === 'meaning');
  assert.ok(missing);
  assert.match(missing.message, /Missing required section "Meaning".*what condition fires the alert/);
});

test('openshift/runbooks alerts: required-section and duplicate-section findings equal an independent count', { skip }, (t) => {
  const schema: CompiledSchema = compileSchema(schemaJson);
  const aliases = aliasTable();
  const files = markdownFiles(corpusDir);
  assert.ok(files.length > 200, `expected the ~270 alert runbooks, found ${files.length}`);

  const coreMissing = new Map<string, string[]>(); // id → files
  const ownMissing = new Map<string, string[]>();
  let coreDuplicates = 0;
  let ownDuplicates = 0;
  let ownNoTitle = 0;
  let coreNoTitle = 0;
  const fatals: string[] = [];
  const byRule = new Map<string, number>();
  const push = (map: Map<string, string[]>, id: string, file: string) => map.set(id, [...(map.get(id) ?? []), file]);

  for (const file of files) {
    const name = relative(corpusDir, file);
    const text = readFileSync(file, 'utf8');
    const result: LintResult = lintText(text, { schema, now: TODAY });
    for (const f of result.findings) {
      byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
      if (f.ruleId === 'fatal') fatals.push(`${name}:${f.range.start.line}: ${f.message}`);
      if (f.ruleId === 'required-section') push(coreMissing, String(f.data?.sectionId), name);
      if (f.ruleId === 'duplicate-section') coreDuplicates++;
      if (f.ruleId === 'schema' && /first-level heading naming the alert/.test(f.message)) coreNoTitle++;
    }
    const expected = expectedFor(text, aliases);
    for (const id of expected.missing) push(ownMissing, id, name);
    ownDuplicates += expected.duplicates;
    if (!expected.hasTitle) ownNoTitle++;
  }

  const ids = ['meaning', 'impact', 'diagnosis', 'mitigation', 'diagnosis-and-mitigation', 'notes', 'references'];
  t.diagnostic(`${files.length} alert runbooks linted with ${schemaPath}`);
  for (const id of ids) t.diagnostic(`missing ${id}: core ${coreMissing.get(id)?.length ?? 0}, independent count ${ownMissing.get(id)?.length ?? 0}`);
  t.diagnostic(`duplicate-section: core ${coreDuplicates}, independent count ${ownDuplicates}`);
  t.diagnostic(`no title: core ${coreNoTitle}, independent count ${ownNoTitle}`);
  t.diagnostic(`findings by rule: ${[...byRule].sort().map(([k, v]) => `${k}=${v}`).join(', ')}`);

  assert.deepEqual(fatals, [], 'no file may produce a fatal finding');
  for (const id of ids) {
    assert.deepEqual((coreMissing.get(id) ?? []).sort(), (ownMissing.get(id) ?? []).sort(), `files missing "${id}"`);
  }
  assert.deepEqual([...coreMissing.keys()].filter((id) => !ids.includes(id)), [], 'required-section only for schema ids');
  assert.equal(coreDuplicates, ownDuplicates, 'duplicate-section findings');
  assert.equal(coreNoTitle, ownNoTitle, 'missing titles');
  // The count must be able to fail: the corpus does have runbooks without each required section.
  for (const id of ['meaning', 'impact', 'diagnosis', 'mitigation']) assert.ok((ownMissing.get(id)?.length ?? 0) > 0, `the corpus has runbooks without ${id}`);
});

test('the independent scanner itself: fences, numbering, closing hashes, nesting', () => {
  const text = '# T\n\n## 1. Meaning ##\n\n```sh\n## Impact\n```\n\n~~~\n# x\n~~~\n\n## Diagnosis\n\n### Diagnosis\n\n## Scenario A\n\n### Mitigation\n\n## Scenario B\n\n### Mitigation\n';
  const aliases = aliasTable();
  const scanned = scanHeadings(text);
  assert.equal(scanned.title, 'T');
  assert.deepEqual(scanned.headings.map((h) => h.key), ['meaning', 'diagnosis', 'diagnosis', 'scenario a', 'mitigation', 'scenario b', 'mitigation']);
  const expected = expectedFor(text, aliases);
  assert.deepEqual(expected.missing, ['impact']);
  assert.equal(expected.duplicates, 0, 'a nested repeat and per-scenario repeats are not duplicates');
  assert.equal(expectedFor('# T\n\n## Meaning\n\n## Impact\n\n## Meaning\n', aliases).duplicates, 1);
  // And the core agrees on these hand-made cases.
  const schema = compileSchema(schemaJson);
  const core = lintText(text, { schema, now: TODAY }).findings;
  assert.deepEqual(core.filter((f) => f.ruleId === 'required-section').map((f) => f.data?.sectionId), ['impact']);
  assert.equal(core.filter((f) => f.ruleId === 'duplicate-section').length, 0);
  assert.equal(lintText('# T\n\n## Meaning\n\n## Impact\n\n## Meaning\n', { schema, now: TODAY }).findings.filter((f) => f.ruleId === 'duplicate-section').length, 1);
});
