import test from 'node:test';
import assert from 'node:assert/strict';
import { buildDocument, rangeForPointer } from '../../src/core/model.js';
import { parseMarkdown } from '../../src/core/parse.js';
import { normalizeHeading } from '../../src/core/text.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';

function doc(text: string) {
  return buildDocument(text, parseMarkdown(text), builtinSchema().info);
}

test('headings map to schema ids through x-headings aliases, ignoring numbering, case, emoji and punctuation', () => {
  assert.equal(normalizeHeading('3. Escalation Path:'), 'escalation path');
  assert.equal(normalizeHeading('Section 4: Roles & Responsibilities'), 'roles and responsibilities');
  assert.equal(normalizeHeading('📞 Call Tree'), 'call tree');
  assert.equal(normalizeHeading('4.2 RTO and RPO'), 'rto and rpo');
  const d = doc('# Plan\n\n## 1. Call Tree\n\ntext\n\n## 📞 Out-of-Band Communication\n\n- Phone bridge\n');
  assert.deepEqual([...d.byId.keys()], ['escalation-contacts', 'backup-channels']);
  assert.equal(d.model.title, 'Plan');
  assert.equal(d.model.sections['escalation-contacts']!.heading, '1. Call Tree');
});

test('known sections are hoisted to the top of the model wherever they sit; unknown ones nest', () => {
  const d = doc('# P\n\n## Recovery\n\n### Recovery Objectives\n\nRTO: 4h\n\n### Notes\n\nn\n');
  assert.ok(d.model.sections['recovery-procedures']);
  assert.ok(d.model.sections['recovery-objectives'], 'nested known section is at the top');
  assert.equal(d.model.sections['recovery-objectives']!.fields.rto, '4h');
  assert.ok(d.model.sections['recovery-procedures']!.sections.notes, 'unknown child stays nested');
  assert.equal(d.byId.get('recovery-objectives')!.parent, d.byId.get('recovery-procedures'));
});

test('tables become rows keyed by header, with a pointer to every cell', () => {
  const text = '# P\n\n## Escalation Contacts\n\n| Tier | Contact | Escalate after |\n|---|---|---|\n| 1 | On-call SRE | 0 min |\n| 2 | EM |\n';
  const d = doc(text);
  const s = d.model.sections['escalation-contacts']!;
  assert.deepEqual(s.tables[0], [
    { Tier: '1', Contact: 'On-call SRE', 'Escalate after': '0 min' },
    { Tier: '2', Contact: 'EM', 'Escalate after': '' },
  ]);
  const cell = rangeForPointer(d, '/sections/escalation-contacts/tables/0/0/Contact');
  assert.match(text.slice(cell.start.offset, cell.end.offset), /On-call SRE/);
  assert.equal(cell.start.line, 7);
  const missing = rangeForPointer(d, '/sections/escalation-contacts/tables/0/1/Escalate after');
  assert.equal(missing.start.line, 8, 'a missing trailing cell points at its row');
});

test('lists split into items, ordered steps and checklist entries with the box offset', () => {
  const text = '# P\n\n## Recovery Procedures\n\n1. Fail over\n2. Verify\n\n- note\n- [ ] Page the IC\n- [x] Open bridge\n  - [ ] nested task\n';
  const d = doc(text);
  const s = d.byId.get('recovery-procedures')!;
  assert.deepEqual(s.model.steps, ['Fail over', 'Verify']);
  assert.deepEqual(s.model.items, ['note']);
  assert.deepEqual(s.model.checklist, [
    { text: 'Page the IC', checked: false },
    { text: 'Open bridge', checked: true },
    { text: 'nested task', checked: false },
  ]);
  for (const entry of s.checklist) assert.match(text.slice(entry.boxOffset, entry.boxOffset + 3), /^\[[ x]\]$/);
  assert.equal(s.checklist[2]!.range.start.line, 11);
});

test('fields: Key: value and **Key:** value lines, kebab-cased keys, URLs are not fields', () => {
  const d = doc('# P\n\n## Recovery Objectives\n\nRTO: 4h\n**RPO:** 15 min\n- **Escalate after**: 10 min\nSee https://example.com/x for more\n');
  assert.deepEqual(d.model.sections['recovery-objectives']!.fields, { rto: '4h', rpo: '15 min', 'escalate-after': '10 min' });
  const r = rangeForPointer(d, '/sections/recovery-objectives/fields/rpo');
  assert.equal(r.start.line, 6);
  assert.equal(d.text.slice(r.start.offset, r.end.offset), '15 min');
});

test('front matter values map to their YAML ranges; title falls back to front matter', () => {
  const text = '---\nowner: SRE lead\nlast_reviewed: 2026-01-02\ntitle: FM title\n---\n\n## Purpose\n\nx\n';
  const d = doc(text);
  assert.equal(d.model.title, 'FM title');
  const r = rangeForPointer(d, '/frontmatter/last_reviewed');
  assert.equal(r.start.line, 3);
  assert.equal(text.slice(r.start.offset, r.end.offset), '2026-01-02');
  assert.deepEqual(d.model.frontmatter, { owner: 'SRE lead', last_reviewed: '2026-01-02', title: 'FM title' });
});

test('a missing property lands on its parent (section heading, or line 1 for the document)', () => {
  const d = doc('# P\n\n## Call Tree\n\nx\n');
  assert.equal(rangeForPointer(d, '/sections/escalation-contacts/tables/0').start.line, 3);
  assert.equal(rangeForPointer(d, '/sections').start.line, 1);
});

test('CRLF documents keep correct lines and columns', () => {
  const d = doc('# P\r\n\r\n## Call Tree\r\n\r\nRTO: 4h\r\n');
  const s = d.byId.get('escalation-contacts')!;
  assert.equal(s.headingRange.start.line, 3);
  assert.equal(s.fields[0]!.valueRange.start.line, 5);
  assert.equal(d.text.slice(s.fields[0]!.valueRange.start.offset, s.fields[0]!.valueRange.end.offset), '4h');
});

test('duplicate known sections keep the first in the model and link the second', () => {
  // Not adjacent: adjacent siblings with one id are two halves of one section (see sections/structure tests).
  const d = doc('# P\n\n## Escalation Contacts\n\na\n\n## Roles\n\nr\n\n## Call Tree\n\nb\n');
  const second = d.sections[2]!;
  assert.equal(second.duplicateOf, d.byId.get('escalation-contacts'));
  assert.equal(d.model.sections['escalation-contacts']!.text, 'a');
});

test('every Key: value line reaches the rules; the model keeps the first of a repeated key', () => {
  const d = doc('# P\n\n## Recovery Objectives\n\nRTO: 4h\nRTO: ASAP\n');
  const s = d.byId.get('recovery-objectives')!;
  assert.equal(s.model.fields.rto, '4h');
  assert.deepEqual(s.fields.map((f) => f.value), ['4h', 'ASAP']);
});

test('a step table ("| Step | Who | What |" numbered 1, 2, 3…) gives the section its steps, with a pointer to each row', () => {
  const text = '# P\n\n## Recovery Procedures\n\n| **Step** | **Who** | **What** |\n| --- | --- | --- |\n| **1** | Operations Lead | Fail over the database. |\n| **2** | Incident Commander | Confirm recovery. |\n';
  const d = doc(text);
  const s = d.model.sections['recovery-procedures']!;
  assert.deepEqual(s.steps, ['Operations Lead – Fail over the database.', 'Incident Commander – Confirm recovery.']);
  assert.equal(s.tables.length, 1, 'the table stays a table');
  assert.equal(rangeForPointer(d, '/sections/recovery-procedures/steps/1').start.line, 8);
  assert.deepEqual(d.byId.get('recovery-procedures')!.steps, [], "the section's list entries are still its ordered list items only");
  // A subsection's step table counts for the section that owns it.
  const owned = doc('# P\n\n## Recovery Procedures\n\n### Database\n\n| # | Action |\n|---|---|\n| 1. | Restore |\n| 2. | Verify |\n');
  assert.deepEqual(owned.model.sections['recovery-procedures']!.steps, ['Restore', 'Verify']);
});

test('a table is a step table only when its Step/# column counts up', () => {
  const steps = (table: string) => doc(`# P\n\n## Recovery Procedures\n\n${table}`).model.sections['recovery-procedures']!.steps;
  assert.deepEqual(steps('| Step | Action |\n|---|---|\n| Isolate | Cut the network |\n| Restore | From backup |\n'), [], 'named steps are not numbered');
  assert.deepEqual(steps('| # | Action |\n|---|---|\n| 2 | Restore |\n| 1 | Isolate |\n'), [], 'numbers out of order');
  assert.deepEqual(steps('| Task | Owner |\n|---|---|\n| 1 | Ops |\n| 2 | IC |\n'), [], 'no step column');
  assert.deepEqual(steps('| Step # | Action |\n|---|---|\n| Step 1 | Isolate |\n| Step 3 | Restore |\n'), ['Isolate', 'Restore']);
});

test('front matter with a repeated key is reported, but its other values (the title) are still read', () => {
  const d = doc('---\nlayout: ops\nlayout: docs\ntitle: Contingency plan\n---\n\n## Purpose\n\nText.\n');
  assert.match(d.frontmatter!.error!.message, /unique/);
  assert.equal(d.model.frontmatter.layout, 'docs', 'the last value wins, as site generators read it');
  assert.equal(d.model.title, 'Contingency plan');
  const broken = doc('---\ntitle: [unclosed\n---\n\n## Purpose\n');
  assert.ok(broken.frontmatter!.error);
  assert.deepEqual(broken.model.frontmatter, {}, 'other YAML errors still leave nothing to read');
});

test('a subsection recognised as its own section again stays a nested heading, and its content counts for the section', () => {
  const text = '# P\n\n## Roles\n\nOne subsection per role.\n\n### Incident Commander\n\n- Primary: Dana\n\n### Scribe\n\n| Primary | Alternate |\n|---|---|\n| Ravi | Hannah |\n';
  const d = doc(text);
  const roles = d.model.sections.roles!;
  assert.deepEqual(Object.keys(roles.sections), ['incident-commander', 'scribe']);
  assert.deepEqual(roles.items, ['Primary: Dana'], "the subsection's list counts for Roles");
  assert.equal(roles.tables.length, 1, "the subsection's table counts for Roles");
  assert.deepEqual(roles.sections.scribe!.tables[0], [{ Primary: 'Ravi', Alternate: 'Hannah' }]);
  const scribe = d.sections.find((s) => s.heading === 'Scribe')!;
  assert.equal(scribe.partOf, d.byId.get('roles'), 'still part of Roles, not a duplicate');
  assert.equal(rangeForPointer(d, '/sections/roles/sections/scribe').start.line, 11);
  assert.equal(rangeForPointer(d, '/sections/roles/tables/0').start.line, 13, "the section's copy points at the subsection's table");
});

test('source map: table rows and cells are answered from the table (headers with / and ~ escaped) and iterate like entries', () => {
  const text = '# P\n\n## Escalation Contacts\n\n| Name | a/b~c |\n|---|---|\n| Ann | +1 555 0100 |\n| Bo |\n';
  const d = doc(text);
  const table = d.sections.find((s) => s.tables.length > 0)!.tables[0]!;
  const slice = (pointer: string) => {
    const r = d.pointers.get(pointer);
    return r && text.slice(r.start.offset, r.end.offset);
  };
  const t = table.pointer;
  assert.equal(slice(`${t}/0`), '| Ann | +1 555 0100 |');
  assert.equal(slice(`${t}/0/Name`), 'Ann');
  assert.equal(slice(`${t}/0/a~1b~0c`), '+1 555 0100');
  assert.equal(slice(`${t}/1/Name`), 'Bo');
  assert.ok(d.pointers.has(`${t}/1/a~1b~0c`), 'a missing trailing cell still has a place');
  for (const missing of [`${t}/2`, `${t}/01`, `${t}/0/Nope`, `${t}/0/a/b~c`, `${t}/x/Name`]) {
    assert.equal(d.pointers.get(missing), undefined, missing);
    assert.equal(d.pointers.has(missing), false, missing);
  }
  assert.equal(text.slice(rangeForPointer(d, `${t}/0/Nope`).start.offset, rangeForPointer(d, `${t}/0/Nope`).end.offset), '| Ann | +1 555 0100 |', 'a missing property lands on its row');
  const entries = [...d.pointers];
  assert.equal(entries.length, d.pointers.size);
  assert.equal(new Set(entries.map(([p]) => p)).size, entries.length, 'no pointer twice');
  for (const p of [`${t}/0`, `${t}/0/Name`, `${t}/0/a~1b~0c`, `${t}/1`, `${t}/1/Name`]) assert.ok(entries.some(([k, r]) => k === p && r === d.pointers.get(p)), p);
  assert.deepEqual([...d.pointers.keys()], entries.map(([p]) => p));
});
