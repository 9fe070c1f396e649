import test from 'node:test';
import assert from 'node:assert/strict';
import { applyFixes, applyEdits } from '../../src/core/fix.js';
import { snippetToText } from '../../src/core/snippet.js';
import { compileSchema } from '../../src/core/schema.js';
import { lintText } from '../../src/core/lint.js';
import { lintWithDefaults, TODAY } from '../helpers/lint.js';

test('snippet tab stops become visible [insert …] placeholders; choices take the first; variables resolve', () => {
  assert.equal(snippetToText(['Owner: ${1:Incident Commander name}', 'Type: ${2|tabletop,functional|}', 'Date: ${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}$0'], TODAY),
    'Owner: [insert Incident Commander name]\nType: tabletop\nDate: 2026-11-23');
  assert.equal(snippetToText('${1:outer ${2:inner}} \\$5', TODAY), '[insert outer [insert inner]] $5');
});

test('applyEdits keeps insertion order at equal offsets', () => {
  assert.equal(applyEdits('ac', [{ start: 1, end: 1, newText: 'b' }, { start: 1, end: 1, newText: 'B' }]), 'abBc');
});

test('--fix inserts every missing section at its schema position, and the placeholders stay reported', () => {
  const text = '---\nowner: Ops\nlast_reviewed: 2026-10-01\n---\n# Plan\n\n## Escalation Contacts\n\nx\n\n## Revision History\n\ny\n';
  const first = lintWithDefaults(text);
  const missing = first.findings.filter((f) => f.ruleId === 'required-section');
  assert.ok(missing.length >= 10, 'all missing sections are reported at once');
  const fixed = applyFixes(text, first.findings).text;
  const again = lintWithDefaults(fixed);
  assert.equal(again.findings.filter((f) => f.ruleId === 'required-section').length, 0, 'no section missing after the fix');
  const order = again.doc!.sections.filter((s) => s.known).map((s) => s.id);
  const schemaOrder = again.doc!.sections.filter((s) => s.known).map((s) => s.id).sort(
    (a, b) => again.doc!.byId.get(a)!.headingRange.start.offset - again.doc!.byId.get(b)!.headingRange.start.offset,
  );
  assert.deepEqual(order, schemaOrder);
  assert.equal(again.findings.filter((f) => f.ruleId === 'section-order').length, 0, 'inserted sections are in schema order');
  assert.ok(fixed.startsWith('---\nowner: Ops'), 'front matter untouched');
  assert.ok(fixed.indexOf('## Purpose and Scope') < fixed.indexOf('## Escalation Contacts'));
  assert.ok(fixed.indexOf('## Vendor Assistance Policy') > fixed.indexOf('## Escalation Contacts'));
  assert.ok(fixed.indexOf('## Vendor Assistance Policy') < fixed.indexOf('## Revision History'));
});

test('fixes keep CRLF line endings', () => {
  const text = '---\r\nowner: Ops\r\nlast_reviewed: 2026-10-01\r\n---\r\n# Plan\r\n\r\n## Escalation Contacts\r\n\r\nx\r\n';
  const fixed = applyFixes(text, lintWithDefaults(text).findings).text;
  assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF introduced');
});

test('a BOM is stripped before parsing and reported, so offsets match the editor text', () => {
  const r = lintWithDefaults('\uFEFF# Plan\n');
  assert.equal(r.bom, true);
  assert.equal(r.doc!.title!.range.start.offset, 0);
});

test('front-matter fixes add one block (or lines before the closing fence) that parse, and keep the placeholders reported', () => {
  for (const text of ['# Plan\n\n## Overview\n\nx\n', '---\nowner: Ops\n---\n# Plan\n']) {
    const fixed = applyFixes(text, lintWithDefaults(text).findings.filter((f) => f.ruleId === 'frontmatter')).text;
    assert.equal((fixed.match(/^---$/gm) ?? []).length, 2, `exactly one front-matter block:\n${fixed}`);
    const again = lintWithDefaults(fixed);
    assert.equal(again.findings.filter((f) => f.ruleId === 'frontmatter' && f.severity === 'error' && /no "|no front matter/.test(f.message)).length, 0, fixed);
    assert.ok(again.findings.some((f) => f.ruleId === 'placeholder-text' && f.range.start.line <= 4), 'the inserted values are still reported as placeholders');
  }
});

test('sections inserted at one place follow the schema property order, even when its required list is in another order', async () => {
  const section = (title: string) => ({ type: 'object', 'x-headings': [title], 'x-snippet': [`${title} body`] });
  const schema = compileSchema({
    $id: 'test:order',
    type: 'object',
    properties: { sections: { type: 'object', properties: { alpha: section('Alpha'), beta: section('Beta'), gamma: section('Gamma') }, required: ['gamma', 'alpha', 'beta'] } },
  });
  const text = '# Plan\n';
  const fixed = applyFixes(text, lintText(text, { schema, now: TODAY }).findings).text;
  assert.ok(fixed.indexOf('## Alpha') < fixed.indexOf('## Beta') && fixed.indexOf('## Beta') < fixed.indexOf('## Gamma'), fixed);
});
