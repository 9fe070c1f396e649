import test from 'node:test';
import assert from 'node:assert/strict';
import { buildDocument } from '../../../src/core/model.js';
import { parseMarkdown } from '../../../src/core/parse.js';
import { compileSchema, SchemaError, type JsonSchema } from '../../../src/core/schema.js';
import { recogniser, plainHeading, canonicalHeading } from '../../../src/core/sections/recognise.js';
import { headingReport } from '../../../src/core/sections/report.js';
import { builtinSchema } from '../../../src/core/builtin-schema.js';

const info = builtinSchema().info;
const match = (heading: string) => recogniser(info).matchHeading(heading);
const idOf = (heading: string) => match(heading)?.id ?? null;
const doc = (text: string, schemaInfo = info) => buildDocument(text, parseMarkdown(text), schemaInfo);

test('normalisation: numbering, appendix/section prefixes, parenthesised suffixes, phases, plural, and/&//', () => {
  const table: Array<[string, string]> = [
    ['7. Testing and Validation', 'testing validation'],
    ['Appendix B - RTOs/RPOs', 'rto rpo'],
    ['Section 6: Communication Tree', 'communication tree'],
    ['Annex 2 – Escalation paths', 'escalation path'],
    ['IV. Recovery Procedures', 'recovery procedure'],
    ['3.2 Plan Testing (CP-4)', 'plan testing'],
    ['Recovery Time Objective (RTO):', 'recovery time objective'],
    ['II - Containment (Technical)', 'containment'],
    ['13.5.3 Reconstitution Phase', 'reconstitution'],
    ['Roles & Responsibilities', 'role responsibility'],
    ['📞 Emergency Contacts', 'emergency contact'],
    ['Recover / Restore', 'recover restore'],
  ];
  for (const [heading, canonical] of table) assert.equal(canonicalHeading(heading), canonical, heading);
  assert.equal(plainHeading('Part II. Roles'), 'roles');
  assert.equal(plainHeading('Phase'), 'phase', 'a heading that is only the word keeps it');
});

test('real headings map to their sections (issue 8 examples)', () => {
  const expected: Array<[string, string]> = [
    ['Escalation paths', 'escalation-contacts'],
    ['Appendix B - RTOs/RPOs', 'recovery-objectives'],
    ['Recovery objective', 'recovery-objectives'],
    ['Section 6: Communication Tree', 'escalation-contacts'],
    ['7. Testing and Validation', 'testing-maintenance'],
    ['Recover / Restore', 'recovery-procedures'],
    ['Disaster Declaration Criteria', 'activation-criteria'],
    ['Team roles', 'roles'],
    ['13.5.1 Notification and Activation Phase', 'activation-criteria'],
    ['Vendor contacts', 'vendor-assistance'],
    ['Out-of-band communications plan', 'backup-channels'],
    ['Lessons learned', 'reconstitution'],
  ];
  for (const [heading, id] of expected) assert.equal(idOf(heading), id, heading);
});

test('patterns do not grab unrelated headings', () => {
  assert.equal(idOf('Recovery Objectives'), 'recovery-objectives', 'not recovery-procedures through "recovery"');
  assert.equal(idOf('Recovery Testing'), 'testing-maintenance');
  assert.equal(idOf('Maintenance mode'), null);
  assert.equal(idOf('Monitor Scope'), null, 'scope only at the start');
  assert.equal(idOf('About this template'), null, 'the purpose-scope alias "About" is exact only');
  assert.equal(idOf('How to use this template'), null);
  assert.equal(idOf('License'), null);
  assert.equal(idOf('Glossary'), null);
  assert.equal(idOf('About'), 'purpose-scope', 'the exact alias still counts');
});

test('each match records why; the kinds rank alias > normalised > pattern', () => {
  assert.deepEqual(match('Call Tree')!.recognition, { by: 'alias', detail: 'heading is the alias "Call Tree"', score: 100 });
  assert.equal(match('Escalation paths')!.recognition.by, 'normalised');
  assert.equal(match('Escalation paths')!.recognition.detail, 'heading reads as the alias "Escalation Path"');
  const p = match('Who to escalate to')!;
  assert.equal(p.recognition.by, 'pattern');
  assert.equal(p.recognition.detail, "heading matches '/\\bescalat/'");
  assert.ok(p.recognition.score < match('Escalation paths')!.recognition.score);
});

test('ties go to the section first in schema order, whatever the pattern order; longer matches win', () => {
  const schema = (order: string[]): JsonSchema => ({
    type: 'object',
    properties: { sections: { type: 'object', properties: Object.fromEntries(order.map((id) => [id, { type: 'object', 'x-headings': [id], 'x-heading-patterns': id === 'alpha' ? ['shared', 'alpha only'] : ['shared', 'shared words here'] }])) } },
  });
  const ab = recogniser(compileSchema(schema(['alpha', 'beta'])).info);
  const ba = recogniser(compileSchema(schema(['beta', 'alpha'])).info);
  assert.equal(ab.matchHeading('The shared heading')!.id, 'alpha');
  assert.equal(ba.matchHeading('The shared heading')!.id, 'beta');
  for (let i = 0; i < 3; i++) assert.equal(ab.matchHeading('The shared heading')!.id, 'alpha', 'deterministic');
  assert.equal(ab.matchHeading('Shared words here')!.id, 'beta', 'three words beat one');
});

test('content signatures: an escalation table or RTO/RPO rows under a heading that says little', () => {
  const d = doc('# P\n\n## Appendix C\n\n| Tier | Who | Escalate after |\n|---|---|---|\n| 1 | SRE | 0 min |\n\n## Table 4\n\n| System | RTO | RPO |\n|---|---|---|\n| Payments | 4h | 15 min |\n\n## Table 5\n\n| Tier | Who | Escalate after |\n|---|---|---|\n| 1 | SRE | 0 min |\n');
  const [c, t4, t5] = d.sections;
  assert.equal(c!.id, 'escalation-contacts');
  assert.deepEqual(c!.recognition, { by: 'content', detail: 'its table has "Tier" and "Escalate after" columns', score: 20 });
  assert.equal(t4!.id, 'recovery-objectives');
  assert.equal(t5!.known, false, 'content never makes a second copy');
  const byHeading = doc('# P\n\n## Escalation Contacts\n\nx\n\n## Appendix C\n\n| Tier | Who | Escalate after |\n|---|---|---|\n| 1 | SRE | 0 min |\n');
  assert.equal(byHeading.sections[1]!.known, false, 'an id a heading claims is not taken by content');
});

test('x-heading-patterns: a bad regex stops the schema load with the section named', () => {
  const bad: JsonSchema = { type: 'object', properties: { sections: { type: 'object', properties: { s: { type: 'object', 'x-heading-patterns': ['/([/'] } } } } };
  assert.throws(() => compileSchema(bad), (e: unknown) => e instanceof SchemaError && /section "s": "\/\(\[\/" is not a valid \/regex\//.test(e.message));
});

test('structure: Purpose + Scope are one section; subsections count for their owner; a colophon is never a section', () => {
  const text = '# Plan\n\n## Purpose\n\nWhy.\n\n## Scope\n\n- All payments systems\n\n## Roles\n\nSee below.\n\n### Team roles\n\n| Role | Name |\n|---|---|\n| IC | Dana |\n\n## About\n\n### License\n\nMIT\n';
  const d = doc(text);
  const [purpose, scope, roles, teamRoles, about] = d.sections;
  assert.equal(scope!.partOf, purpose);
  assert.deepEqual(purpose!.parts, [scope]);
  assert.equal(d.model.sections['purpose-scope']!.text, 'Why.\nAll payments systems');
  assert.deepEqual(d.model.sections['purpose-scope']!.items, ['All payments systems']);
  assert.equal(teamRoles!.known, true, '"Team roles" is recognised by pattern: one section with Roles');
  const unknownSub = doc('# Plan\n\n## Roles\n\nSee below.\n\n### Who is who\n\n| Role | Name |\n|---|---|\n| IC | Dana |\n');
  const owner = unknownSub.model.sections.roles!;
  assert.deepEqual(owner.tables, [[{ Role: 'IC', Name: 'Dana' }]], 'the subsection table counts for Roles');
  const cell = unknownSub.pointers.get('/sections/roles/tables/0/0/Name')!;
  assert.equal(unknownSub.text.slice(cell.start.offset, cell.end.offset), 'Dana', 'and points at the real cell');
  assert.equal(unknownSub.sections[1]!.owner, unknownSub.sections[0]);
  assert.equal(roles!.id, 'roles');
  assert.equal(about!.known, false, '"About" holding a License is the colophon');
  assert.ok(!d.byId.has('revision-history'));
  const report = headingReport(d);
  assert.equal(report[1]!.partOf, 3);
  assert.match(report[1]!.reason, /recognised as Purpose and Scope: heading is the alias "Scope" \(continues the section at line 3\)/);
  assert.match(report[4]!.reason, /colophon/);
});

test('real-world false recognitions stay fixed (issue 8 corpus)', () => {
  // A glossary defines RTO and RPO; it does not set them, so its field keys are no content signature.
  const glossary = doc('# P\n\n## 3. Definitions\n\n**RTO (Recovery Time Objective):** Maximum acceptable downtime.\n**RPO (Recovery Point Objective):** Maximum acceptable data loss.\n');
  assert.equal(glossary.sections[0]!.known, false, '"3. Definitions" is not Recovery Objectives');
  assert.equal(doc('# P\n\n## Appendix D\n\n**RTO:** 4h\n**RPO:** 15 min\n').sections[0]!.id, 'recovery-objectives', 'the same keys under a heading that says nothing still count');
  // NIST's notification list is the call list, not the communication plan.
  assert.equal(idOf('9.2 Notification List'), 'escalation-contacts');
  assert.equal(idOf('Notification Requirements'), 'communication-plan');
  // A customer contact list is who the messages go to, not who to escalate to.
  assert.equal(idOf('Requesting help from CE/TA team to complete impacted customer contact list'), null);
  assert.equal(idOf('Contact information'), 'escalation-contacts');
  // Informing teammates is communication, whatever else the heading names ("the triage team").
  assert.equal(idOf('Informing SE teammates and triage and solicit reviews from your buddy and leadership'), 'communication-plan');
  assert.equal(idOf('Triage'), 'activation-criteria');
  // "Incident reporting" alone is as often the intake (how staff report) as reporting to others.
  assert.equal(idOf('Incident Reporting & Documentation'), null);
  assert.equal(idOf('Incident Reporting Process'), 'communication-plan');
  assert.equal(idOf('PII Reporting Requirements'), 'communication-plan');
});
