import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportCommand, parseExportArgs } from '../../src/cli/export.js';
import { EXPORT_CSP } from '../../src/core/checklist/index.js';
import { readText, runCli, runCliInProcess, tempProject } from '../cli/helpers.js';
import { readFixture, repoRoot } from '../helpers/lint.js';

const payments = readFileSync(join(repoRoot, 'examples', 'payments-outage.md'), 'utf8');

test('runbook-lint export FILE --html OUT writes the standalone checklist (built CLI)', async () => {
  const dir = tempProject({ 'runbooks/payments.md': payments });
  const r = await runCliInProcess(['export', 'runbooks/payments.md', '--html', 'out/payments.html'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /wrote out\/payments\.html \(6 sections, 11 checklist items, 0 lint errors\)/);
  const html = readText(join(dir, 'out', 'payments.html'));
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.ok(html.includes(`content="${EXPORT_CSP}"`));
  assert.ok(html.includes('<h1>Northwind Payments – Payments Platform Outage Runbook</h1>'));
  assert.ok(html.includes('<a href="tel:+15550150">+1-555-0150</a>'));
  assert.equal(/<script|<link|<img/i.test(html), false);
  assert.deepEqual(readdirSync(join(dir, 'out')), ['payments.html'], 'no temp file left behind');
  // Same bytes as the in-process command for the same day (one renderer for CLI and editor).
  const same = await exportCommand(['runbooks/payments.md', '--html', 'again.html'], { cwd: dir, stdout: { write: () => 0 }, stderr: { write: () => 0 } }, new Date());
  assert.equal(same, 0);
  assert.equal(readText(join(dir, 'again.html')), html);
});

test('export honours the file\'s config and writes to stdout with --html -', async () => {
  const dir = tempProject({ 'a.md': readFixture('checklist', 'small.md'), '.runbook-lint.json': JSON.stringify({ rules: { 'stale-review': 'off' } }) });
  const r = await runCliInProcess(['export', 'a.md', '--html=-'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.stdout.startsWith('<!DOCTYPE html>'));
  assert.equal(r.stdout.includes('(stale-review)'), false, 'rule turned off in the config');
  assert.ok(r.stdout.includes('<span class="badge bad">Overdue by'), 'review status still computed without the rule');
  const withRule = await runCliInProcess(['export', 'a.md', '--html', '-', '--config', join(dir, 'none.json')], dir);
  assert.equal(withRule.code, 2, 'a missing --config file is a usage error');
});

test('export usage errors exit 2 with one line', async () => {
  const dir = tempProject({ 'a.md': payments });
  for (const [args, message] of [
    [['export'], /needs a runbook/],
    [['export', 'a.md'], /needs --html OUT/],
    [['export', 'a.md', '--html'], /--html needs a value/],
    [['export', 'a.md', 'b.md', '--html', 'x.html'], /takes one runbook/],
    [['export', 'missing.md', '--html', 'x.html'], /missing\.md: Cannot read file: no such file/],
    [['export', 'a.md', '--html', 'a.md'], /is the runbook itself/],
    [['export', 'a.md', '--html', 'x.html', '--fix'], /Unknown option "--fix" for export/],
  ] as const) {
    const r = await runCliInProcess([...args], dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
  assert.equal(readText(join(dir, 'a.md')), payments, 'the runbook is never overwritten');
  assert.equal((await runCliInProcess(['export', '--help'], dir)).code, 0);
});

test('parseExportArgs', () => {
  assert.deepEqual(parseExportArgs(['f.md', '--html', 'o.html', '-c', 'c.json', '--schema=s.json']), { help: false, file: 'f.md', html: 'o.html', config: 'c.json', schema: 's.json' });
});
