/**
 * The content rules backup-channels, escalation-path, contact-details, vendor-assistance and
 * recovery-objectives: the examples are clean (each rule page's own examples are checked in
 * test/docs/rule-pages.test.ts), the rules stay silent without their section, options validate, and edges the fixtures do not show.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSchema, type JsonSchema } from '../../src/core/schema.js';
import { findRule } from '../../src/core/rules/index.js';
import { lintWithDefaults, repoRoot } from '../helpers/lint.js';

const RULES = ['backup-channels', 'escalation-path', 'contact-details', 'vendor-assistance', 'recovery-objectives'] as const;

function findings(text: string, rule: string, setting?: unknown) {
  const result = lintWithDefaults(text, setting ? { [rule]: setting as never } : {});
  assert.equal(result.findings.filter((f) => f.ruleId === 'fatal').length, 0, 'no fatal');
  return result.findings.filter((f) => f.ruleId === rule);
}

test('examples/*.md give no findings from the content rules (but the July 2024 gaps example)', () => {
  const dir = join(repoRoot, 'examples');
  // endpoint-agent-outage.md has its gaps on purpose: test/cli/examples.test.ts asserts exactly those.
  const files = readdirSync(dir).filter((n) => n.endsWith('.md') && n !== 'endpoint-agent-outage.md');
  assert.ok(files.length > 0);
  for (const name of files) {
    const text = readFileSync(join(dir, name), 'utf8');
    const result = lintWithDefaults(text);
    const ours = result.findings.filter((f) => (RULES as readonly string[]).includes(f.ruleId));
    assert.deepEqual(ours.map((f) => `${name}:${f.range.start.line} ${f.ruleId} ${f.message}`), []);
  }
});

test('each rule is silent on ordinary Markdown without its section', () => {
  const text = '# Team notes\n\n## Overview\n\nWe use Teams and Outlook. Call +1 555 if needed; RTO is ASAP.\n\n| Name | Phone |\n| --- | --- |\n| Sam | +44 20 7946 0958 |\n';
  for (const rule of RULES) assert.deepEqual(findings(text, rule).map((f) => f.message), [], rule);
});

test('meta: option schemas that compile and accept the defaults', () => {
  for (const id of RULES) {
    const rule = findRule(id)!;
    assert.equal(rule.meta.fixable, false);
    assert.ok(rule.meta.description.length > 20 && !/pending/.test(rule.meta.description));
    const { validate } = compileSchema(rule.meta.optionsSchema as JsonSchema);
    assert.ok(validate(rule.meta.defaultOptions), `${id}: defaults valid`);
    assert.ok(!validate({ noSuchOption: 1 }), `${id}: unknown options rejected`);
  }
  const check = (id: string, options: unknown) => compileSchema(findRule(id)!.meta.optionsSchema as JsonSchema).validate(options);
  assert.ok(!check('backup-channels', { minChannels: 0 }));
  assert.ok(!check('backup-channels', { providers: { Acme: 'AcmeChat' } }));
  assert.ok(!check('escalation-path', { minTiers: 'two' }));
  assert.ok(!check('contact-details', { minPhoneDigits: 2 }));
  assert.ok(!check('vendor-assistance', { requireIdentityCheck: 'yes' }));
  assert.ok(!check('recovery-objectives', { required: ['mtd'] }));
});

test('backup-channels: findings carry data, and the severity can be lowered by config', () => {
  const text = '---\nprimary_providers: [Microsoft 365]\n---\n\n# R\n\n## Backup Channels\n\n- Teams\n- Outlook\n';
  const [f] = findings(text, 'backup-channels', 'warn');
  assert.equal(f!.severity, 'warning');
  assert.equal(f!.messageId, 'dependsOnPrimary');
  assert.deepEqual([f!.data!.primaryProviders, f!.data!.channels], [['Microsoft 365'], ['Teams', 'Outlook']]);
  // critical_providers (the domain notes' name) is read when primary_providers is absent.
  const alt = '---\ncritical_providers: Google Workspace\n---\n\n# R\n\n## Backup Channels\n\n- Gmail\n- Google Chat space\n';
  assert.match(findings(alt, 'backup-channels')[0]!.message, /"Gmail" and "Google Chat" both depend on Google Workspace/);
});

test('backup-channels: a channel is independent unless it needs a primary provider', () => {
  const doc = (providers: string, items: string[]) => `---\nprimary_providers: ${providers}\n---\n\n# R\n\n## Backup Channels\n\n${items.map((i) => `- ${i}`).join('\n')}\n`;
  // Zoom is independent of Microsoft 365…
  assert.deepEqual(findings(doc('[Microsoft 365]', ['Teams', 'Zoom meeting']), 'backup-channels'), []);
  // …but not when it signs in through Entra ID single sign-on.
  assert.equal(findings(doc('[Microsoft 365]', ['Teams', 'Zoom, sign in with SSO']), 'backup-channels').length, 1);
  // Personal email is not corporate email; plain "email" under Google Workspace is.
  assert.deepEqual(findings(doc('[Google Workspace]', ['Google Chat', 'Personal email addresses']), 'backup-channels'), []);
  assert.equal(findings(doc('[Google Workspace]', ['Google Chat', 'Email to the incident list']), 'backup-channels').length, 1);
  // A provider named by the provider itself ("hosted by Microsoft").
  assert.equal(findings(doc('[Microsoft 365]', ['Teams', 'Intranet news page hosted by Microsoft, with a chat']), 'backup-channels').length, 1);
});

test('escalation-path: "Tier N:" lines in a paragraph are tiers', () => {
  const text = '# R\n\n## Escalation Path\n\nTier 1: on-call SRE via PagerDuty, immediately\n\nTier 2: SRE manager, phone +1-555-0102\n';
  const out = findings(text, 'escalation-path');
  assert.deepEqual(out.map((f) => [f.range.start.line, f.message]), [[7, 'Escalation tier 2 ("SRE manager") has no time threshold; expected e.g. "after 15 min".']]);
  assert.equal(out[0]!.messageId, 'noThreshold');
  assert.deepEqual([out[0]!.data!.tier, out[0]!.data!.missing, out[0]!.data!.label], ['2', 'threshold', 'SRE manager']);
});

test('escalation-path: a contact table without tiers or thresholds is not an escalation path', () => {
  const text = '# R\n\n## Key Contacts\n\n| Name | Role | Phone |\n| --- | --- | --- |\n| Sam | SRE | +1-555-0101 |\n| Kim | EM | +1-555-0102 |\n';
  assert.match(findings(text, 'escalation-path')[0]!.message, /^Found no escalation tiers/);
});

test('contact-details: a support portal reaches a vendor; a chat link does not', () => {
  const text = '# R\n\n## Vendor Assistance Policy\n\n| Vendor | Contact |\n| --- | --- |\n| Acme | https://support.acme.example/case |\n| Beta | https://beta.slack.com/archives/C123 |\n';
  const out = findings(text, 'contact-details');
  assert.deepEqual(out.map((f) => f.range.start.line), [8]);
  assert.match(out[0]!.message, /Contact "Beta" has only a chat handle/);
});

test('vendor-assistance: criteria phrased as a threshold, and a "When to accept" subsection', () => {
  const base = '# R\n\n## Vendor Assistance Policy\n\nThe CIO may approve vendor help. Verify callers by calling back +1-555-0199.\n\n';
  const missing = (t: string) => findings(t, 'vendor-assistance').map((f) => f.data?.missing);
  assert.deepEqual(missing(base), ['criteria']);
  assert.deepEqual(missing(base + 'Accept vendor help if recovery exceeds 4 hours.\n'), []);
  assert.deepEqual(missing(base + '### When to accept\n\n- Sign-in still down after the RTO.\n'), []);
  assert.deepEqual(missing(base + 'If a vendor offers help, tell the CIO.\n'), ['criteria']);
});

test('recovery-objectives: per-system subsections, key/value tables and header units', () => {
  const text = [
    '# R', '', '## Recovery Objectives', '',
    '| Objective | Target |', '| --- | --- |', '| RTO | 4h |', '| RPO | 15 min |', '',
    '| Service | RTO (hours) | RPO (min) |', '| --- | --- | --- |', '| API | 2 | 5 |', '',
    '### Batch', '', 'RTO: whenever', 'RPO: 1 day', '',
  ].join('\n');
  const out = findings(text, 'recovery-objectives');
  assert.deepEqual(out.map((f) => [f.range.start.line, f.message]), [[16, 'RTO for "Batch" is "whenever", not a duration; expected e.g. "4h", "30 min" or "PT4H".']]);
});

test('recovery-objectives: the front matter alone is checked, a bare 0 is fine', () => {
  const fm = (body: string) => `---\n${body}\n---\n\n# R\n`;
  assert.deepEqual(findings(fm('rto: 4h\nrpo: 0'), 'recovery-objectives'), []);
  assert.match(findings(fm('rto: 2.5\nrpo: 15 min'), 'recovery-objectives')[0]!.message, /"2.5" without a unit/);
  // Only one of them in the front matter and no section: required-section/schema report the other.
  assert.deepEqual(findings(fm('rto: 4h'), 'recovery-objectives'), []);
});

test('recovery-objectives: "RPO – 15 minutes" and "Target RTO:" read as objectives', () => {
  const doc = (body: string) => `# R\n\n## Recovery Objectives\n\n${body}\n`;
  assert.deepEqual(findings(doc('Target RTO: 4h\n\nRPO – 15 minutes'), 'recovery-objectives'), []);
  // In position order: the missing RPO on the heading, then the RTO value.
  assert.deepEqual(findings(doc('Target RTO: 4h\n\nMTD: 2h'), 'recovery-objectives').map((f) => f.message), [
    'Section "Recovery Objectives" gives no RPO (Recovery Point Objective); expected a line such as "RPO: 15 min", a table with an RPO column per system, or `rpo` in the front matter.',
    'RTO "4h" is longer than the MTD "2h"; the RTO must not exceed the maximum tolerable downtime.',
  ]);
});
