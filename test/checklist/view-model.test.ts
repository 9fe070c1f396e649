import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFixes } from '../../src/core/fix.js';
import { buildChecklistView, plain, safeHref, telHref, type ChecklistView, type Span } from '../../src/core/checklist/index.js';
import { lintWithDefaults, readFixture, repoRoot, TODAY } from '../helpers/lint.js';

const payments = readFileSync(join(repoRoot, 'examples', 'payments-outage.md'), 'utf8');

function view(text: string, rules = {}): ChecklistView {
  return buildChecklistView(lintWithDefaults(text, rules), { now: TODAY });
}

function allSpans(v: ChecklistView): Span[] {
  return v.sections.flatMap((s) => [
    ...s.checklist.flatMap((c) => c.text),
    ...s.steps.flatMap((st) => st.text),
    ...s.calls.flatMap((c) => c.cells.flatMap((cell) => cell.text)),
    ...s.prose.flatMap((b) => (b.kind === 'p' ? b.text : b.items.flatMap((i) => i.text))),
  ]);
}

test('payments-outage: title, owner, review status, clean lint summary', () => {
  const v = view(payments);
  assert.equal(v.title, 'Northwind Payments – Payments Platform Outage Runbook');
  assert.equal(v.owner, 'Head of Payments SRE – Dana Whitfield');
  assert.deepEqual(v.review, { status: 'current', lastReviewed: '2026-09-15', dueDate: '2027-09-15' });
  assert.deepEqual(v.lint, { errors: 0, warnings: 0, findings: [] });
  assert.deepEqual(v.missing, []);
});

test('payments-outage: sections in document order with their checklist, steps, call list and policy', () => {
  const v = view(payments);
  assert.deepEqual(v.sections.map((s) => [s.id, s.kind, s.checklist.length, s.steps.length, s.calls.length]), [
    ['activation-criteria', 'generic', 4, 0, 0],
    ['escalation-contacts', 'escalation', 0, 0, 3],
    ['backup-channels', 'backup-channels', 0, 0, 0],
    ['vendor-assistance', 'vendor-assistance', 3, 0, 4],
    ['recovery-procedures', 'generic', 4, 9, 0],
    ['reconstitution', 'generic', 0, 4, 0],
  ]);
  assert.deepEqual(v.progress, { done: 0, total: 11 });
  const recovery = v.sections.find((s) => s.id === 'recovery-procedures')!;
  assert.match(plain(recovery.steps[0]!.text), /^Incident Commander: confirm activation/);
  assert.deepEqual(recovery.progress, { done: 0, total: 4 });
  const vendor = v.sections.find((s) => s.id === 'vendor-assistance')!;
  const policy = vendor.prose.map((b) => (b.kind === 'p' ? plain(b.text) : b.items.map((i) => plain(i.text)).join(' / ')));
  assert.match(policy[0]!, /^Only the Incident Commander \(or, in their absence, the Head of Payments SRE\) may accept or decline/);
  assert.ok(policy.some((p) => p.includes('recovery of any system in scope is not on track')), 'criteria list is shown');
  const channels = v.sections.find((s) => s.id === 'backup-channels')!;
  const list = channels.prose.find((b) => b.kind === 'ul');
  assert.ok(list && list.kind === 'ul' && list.items.length === 3, 'three backup channels');
  assert.deepEqual(list.items[0]!.text.find((s) => s.href), { text: '+1-555-0150', href: 'tel:+15550150' });
  const escalationNote = v.sections.find((s) => s.id === 'escalation-contacts')!.prose[0]!;
  assert.ok(escalationNote.kind === 'p' && escalationNote.text.some((s) => s.text === '+1-555-0104' && s.href === 'tel:+15550104'), 'no ")" in the link');
});

test('checklist items: boxOffset points at the box on the item line, text and checked state from the source', () => {
  const v = view(payments);
  const lines = payments.split('\n');
  for (const item of v.sections.flatMap((s) => s.checklist)) {
    assert.equal(payments.slice(item.boxOffset, item.boxOffset + 3), '[ ]', item.plain);
    assert.ok(lines[item.line - 1]!.includes('[ ]'), `line ${item.line} holds the box`);
    assert.ok(lines[item.line - 1]!.includes(item.plain.slice(0, 20)), `line ${item.line} holds "${item.plain.slice(0, 20)}"`);
  }
  const toggled = payments.replace('- [ ] Declare the incident', '- [x] Declare the incident');
  const v2 = view(toggled);
  const first = v2.sections[0]!.checklist[0]!;
  assert.equal(first.checked, true);
  assert.equal(toggled.slice(first.boxOffset, first.boxOffset + 3), '[x]');
  assert.deepEqual(v2.sections[0]!.progress, { done: 1, total: 4 });
  assert.deepEqual(v2.progress, { done: 1, total: 11 });
  // Keys are stable when unrelated text changes (lines shift).
  const shifted = view(payments.replace('## Activation Criteria', 'An extra paragraph.\n\n## Activation Criteria'));
  assert.deepEqual(shifted.sections[0]!.checklist.map((c) => c.key), view(payments).sections[0]!.checklist.map((c) => c.key));
  assert.equal(shifted.sections[0]!.checklist[0]!.line, v.sections[0]!.checklist[0]!.line + 2);
});

test('escalation table becomes a call list with tel: and mailto: links', () => {
  const v = view(readFixture('checklist', 'small.md'));
  const esc = v.sections.find((s) => s.id === 'escalation-contacts')!;
  assert.equal(esc.calls.length, 2);
  assert.deepEqual(esc.calls[0]!.cells.map((c) => c.header), ['Tier', 'Contact', 'Method', 'Escalate after']);
  assert.deepEqual(esc.calls[0]!.cells[2]!.text, [{ text: 'Phone ' }, { text: '+44 20 7946 0958', href: 'tel:+442079460958' }]);
  assert.deepEqual(esc.calls[1]!.cells[2]!.text, [{ text: 'identity-lead@example.com', href: 'mailto:identity-lead@example.com' }]);
  assert.equal(esc.calls[1]!.line, 19);
});

test('review status: overdue from the stale-review finding, and from the same calendar logic when the rule is off', () => {
  const small = readFixture('checklist', 'small.md');
  const v = view(small);
  assert.equal(v.review.status, 'overdue');
  assert.equal(v.review.dueDate, '2025-12-01');
  assert.equal(v.review.daysOverdue, 357);
  assert.match(v.review.message!, /overdue/);
  const off = view(small, { 'stale-review': 'off' });
  assert.deepEqual(off.review, { status: 'overdue', lastReviewed: '2025-06-01', dueDate: '2025-12-01', daysOverdue: 357 });
  assert.equal(view(small.replace('2025-06-01', '2026-11-01'), { 'stale-review': 'off' }).review.status, 'current');
  assert.equal(view(small.replace('2025-06-01', '2027-01-01')).review.status, 'future');
  assert.equal(view(small.replace('last_reviewed: 2025-06-01\n', '')).review.status, 'unknown');
});

test('missing required sections come with the insert-section fix of the required-section finding', () => {
  const text = payments.replace(/## Backup Communication Channels[\s\S]*?(?=## Vendor Assistance Policy)/, '');
  const result = lintWithDefaults(text);
  const v = buildChecklistView(result, { now: TODAY });
  const missing = v.missing.find((m) => m.sectionId === 'backup-channels');
  assert.ok(missing, JSON.stringify(v.missing));
  assert.equal(missing.title, 'Backup Communication Channels');
  assert.equal(missing.severity, 'error');
  assert.equal(missing.fixable, true);
  // The fix the panel's button applies is the finding's own: applying it brings the section back.
  const finding = result.findings.find((f) => f.ruleId === 'required-section' && f.data?.sectionId === 'backup-channels')!;
  const fixed = applyFixes(text, [finding]).text;
  assert.equal(view(fixed).missing.some((m) => m.sectionId === 'backup-channels'), false);
  assert.ok(v.lint.findings.some((f) => f.ruleId === 'required-section' && f.line === 1), 'lint summary lists it with its line');
});

test('unparseable input: a view with the fatal finding and no sections', () => {
  const v = buildChecklistView(lintWithDefaults('# T\n\n- [ ] a\u0000b\n'), { now: TODAY, fallbackTitle: 'x.md' });
  assert.equal(v.title, 'x.md');
  assert.equal(v.sections.length, 0);
  assert.equal(v.lint.findings[0]!.ruleId, 'fatal');
});

test('hostile runbook: raw HTML stays literal text, only http(s)/mailto/tel links survive', () => {
  const v = view(readFixture('checklist', 'hostile.md'));
  assert.equal(v.title, 'Hostile <script>alert(1)</script> runbook');
  assert.equal(v.owner, '<b>Mallory</b> "><svg onload=alert(1)>');
  const texts = v.sections.flatMap((s) => s.checklist.map((c) => c.plain));
  assert.ok(texts.includes("<script>window.__pwned = 1; alert('item')</script>"), texts.join('\n'));
  assert.ok(texts.includes('Image <img src=x onerror="window.__pwned=2;alert(2)"> here'));
  assert.ok(texts.includes('Click x now'), 'javascript: link keeps its text, loses the link');
  assert.ok(v.sections[0]!.heading.includes(`"><svg onload=alert('h2')>`));
  const hrefs = allSpans(v).filter((s) => s.href).map((s) => s.href);
  assert.deepEqual(hrefs, [
    'https://status.example.com/?a=1&b=2', 'tel:+1-555-0101', 'tel:+15550102', 'mailto:lead@example.com', 'tel:+15550150', 'mailto:ops@example.com',
  ]);
});

test('safeHref allows http(s), mailto and tel only', () => {
  for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', 'data:text/html,<script>', 'vbscript:msgbox', 'file:///etc/passwd', '//evil.example', '/relative', '#top', 'http://', '']) {
    assert.equal(safeHref(bad), undefined, JSON.stringify(bad));
  }
  assert.equal(safeHref('https://example.com/a?b=1&c="x"'), 'https://example.com/a?b=1&c=%22x%22');
  assert.equal(safeHref('mailto:a@example.com'), 'mailto:a@example.com');
  assert.equal(safeHref('TEL:+1-555-0100'), 'tel:+1-555-0100');
  assert.equal(telHref('+1-555-0101 ext 12'), 'tel:+15550101;ext=12');
  assert.equal(telHref('0044 20 7946 0958'), 'tel:+442079460958');
});
