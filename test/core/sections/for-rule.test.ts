import test from 'node:test';
import assert from 'node:assert/strict';
import { buildDocument } from '../../../src/core/model.js';
import { parseMarkdown } from '../../../src/core/parse.js';
import { compileSchema, type JsonSchema } from '../../../src/core/schema.js';
import { lintText } from '../../../src/core/lint.js';
import { resolveRuleConfigs } from '../../../src/core/config.js';
import { builtinRules } from '../../../src/core/rules/index.js';
import { ruleContent, sectionsForRule } from '../../../src/core/sections/for-rule.js';
import { builtinSchema } from '../../../src/core/builtin-schema.js';

const TODAY = new Date('2026-11-23T12:00:00Z');

/** A team schema with its own ids: the content rules follow `x-rules`, not the default ids. */
const custom: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    sections: {
      type: 'object',
      properties: {
        'who-to-call': { type: 'object', 'x-headings': ['Who to Call'], 'x-rules': ['escalation-path', 'contact-details'] },
        'pagers': { type: 'object', 'x-headings': ['Pagers'], 'x-rules': ['escalation-path'] },
        'escalation-contacts': { type: 'object', 'x-headings': ['Escalation Contacts'] },
      },
    },
  },
};

const plan = '# P\n\n## Escalation Contacts\n\n- Tier 1: SRE\n\n## Pagers\n\n- pager\n\n## Who to Call\n\n- Tier 1: SRE on call\n- Tier 2: EM\n';

test('sectionsForRule returns the sections whose schema node lists the rule in x-rules, in document order', () => {
  const info = compileSchema(custom).info;
  const doc = buildDocument(plan, parseMarkdown(plan), info);
  assert.deepEqual(sectionsForRule(doc, 'escalation-path').map((s) => s.id), ['pagers', 'who-to-call']);
  assert.deepEqual(sectionsForRule(doc, 'contact-details').map((s) => s.id), ['who-to-call']);
  assert.deepEqual(sectionsForRule(doc, 'backup-channels'), [], 'no section declares it');
});

test('a schema without any x-rules keeps the default binding by section id', () => {
  const legacy = structuredClone(custom);
  const props = ((legacy.properties as JsonSchema).sections as JsonSchema).properties as Record<string, JsonSchema>;
  for (const node of Object.values(props)) delete node['x-rules'];
  const doc = buildDocument(plan, parseMarkdown(plan), compileSchema(legacy).info);
  assert.deepEqual(sectionsForRule(doc, 'escalation-path').map((s) => s.id), ['escalation-contacts']);
});

test('the default schema binds each content rule to its section', () => {
  const text = '# P\n\n## Roles\n\nr\n\n## Escalation Contacts\n\ne\n\n## Backup Channels\n\nb\n\n## Vendor Assistance\n\nv\n\n## Recovery Objectives\n\nRTO: 4h\n';
  const doc = buildDocument(text, parseMarkdown(text), builtinSchema().info);
  assert.deepEqual(sectionsForRule(doc, 'escalation-path').map((s) => s.id), ['escalation-contacts']);
  assert.deepEqual(sectionsForRule(doc, 'backup-channels').map((s) => s.id), ['backup-channels']);
  assert.deepEqual(sectionsForRule(doc, 'vendor-assistance').map((s) => s.id), ['vendor-assistance']);
  assert.deepEqual(sectionsForRule(doc, 'recovery-objectives').map((s) => s.id), ['recovery-objectives']);
  assert.deepEqual(sectionsForRule(doc, 'contact-details').map((s) => s.id), ['roles', 'escalation-contacts', 'vendor-assistance']);
});

test('escalation-path runs on a custom section id bound by x-rules', () => {
  const text = '# P\n\n## Who to Call\n\n- Tier 1: SRE on call\n';
  const result = lintText(text, { schema: compileSchema(custom), ruleConfigs: resolveRuleConfigs(builtinRules, {}), now: TODAY });
  const esc = result.findings.filter((f) => f.ruleId === 'escalation-path');
  assert.ok(esc.length > 0, 'one tier is too few: the rule ran on "Who to Call"');
  assert.equal(esc[0]!.range.start.line, 3);
});

test('the meta-schema and ajv accept x-rules and x-heading-patterns as annotations', () => {
  const schema = structuredClone(custom);
  const props = ((schema.properties as JsonSchema).sections as JsonSchema).properties as Record<string, JsonSchema>;
  props['pagers']!['x-heading-patterns'] = ['pager', '/^on.?call\\b/'];
  assert.doesNotThrow(() => compileSchema(schema));
});

test('ruleContent reads every heading of a bound section and lands a finding where the evidence is', () => {
  // "Notify Vendors" (first) and "Contact External Response Support" (continues it), then an appendix copy.
  const text = [
    '# P', '', '## Communicate Externally', '', '### Notify Vendors and Partners', '', '- tell partners', '',
    '### Contact External Response Support', '', '- ask the retainer for help', '', '## Recovery Procedures', '', '1. restore', '',
    '## Appendix C: Vendor Assistance Policy', '', '- more', '',
  ].join('\n');
  const doc = buildDocument(text, parseMarkdown(text), builtinSchema().info);
  const content = ruleContent(doc, 'vendor-assistance')!;
  // Weakly recognised ("vendor"), so the appendix continues it rather than copying it.
  assert.deepEqual(content.roots.map((s) => s.heading), ['Notify Vendors and Partners']);
  assert.deepEqual(content.sections.map((s) => s.heading), ['Notify Vendors and Partners', 'Contact External Response Support', 'Appendix C: Vendor Assistance Policy']);
  const offsetOf = (needle: string) => text.indexOf(needle);
  assert.equal(content.landing([offsetOf('ask the retainer')]).heading, 'Contact External Response Support');
  assert.equal(content.landing([offsetOf('more')]).heading, 'Appendix C: Vendor Assistance Policy');
  // No evidence: "Notify Vendors" sits inside Communicate Externally; the appendix is not nested in another section.
  assert.equal(content.landing([]).heading, 'Appendix C: Vendor Assistance Policy');
  assert.equal(ruleContent(doc, 'backup-channels'), undefined);

  // A second copy of a section recognised by its alias is read too.
  const copy = '# P\n\n## Vendor Assistance Policy\n\nSee Appendix C.\n\n## Recovery Procedures\n\n1. restore\n\n## Appendix C: Vendor Assistance Policy\n\n- policy\n';
  const copyDoc = buildDocument(copy, parseMarkdown(copy), builtinSchema().info);
  assert.deepEqual(ruleContent(copyDoc, 'vendor-assistance')!.roots.map((s) => s.heading), ['Vendor Assistance Policy', 'Appendix C: Vendor Assistance Policy']);

  // A recognised subsection's evidence counts for the section it sits in.
  const nested = '# P\n\n## Vendor Assistance Policy\n\nOnly the IC decides.\n\n### Vendor Escalation\n\n- Adyen +1-555-0161\n\n## Appendix C: Third-Party Assistance\n\n- more\n';
  const nestedDoc = buildDocument(nested, parseMarkdown(nested), builtinSchema().info);
  const nestedContent = ruleContent(nestedDoc, 'vendor-assistance')!;
  assert.ok(nestedContent.sections.some((s) => s.heading === 'Vendor Escalation' && s.known), 'the subsection is recognised as the section too');
  assert.equal(nestedContent.landing([nested.indexOf('Adyen'), nested.indexOf('more')]).heading, 'Vendor Assistance Policy');
});
