/** Unit tests of the rule helpers in src/core/rules/util: durations, contacts, tables, providers. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { findDurations, formatMinutes, isBareNumber, parseDuration, VAGUE_DURATION } from '../../src/core/rules/util/durations.js';
import { emailProblem, isReachable, mailtoProblem, scanContacts } from '../../src/core/rules/util/contacts.js';
import { findColumn, findColumns, normalizeHeader } from '../../src/core/rules/util/tables.js';
import { buildKnowledgeBase, findMentions, resolvePrimaryProviders, resolveProvider, withoutNonDependencies } from '../../src/core/rules/util/providers.js';
import { sentences } from '../../src/core/rules/util/entries.js';

const minutes = (s: string) => parseDuration(s)?.minutes;

test('durations: human forms parse to minutes', () => {
  assert.equal(minutes('4h'), 240);
  assert.equal(minutes('4 hours'), 240);
  assert.equal(minutes('4 hrs'), 240);
  assert.equal(minutes('30 min'), 30);
  assert.equal(minutes('30m'), 30);
  assert.equal(minutes('15 minutes'), 15);
  assert.equal(minutes('1 day'), 1440);
  assert.equal(minutes('1 business day'), 1440);
  assert.equal(minutes('2 weeks'), 20160);
  assert.equal(minutes('1.5 hours'), 90);
  assert.equal(minutes('1,5 h'), 90);
  assert.equal(minutes('1h 30m'), 90);
  assert.equal(minutes('1h30m'), 90);
  assert.equal(minutes('1 hour and 30 minutes'), 90);
  assert.equal(minutes('the 4-hour RTO'), 240);
  assert.equal(minutes('2-4 hours'), 240, 'a range counts with its upper bound');
  assert.equal(minutes('one hour'), 60);
  assert.equal(minutes('half an hour'), 30);
  assert.equal(minutes('within a day'), 1440);
  assert.equal(minutes('< 4h'), 240);
  assert.equal(minutes('90 sec'), 1.5);
  assert.equal(minutes('RTO:4h'), 240);
  assert.equal(minutes('T+15m'), 15);
});

test('durations: ISO-8601 and "immediately"', () => {
  assert.equal(minutes('PT4H'), 240);
  assert.equal(minutes('PT15M'), 15);
  assert.equal(minutes('pt30m'), 30);
  assert.equal(minutes('P1D'), 1440);
  assert.equal(minutes('P1DT2H'), 1560);
  assert.equal(minutes('P2W'), 20160);
  assert.equal(minutes('PT0.5H'), 30);
  assert.equal(minutes('immediately'), 0);
  assert.equal(parseDuration('page at once')?.kind, 'immediate');
});

test('durations: things that are not durations', () => {
  for (const s of ['ASAP', 'TBD', 'soon', 'as soon as possible', '24x7', '24/7', 'SEV-1', 'P1 incident', 'M365', 'Microsoft 365', '+1-555-0100', '02:00 UTC', 'a m', 'Tier 2 manager', 'Level 2 Head of SRE', '2026-09-15', 'P', '15']) {
    assert.equal(parseDuration(s), undefined, s);
  }
  assert.ok(VAGUE_DURATION.test('ASAP'));
  assert.ok(VAGUE_DURATION.test('to be determined'));
  assert.ok(!VAGUE_DURATION.test('4 hours'));
});

test('durations: several in a text, in order, with offsets', () => {
  const found = findDurations('Tier 2 after 15 min, tier 3 after PT1H, CTO immediately');
  assert.deepEqual(found.map((d) => [d.text, d.minutes, d.kind]), [['15 min', 15, 'human'], ['PT1H', 60, 'iso'], ['immediately', 0, 'immediate']]);
  assert.equal(found[0]!.index, 'Tier 2 after '.length);
});

test('durations: bare numbers and formatting', () => {
  assert.ok(isBareNumber('15'));
  assert.ok(isBareNumber(' 4.5 '));
  assert.ok(isBareNumber(4));
  assert.ok(!isBareNumber('15 min'));
  assert.ok(!isBareNumber(''));
  assert.equal(formatMinutes(240), '4 h');
  assert.equal(formatMinutes(90), '1 h 30 min');
  assert.equal(formatMinutes(2880), '2 d');
  assert.equal(formatMinutes(0), '0 min');
  assert.equal(formatMinutes(0.5), '30 s');
});

const kinds = (text: string, options = {}) => scanContacts(text, options).map((t) => [t.kind, t.text, Boolean(t.problem)]);

test('contacts: international phone formats are phones', () => {
  assert.deepEqual(kinds('+44 20 7946 0958'), [['phone', '+44 20 7946 0958', false]]);
  assert.deepEqual(kinds('(555) 010-0199'), [['phone', '(555) 010-0199', false]]);
  assert.deepEqual(kinds('+1-555-0100 ext 12'), [['phone', '+1-555-0100 ext 12', false]]);
  assert.deepEqual(kinds('call 555-010-0199 now'), [['phone', '555-010-0199', false]]);
  assert.deepEqual(kinds('Phone: 0044 20 7946 0958'), [['phone', '0044 20 7946 0958', false]]);
  assert.deepEqual(kinds('555-0100'), [['phone', '555-0100', false]]);
  assert.deepEqual(kinds('Emergency: call 999'), [], 'a bare 3-digit number needs a label');
  assert.deepEqual(kinds('Phone: 999'), [['phone', '999', false]]);
  assert.deepEqual(kinds('ext. 4412'), [['phone', 'ext. 4412', false]]);
});

test('contacts: dates, times, IDs, durations and versions are not phones', () => {
  for (const s of ['2026-09-15', '02:00 UTC', 'NW-MS-2291', 'conference ID 4821#', '15 min', '10.0.0.1', 'version 2.3.1', 'in 2024', '24x7', 'SEV-1', '1,100 flights', '7,000 flights were cancelled', 'BL-88120']) {
    assert.deepEqual(scanContacts(s).filter((t) => t.kind === 'phone'), [], s);
  }
});

test('contacts: malformed phones need a cue or a phone shape', () => {
  const [short] = scanContacts('Phone: 555-01');
  assert.equal(short?.kind, 'phone');
  assert.match(short!.problem!, /has 5 digits; a phone number needs at least 7/);
  assert.match(scanContacts('+1 555')[0]!.problem!, /has 4 digits/);
  assert.match(scanContacts('12345', { phoneContext: true })[0]!.problem!, /has 5 digits/);
  assert.equal(scanContacts('12345', { phoneContext: true, minPhoneDigits: 5 })[0]!.problem, undefined);
  assert.match(scanContacts('Tel: +44 20 7946 0958 1234 5678 99')[0]!.problem!, /at most 15/);
  assert.deepEqual(kinds('call 2 people'), []);
});

test('contacts: emails, handles, pagers, urls', () => {
  assert.deepEqual(kinds('oncall@example.com'), [['email', 'oncall@example.com', false]]);
  assert.deepEqual(kinds('write to ops@brightline.example.com.'), [['email', 'ops@brightline.example.com', false]]);
  assert.deepEqual(kinds('jane@'), [['email', 'jane@', true]]);
  assert.deepEqual(kinds('jane@example'), [['email', 'jane@example', true]]);
  assert.deepEqual(kinds('jane@@example.com'), [['email', 'jane@@example.com', true]]);
  assert.deepEqual(kinds('ping @jane.doe or #payments-oncall'), [['handle', '@jane.doe', false], ['handle', '#payments-oncall', false]]);
  assert.deepEqual(kinds('Pager via PagerDuty'), [['pager', 'Pager', false], ['pager', 'PagerDuty', false]]);
  assert.deepEqual(kinds('Opsgenie'), [['pager', 'Opsgenie', false]]);
  assert.deepEqual(kinds('see the status page'), []);
  assert.deepEqual(kinds('https://support.example.com/case'), [['url', 'https://support.example.com/case', false]]);
  assert.deepEqual(kinds('`-db@` and 0@'), [], 'code-like local parts are not addresses');
  assert.match(emailProblem('jane@example')!, /no top-level domain/);
  assert.match(emailProblem('jane@')!, /no domain/);
  assert.match(emailProblem('@example.com')!, /no name/);
  assert.equal(emailProblem('jane.doe+ir@example.co.uk'), undefined);
  assert.ok(isReachable(scanContacts('Pager via PagerDuty')));
  assert.ok(!isReachable(scanContacts('@jane')));
  assert.ok(!isReachable(scanContacts('Phone: 555-01')));
});

test('contacts: mailto and tel links', () => {
  assert.equal(mailtoProblem('mailto:jane@example.com', 'Jane'), undefined);
  assert.equal(mailtoProblem('mailto:jane@example.com?subject=SEV-1', 'jane@example.com'), undefined);
  assert.equal(mailtoProblem('https://example.com', 'site'), undefined);
  assert.match(mailtoProblem('mailto:', 'Jane')!, /no address/);
  assert.match(mailtoProblem('mailto:jane@example', 'Jane')!, /no top-level domain/);
  assert.match(mailtoProblem('mailto://jane@example.com', 'Jane')!, /without "\/\/"/);
  assert.match(mailtoProblem('jane@example.com', 'jane@example.com')!, /no "mailto:"/);
  assert.match(mailtoProblem('mialto:jane@example.com', 'Jane')!, /unknown scheme "mialto:"/);
  assert.match(mailtoProblem('mailto:halp@acme.com', 'help@acme.com')!, /link text shows "help@acme.com"/);
  assert.match(mailtoProblem('tel:555', 'Call')!, /3 digits/);
  assert.equal(mailtoProblem('tel:+442079460958', 'Call'), undefined);
});

test('tables: columns by header synonyms, first pattern wins', () => {
  assert.equal(normalizeHeader('**Escalate after (min)**'), 'escalate after min');
  const headers = ['Tier', 'Contact', 'Contact method', 'Escalate after'];
  assert.equal(findColumn(headers, [/^(?:method|contact method)\b/, /^contact\b/]), 2);
  assert.equal(findColumn(headers, [/^contact\b/]), 1);
  assert.equal(findColumn(headers, [/^contact\b/], [1]), 2);
  assert.equal(findColumn(headers, [/^nothing$/]), -1);
  assert.deepEqual(findColumns(['Name', 'Phone', 'E-mail'], [/\bphone\b/, /\be ?mail\b/]), [1, 2]);
});

test('providers: primary providers resolve through aliases, case-insensitively', () => {
  const kb = buildKnowledgeBase();
  for (const name of ['Microsoft 365', 'M365', 'office 365', 'O365', 'Microsoft', 'MS']) assert.equal(resolveProvider(kb, name).id, 'microsoft-365', name);
  for (const name of ['Google Workspace', 'G Suite', 'google', 'GCP Workspace']) assert.equal(resolveProvider(kb, name).id, 'google-workspace', name);
  assert.equal(resolveProvider(kb, 'Microsoft Teams').id, 'microsoft-365', 'a product names its provider');
  assert.equal(resolveProvider(kb, 'crowdstrike').id, 'crowdstrike');
  assert.equal(resolveProvider(kb, 'Brightline Conferencing').id, 'unknown:brightline conferencing');
  const fromString = resolvePrimaryProviders(kb, 'M365, CrowdStrike; Okta');
  assert.deepEqual(fromString.map((p) => p.provider.id), ['microsoft-365', 'crowdstrike', 'okta']);
  const fromList = resolvePrimaryProviders(kb, ['Office 365', 'Microsoft 365', 'Slack']);
  assert.deepEqual(fromList.map((p) => [p.written, p.provider.id]), [['Office 365', 'microsoft-365'], ['Slack', 'slack']]);
});

test('providers: products, means and indirect needs in channel text', () => {
  const kb = buildKnowledgeBase();
  const names = (text: string) => findMentions(kb, text).map((m) => `${m.kind}:${m.name}${m.provider ? '@' + m.provider.id : ''}`);
  assert.deepEqual(names('Teams and Outlook'), ['product:Microsoft Teams@microsoft-365', 'product:Outlook@microsoft-365']);
  assert.deepEqual(names('Microsoft Teams meeting'), ['product:Microsoft Teams@microsoft-365']);
  assert.deepEqual(names('the teams join the bridge'), ['means:conference phone bridge'], '"teams" in lower case is not the product');
  assert.deepEqual(names('Zoom Phone'), ['product:Zoom Phone@zoom']);
  assert.deepEqual(names('Signal group on personal mobile phones'), ['product:Signal@signal', 'means:phone call']);
  assert.deepEqual(names('SMS cascade'), ['means:SMS']);
  assert.deepEqual(names('satellite phones'), ['means:satellite phone']);
  assert.deepEqual(names('personal email'), ['means:personal email']);
  assert.deepEqual(names('Email distribution list'), ['generic:corporate email', 'generic:corporate email']);
  assert.deepEqual(names('Slack (SSO)'), ['product:Slack@slack', 'indirect:SSO']);
  assert.deepEqual(names('softphone on corporate laptops'), ['means:phone call', 'indirect:softphone', 'indirect:corporate laptops']);
  assert.deepEqual(names('Google Meet'), ['product:Google Meet@google-workspace']);
  assert.deepEqual(names('Google Cloud Storage'), ['product:Google Cloud@google-cloud']);
  assert.equal(findMentions(kb, 'Okta')[0]!.channel, false, 'an identity product is not a channel');
  assert.equal(findMentions(kb, 'Statuspage')[0]!.channel, true);
});

test('providers: the config adds providers and products', () => {
  const kb = buildKnowledgeBase({ 'Acme Cloud': ['AcmeChat'], 'Microsoft 365': ['Kaizala'] });
  assert.equal(findMentions(kb, 'AcmeChat room')[0]!.provider!.name, 'Acme Cloud');
  assert.equal(findMentions(kb, 'Kaizala group')[0]!.provider!.id, 'microsoft-365');
  assert.equal(resolveProvider(kb, 'acme cloud').name, 'Acme Cloud');
  // The built-in knowledge base is not changed by a config.
  assert.equal(findMentions(buildKnowledgeBase(), 'Kaizala group').length, 0);
});

test('providers: conditions and contrasts are not dependencies', () => {
  const strip = (t: string) => withoutNonDependencies(t).replace(/\s+/g, ' ').trim();
  assert.equal(strip('Signal group, used when Teams is down'), 'Signal group, used');
  assert.equal(strip('Conference bridge (not on Microsoft 365)'), 'Conference bridge ( )');
  assert.equal(strip('SMS instead of Outlook; sent from personal phones'), 'SMS ; sent from personal phones');
  assert.equal(strip('Bridge, independent of Okta. Dial +1-555-0150'), 'Bridge, . Dial +1-555-0150');
  assert.equal(strip('Teams (primary)'), 'Teams (primary)');
});

test('entries: sentences split on punctuation and line breaks', () => {
  assert.deepEqual(sentences('Only the IC may accept help. Accept when the RTO is at risk; log it.\nVerify callers'), ['Only the IC may accept help.', 'Accept when the RTO is at risk;', 'log it.', 'Verify callers']);
});
