import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { builtinRules } from '../../src/core/rules/index.js';
import { parseMarkdown } from '../../src/core/parse.js';
import { plainText } from '../../src/core/model.js';
import { defaultPlansDir, listPlans, readExpectation, headingKey, headingKeys, SECTION_IDS, type ExpectedFinding } from './score.js';

const KINDS = new Set(['incident-response', 'continuity', 'disaster-recovery', 'contingency', 'crisis-communication', 'template']);
const dir = defaultPlansDir();
const plans = listPlans(dir);

test('the real-world corpus has plans, each .md paired with one .expect.json', () => {
  assert.ok(plans.length > 0, `no plans in ${dir}`);
  const names = readdirSync(dir);
  const mds = names.filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(mds, plans.map((p) => p.slug), 'every plan needs an expectation and every expectation a plan');
  const lower = new Set<string>();
  for (const p of plans) {
    assert.match(p.slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, `slug "${p.slug}" should be lowercase words joined by hyphens`);
    assert.ok(!lower.has(p.slug), `duplicate slug ${p.slug}`);
    lower.add(p.slug);
  }
});

for (const plan of plans) {
  test(`expectation of ${plan.slug} is well-formed`, () => {
    assert.ok(existsSync(plan.planPath), `${plan.planPath} is missing`);
    const text = readFileSync(plan.planPath, 'utf8');
    const lineCount = text.split(/\r\n|\r|\n/).length;
    const e = readExpectation(plan);
    assert.ok(typeof e.title === 'string' && e.title.trim() !== '', 'title');
    assert.ok(KINDS.has(e.kind), `kind "${e.kind}" is not one of ${[...KINDS].join(', ')}`);
    assert.ok(e.source && typeof e.source.repo === 'string' && /^[^/\s]+\/[^/\s]+$/.test(e.source.repo), 'source.repo is owner/name');
    assert.ok(typeof e.source.path === 'string' && e.source.path !== '', 'source.path');
    assert.match(e.source.commit, /^[0-9a-f]{40}$/, 'source.commit is 40 hex digits');
    assert.ok(e.source.url.includes(e.source.commit), 'source.url names the commit');
    assert.ok(typeof e.licence === 'string' && e.licence.trim() !== '', 'licence');
    assert.ok(typeof e.licenceEvidence === 'string' && e.licenceEvidence.trim() !== '', 'licenceEvidence');

    assert.deepEqual(Object.keys(e.sections).sort(), [...SECTION_IDS].sort(), 'sections lists exactly the 13 section ids');
    const ruleIds = new Set(builtinRules.map((r) => r.meta.id));
    for (const id of [...Object.keys(e.findings ?? {}), ...(e.judged ?? [])]) assert.ok(ruleIds.has(id), `"${id}" is a rule id`);
    const root = parseMarkdown(text);
    const headings = new Set<string>();
    for (const n of root.children) {
      if (n.type !== 'heading') continue;
      const source = text.replace(/^\uFEFF/, '').slice(n.position?.start.offset ?? 0, n.position?.end.offset ?? 0);
      for (const key of headingKeys(plainText(n), source)) headings.add(key);
    }
    const seen = new Map<string, string>();
    for (const [id, list] of Object.entries(e.sections)) {
      assert.ok(Array.isArray(list), `sections.${id} is an array`);
      for (const h of list) {
        assert.ok(headings.has(headingKey(h)), `sections.${id}: no heading "${h}" in the plan`);
        assert.ok(!seen.has(headingKey(h)), `heading "${h}" is listed under both ${seen.get(headingKey(h))} and ${id}`);
        seen.set(headingKey(h), id);
      }
    }

    assert.ok(e.findings && typeof e.findings === 'object', 'findings is an object');
    assert.ok(!('required-section' in e.findings), 'required-section findings are derived from sections, not listed');
    for (const [rule, entries] of Object.entries(e.findings)) {
      assert.ok(Array.isArray(entries) && entries.length > 0, `findings.${rule} is a non-empty array`);
      for (const entry of entries as ExpectedFinding[]) {
        assert.ok(typeof entry.why === 'string' && entry.why.trim() !== '', `findings.${rule}: every entry says why`);
        const [from, to] = entry.lines ?? [entry.line, entry.line];
        assert.ok(Number.isInteger(from) && Number.isInteger(to), `findings.${rule}: line or lines`);
        assert.ok(from! >= 1 && from! <= to! && to! <= lineCount, `findings.${rule}: line(s) ${from}-${to} outside 1-${lineCount}`);
      }
    }
  });
}
