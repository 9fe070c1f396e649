import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../src/core/rules/index.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { assertCleanError, miniSchema, parseJson, QUIET_RULES, readText, runCliInProcess, tempProject } from './helpers.js';

test('init writes a commented .runbook-lint.jsonc and an example runbook, then refuses to overwrite', async () => {
  const dir = tempProject();
  const r = await runCliInProcess(['init'], dir);
  assert.equal(r.code, 0, r.stderr);
  const config = readText(join(dir, '.runbook-lint.jsonc'));
  assert.match(config, /^\/\/ /m, 'has comments');
  assert.match(config, /"schema": "runbook-lint:continuity"/);
  assert.match(config, /"include": \["runbooks\/\*\*\/\*\.md"\]/);
  const example = readText(join(dir, 'runbooks', 'example-runbook.md'));
  assert.match(example, /^---\n/);
  assert.match(example, /\n# Example Service Outage Runbook\n/);
  // The written config is valid (linting runs, exit 1 for the placeholders, not 2) and includes the example.
  const lint = await runCliInProcess(['--format', 'json'], dir);
  assert.equal(lint.code, 1, lint.stderr);
  const results = parseJson(lint);
  assert.deepEqual(results.map((x) => x.filePath), [join(dir, 'runbooks', 'example-runbook.md')]);
  assert.ok(results[0]!.messages.some((m) => m.ruleId === 'placeholder-text'));
  assert.ok(!results[0]!.messages.some((m) => m.ruleId === 'required-section'), 'every section is there');

  writeFileSync(join(dir, '.runbook-lint.jsonc'), '// mine\n{}');
  const again = await runCliInProcess(['init'], dir);
  assert.equal(again.code, 2);
  assertCleanError(again.stderr);
  assert.match(again.stderr, /already exist/);
  assert.equal(readText(join(dir, '.runbook-lint.jsonc')), '// mine\n{}');

  const other = tempProject({ '.runbook-lint.json': '{}' });
  assert.equal((await runCliInProcess(['init'], other)).code, 2);
  assert.equal(existsSync(join(other, 'runbooks')), false, 'nothing written when refusing');
});

test('new FILE: front matter from the x-snippet, the title, every required/recommended section in schema order', async () => {
  const dir = tempProject();
  const r = await runCliInProcess(['new', 'runbooks/payments-outage.md'], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Created runbooks\/payments-outage\.md with 13 sections from built-in runbook-lint:continuity \(default: no config found\)/);
  const text = readText(join(dir, 'runbooks', 'payments-outage.md'));
  assert.match(text, /^---\nowner: .*\[insert /);
  assert.match(text, /\nlast_reviewed: \d{4}-\d{2}-\d{2}\n/);
  assert.match(text, /\n---\n\n# Payments Outage Runbook\n\n## Purpose and Scope\n/);
  const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, builtinSchema().info.sections.filter((s) => s.required).map((s) => s.title));
  assert.doesNotMatch(text, /\$\{|\$\d/, 'no raw snippet syntax');
  const lint = parseJson(await runCliInProcess(['--format', 'json', 'runbooks/payments-outage.md'], dir))[0]!;
  // A new runbook's only findings are its placeholders: nothing passes by accident, nothing else nags.
  assert.deepEqual(lint.messages.filter((m) => m.ruleId !== 'placeholder-text').map((m) => `${m.line} ${m.ruleId}: ${m.message}`), []);
  assert.ok(lint.messages.some((m) => m.ruleId === 'placeholder-text'), 'placeholders are reported');

  const again = await runCliInProcess(['new', 'runbooks/payments-outage.md'], dir);
  assert.equal(again.code, 2);
  assertCleanError(again.stderr);
  assert.match(again.stderr, /already exists; runbook-lint never overwrites it/);
  assert.equal((await runCliInProcess(['new'], dir)).code, 2);
});

test('new FILE uses the schema that applies to FILE (config or --schema)', async () => {
  const dir = tempProject({ 'team/.runbook-lint.json': JSON.stringify({ schema: '../mini.schema.json', rules: QUIET_RULES }), 'mini.schema.json': readFileSync(miniSchema, 'utf8') });
  assert.equal((await runCliInProcess(['new', 'team/db-failover.md'], dir)).code, 0);
  const text = readText(join(dir, 'team', 'db-failover.md'));
  assert.equal(text, '---\nowner: "[insert Team name]"\n---\n\n# Db Failover Runbook\n\n## Summary\n\nThis runbook covers [insert the service].\n\n## Contacts\n\n- [insert On-call engineer]: [insert phone number]\n\n## Notes\n\n[insert Anything else responders should know].\n');
  assert.equal((await runCliInProcess(['new', 'other.md', '--schema', 'mini.schema.json'], dir)).code, 0);
  assert.match(readText(join(dir, 'other.md')), /## Summary\n[\s\S]*## Notes\n/);
});

test('rules: a table of every rule, and --format json', async () => {
  const dir = tempProject();
  const table = await runCliInProcess(['rules'], dir);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /^Rule\s+Default\s+Fixable\s+Description$/m);
  for (const rule of builtinRules) {
    assert.match(table.stdout, new RegExp(`^${rule.meta.id}\\s+${rule.meta.severity}\\s+${rule.meta.fixable ? 'yes' : 'no'}\\s+\\S`, 'm'));
  }
  const json = await runCliInProcess(['rules', '--format', 'json'], dir);
  assert.equal(json.code, 0);
  const rows = JSON.parse(json.stdout) as Array<{ id: string; severity: string; fixable: boolean; description: string; docs: string }>;
  assert.deepEqual(rows.map((r) => r.id), builtinRules.map((r) => r.meta.id));
  for (const row of rows) {
    const meta = builtinRules.find((r) => r.meta.id === row.id)!.meta;
    assert.deepEqual(row, { id: meta.id, severity: meta.severity, fixable: meta.fixable, description: meta.description, docs: `https://github.com/runbook-lint/runbook-lint/blob/main/docs/rules/${meta.id}.md` });
  }
  assert.equal((await runCliInProcess(['rules', 'extra'], dir)).code, 2);
  assert.equal((await runCliInProcess(['rules', '--format', 'sarif'], dir)).code, 2);
});
