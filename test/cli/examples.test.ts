/**
 * The README's first command, `npx runbook-lint examples/`: the two complete examples are clean and
 * the July 2024 gaps example reports exactly its four gaps (a fallback on the same provider, no
 * vendor-assistance policy, a value never filled in, an overdue review), with exit code 1.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { summaryLine } from '../../src/cli/main.js';
import { root, runCliInProcess } from './helpers.js';

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; line: number; message: string }>;
}

test('npx runbook-lint examples/ reports exactly the gaps of the July 2024 example', async () => {
  const r = await runCliInProcess(['examples/', '--format', 'json'], root);
  assert.equal(r.code, 1, r.stderr);
  const results = JSON.parse(r.stdout) as JsonResult[];
  const found = results.flatMap((f) => f.messages.map((m) => `${f.filePath.slice(root.length + 1)}:${m.line} ${m.ruleId}`));
  assert.deepEqual(found.sort(), [
    'examples/endpoint-agent-outage.md:1 required-section',
    'examples/endpoint-agent-outage.md:106 placeholder-text',
    'examples/endpoint-agent-outage.md:4 stale-review',
    'examples/endpoint-agent-outage.md:66 backup-channels',
  ]);
  const byRule = new Map(results.flatMap((f) => f.messages).map((m) => [m.ruleId, m.message]));
  assert.match(byRule.get('required-section')!, /Vendor Assistance Policy/);
  assert.match(byRule.get('backup-channels')!, /Microsoft 365/);
  assert.match(byRule.get('placeholder-text')!, /\[insert date\/time\]/);
  assert.match(byRule.get('stale-review')!, /2024-03-11/);
});

test('the summary line counts files, problems and time', () => {
  assert.equal(summaryLine(3, 4, 0, 420), 'runbook-lint: 3 files linted, 4 problems (4 errors, 0 warnings) in 0.42 s\n');
  assert.equal(summaryLine(1, 0, 1, 1000), 'runbook-lint: 1 file linted, 1 problem (0 errors, 1 warning) in 1.00 s\n');
  assert.equal(summaryLine(2, 0, 0, 50), 'runbook-lint: 2 files linted, no problems in 0.05 s\n');
});

test('a terminal gets the one-line summary on stderr; a pipe does not', async () => {
  for (const tty of [true, false]) {
    const r = await runCliInProcess(['examples/'], root, {}, { tty });
    assert.equal(r.code, 1);
    const summary = /runbook-lint: 3 files linted, 4 problems \(4 errors, 0 warnings\) in \d+\.\d\d s\n/;
    if (tty) assert.match(r.stderr, summary);
    else assert.doesNotMatch(r.stderr, /files linted/);
    assert.match(r.stdout, /endpoint-agent-outage\.md/);
  }
});
