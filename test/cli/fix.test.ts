import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/cli/write.js';
import { lintFile, prepareSettings } from '../../src/cli/engine.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { parseJson, QUIET_RULES, runCli, runCliInProcess, tempProject } from './helpers.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const crlf = (s: string) => s.replace(/\n/g, '\r\n');
const PARTIAL = '---\nowner: Payments SRE\nlast_reviewed: 2026-10-01\n---\n\n# Payments outage runbook\n\n## Purpose and Scope\n\nRestores card payments.\n\n## Roles and Responsibilities\n\n- Incident Commander: Dana (+1 555 0100)\n';

test('--fix inserts every missing section in schema order, keeps the BOM and CRLF, and reports what is left', async () => {
  const dir = tempProject({ '.runbook-lint.json': JSON.stringify({ rules: QUIET_RULES }), 'r.md': Buffer.concat([BOM, Buffer.from(crlf(PARTIAL))]) });
  const before = parseJson(await runCliInProcess(['--format', 'json'], dir))[0]!;
  assert.ok(before.fixableErrorCount >= 8, `missing sections are fixable: ${JSON.stringify(before.messages.map((m) => m.message))}`);

  const r = await runCliInProcess(['--fix', '--format', 'json'], dir);
  const bytes = readFileSync(join(dir, 'r.md'));
  assert.deepEqual([...bytes.subarray(0, 3)], [...BOM], 'BOM kept');
  const text = bytes.subarray(3).toString('utf8');
  assert.equal(text.charCodeAt(0), 0x2d, 'exactly one BOM');
  assert.doesNotMatch(text, /(?<!\r)\n/, 'every line break is CRLF');
  const headings = [...text.matchAll(/^## (.+)\r$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, [
    'Purpose and Scope',
    'Activation Criteria',
    'Roles and Responsibilities',
    'Escalation Contacts',
    'Backup Communication Channels',
    'Vendor Assistance Policy',
    'Recovery Procedures',
    'Recovery Objectives',
    'Communication Plan',
    'Testing and Maintenance',
    'Dependencies',
    'Return to Normal Operations',
    'Revision History',
  ]);
  assert.ok(text.startsWith('---\r\nowner: Payments SRE\r\n'), 'existing text untouched');
  const after = parseJson(r)[0]!;
  assert.equal(after.messages.filter((m) => m.ruleId === 'required-section').length, 0, 'nothing left to insert');
  assert.equal(r.code, after.errorCount > 0 ? 1 : 0);

  // A second --fix has nothing to do and leaves the bytes alone.
  await runCliInProcess(['--fix'], dir);
  assert.deepEqual(readFileSync(join(dir, 'r.md')), bytes);
});

test('--fix with every rule on: the remaining findings (placeholders of the inserted skeleton) are reported, exit 1', async () => {
  const dir = tempProject({ 'r.md': PARTIAL });
  const r = await runCliInProcess(['--fix', '--format', 'json'], dir);
  assert.equal(r.code, 1);
  const result = parseJson(r)[0]!;
  assert.ok(result.messages.some((m) => m.ruleId === 'placeholder-text'), 'inserted [insert …] text is reported');
  assert.ok(!result.messages.some((m) => m.ruleId === 'required-section' && m.severity === 2));
  assert.match(readFileSync(join(dir, 'r.md'), 'utf8'), /## Vendor Assistance Policy\n/);
});

test('--fix does not rewrite a file that has nothing to fix', async () => {
  const dir = tempProject({ '.runbook-lint.json': JSON.stringify({ rules: { ...QUIET_RULES, 'required-section': 'off' } }), 'r.md': PARTIAL });
  const before = statSync(join(dir, 'r.md'));
  assert.equal((await runCliInProcess(['--fix'], dir)).code, 0);
  const after = statSync(join(dir, 'r.md'));
  assert.equal(after.ino, before.ino);
  assert.equal(after.mtimeMs, before.mtimeMs);
});

test('atomic write: a file changed on disk between read and write is left alone, and no temp file remains', () => {
  const dir = tempProject({ 'r.md': 'original\n' });
  const path = join(dir, 'r.md');
  const read = readFileSync(path);
  const outcome = writeFileAtomic(path, read, 'fixed\n', {
    beforeCommit: (target, temp) => {
      assert.equal(target, path);
      assert.equal(readFileSync(temp, 'utf8'), 'fixed\n');
      writeFileSync(path, 'edited by someone else\n');
    },
  });
  assert.equal(outcome.written, false);
  assert.match((outcome as { reason: string }).reason, /changed on disk/);
  assert.equal(readFileSync(path, 'utf8'), 'edited by someone else\n');
  assert.deepEqual(readdirSync(dir), ['r.md']);

  const ok = writeFileAtomic(path, readFileSync(path), 'fixed\n');
  assert.equal(ok.written, true);
  assert.equal(readFileSync(path, 'utf8'), 'fixed\n');
  assert.deepEqual(readdirSync(dir), ['r.md']);
});

test('lintFile --fix: a concurrent edit skips the write with a notice and reports the text that was read', () => {
  const dir = tempProject({ 'r.md': PARTIAL });
  const path = join(dir, 'r.md');
  const settings = prepareSettings({ key: 'test', schema: { kind: 'builtin' }, rules: QUIET_RULES });
  assert.ok(settings.info === builtinSchema().info, 'the bundled schema is compiled once per thread');
  const outcome = lintFile(path, settings, { fix: true, now: new Date('2026-11-23T12:00:00Z'), hooks: { beforeCommit: () => writeFileSync(path, PARTIAL + '\nEdited meanwhile.\n') } });
  assert.equal(outcome.fixed, undefined);
  assert.equal(outcome.contentHash, undefined, 'not cached');
  assert.match(outcome.notices![0]!, /fixes not written because it changed on disk/);
  assert.ok(outcome.result.messages.some((m) => m.ruleId === 'required-section'), 'findings of the unfixed text');
  assert.match(readFileSync(path, 'utf8'), /Edited meanwhile\.\n$/);
  assert.deepEqual(readdirSync(dir), ['r.md']);
});
