import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { assertCleanError, CLEAN, ERR, MINI_SCHEMA_TEXT, miniConfig, parseJson, QUIET_RULES, runCli, runCliInProcess, tempProject } from './helpers.js';

async function printConfig(dir: string, file: string, args: string[] = []) {
  const r = await runCliInProcess([...args, '--print-config', file], dir);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as { filePath: string; configFile: string | null; schema: { id: string; path: string; why: string; files: string[] }; rules: Record<string, unknown>; included: boolean | null; ignored: boolean };
}

test('--print-config says which schema applies and why', async () => {
  const dir = tempProject({
    'plain/a.md': CLEAN,
    'team/.runbook-lint.json': miniConfig(),
    'team/mini.schema.json': MINI_SCHEMA_TEXT(),
    'team/deep/er/b.md': CLEAN,
    'other/.runbook-lint.jsonc': '// no schema key\n{ "rules": { "section-order": "off" } }',
    'other/c.md': CLEAN,
  });
  const none = await printConfig(dir, 'plain/a.md');
  assert.equal(none.configFile, null);
  assert.equal(none.schema.path, 'runbook-lint:continuity');
  // One wording for every front end, from the core resolver.
  assert.equal(none.schema.why, 'built-in runbook-lint:continuity (default: no config found)');

  const team = await printConfig(dir, 'team/deep/er/b.md');
  assert.equal(team.filePath, join(dir, 'team', 'deep', 'er', 'b.md'));
  assert.equal(team.configFile, join(dir, 'team', '.runbook-lint.json'));
  assert.equal(team.schema.path, join(dir, 'team', 'mini.schema.json'));
  assert.equal(team.schema.id, 'runbook-lint:test-mini');
  assert.equal(team.schema.why, `schema ./mini.schema.json ("schema" in ${join(dir, 'team', '.runbook-lint.json')})`);
  assert.equal(team.rules['section-order'], 'off');
  assert.equal(team.rules['required-section'], 'error');

  const other = await printConfig(dir, 'other/c.md');
  assert.match(other.schema.why, /^built-in runbook-lint:continuity \(default: .*other\/\.runbook-lint\.jsonc has no "schema" key\)$/);
  assert.equal(other.rules['section-order'], 'off');

  const flag = await printConfig(dir, 'team/deep/er/b.md', ['--schema', 'team/mini.schema.json']);
  assert.equal(flag.schema.why, 'schema team/mini.schema.json (--schema flag)');
  const builtinFlag = await printConfig(dir, 'team/deep/er/b.md', ['--schema', 'runbook-lint:continuity']);
  assert.equal(builtinFlag.schema.why, 'built-in runbook-lint:continuity (--schema flag)');
  const configFlag = await printConfig(dir, 'plain/a.md', ['--config', 'team/.runbook-lint.json']);
  assert.equal(configFlag.configFile, join(dir, 'team', '.runbook-lint.json'));
  assert.match(configFlag.schema.why, /\("schema" in .*team\/\.runbook-lint\.json \(--config flag\)\)$/);
});

test('config discovery: the nearest config applies to its own subtree; .jsonc wins over .json in one folder', async () => {
  const strict = { ...QUIET_RULES, 'empty-section': 'error' };
  const dir = tempProject({
    '.runbook-lint.json': miniConfig(),
    'mini.schema.json': MINI_SCHEMA_TEXT(),
    'top.md': ERR,
    'loose/.runbook-lint.jsonc': `{\n  // required-section off here\n  "schema": "../mini.schema.json",\n  "rules": { "required-section": "off", "empty-section": "off", },\n}\n`,
    'loose/.runbook-lint.json': JSON.stringify({ schema: '../mini.schema.json', rules: strict }),
    'loose/nested/deeper/x.md': ERR,
    'strict/.runbook-lint.json': JSON.stringify({ schema: '../mini.schema.json', rules: strict }),
    'strict/y.md': '# T\n\n## Summary\n\nText.\n\n## Contacts\n\n- Ops: 555\n\n## Notes\n',
  });
  const results = parseJson(await runCliInProcess(['--format', 'json'], dir));
  const byName = Object.fromEntries(results.map((r) => [r.filePath.slice(dir.length + 1), r]));
  assert.equal(byName['top.md']!.errorCount, 1);
  assert.equal(byName['loose/nested/deeper/x.md']!.messages.length, 0, 'the .jsonc in loose/ applies to loose/**');
  assert.equal(byName['strict/y.md']!.errorCount, 1, 'strict/ turns empty-section into an error');
  assert.equal(byName['strict/y.md']!.messages[0]!.ruleId, 'empty-section');
});

test('include and ignore are globs relative to their config; explicit files skip include but not ignore', async () => {
  const dir = tempProject({
    '.runbook-lint.jsonc': miniConfig({ include: ['runbooks/**/*.md'], ignore: ['**/archive/**'] }),
    'mini.schema.json': MINI_SCHEMA_TEXT(),
    'README.md': ERR,
    'runbooks/a.md': ERR,
    'runbooks/archive/old.md': ERR,
    'node_modules/pkg/runbooks/x.md': ERR,
  });
  const all = parseJson(await runCliInProcess(['--format', 'json'], dir));
  assert.deepEqual(all.map((r) => r.filePath), [join(dir, 'runbooks', 'a.md')]);
  const folder = parseJson(await runCliInProcess(['--format', 'json', '.'], dir));
  assert.deepEqual(folder.map((r) => r.filePath), [join(dir, 'runbooks', 'a.md')]);
  const explicit = parseJson(await runCliInProcess(['--format', 'json', 'README.md'], dir));
  assert.deepEqual(explicit.map((r) => r.filePath), [join(dir, 'README.md')]);
  const ignored = await runCliInProcess(['--format', 'json', 'README.md', 'runbooks/archive/old.md'], dir);
  assert.deepEqual(parseJson(ignored).map((r) => r.filePath), [join(dir, 'README.md')]);
  assert.match(ignored.stderr, /runbooks\/archive\/old\.md was not linted: it matches "ignore"/);
  const print = await runCliInProcess(['--print-config', 'runbooks/archive/old.md'], dir);
  assert.equal(JSON.parse(print.stdout).ignored, true);
});

test('invalid JSON in a config: exit 2 with file:line:column and no stack trace', async () => {
  const dir = tempProject({ 'a.md': CLEAN, '.runbook-lint.jsonc': '{\n  // comments are fine\n  "rules": {\n    "section-order": "off",\n  }\n  "ignore": []\n}\n' });
  const r = await runCliInProcess([], dir);
  assert.equal(r.code, 2);
  assertCleanError(r.stderr);
  assert.ok(r.stderr.includes(`${join(dir, '.runbook-lint.jsonc')}:6:3: expected ","`), r.stderr);
});

test('config schema violations: exit 2 listing every problem at its line:column', async () => {
  const dir = tempProject({
    'a.md': CLEAN,
    '.runbook-lint.json': '{\n  "rules": {\n    "no-such-rule": "error",\n    "stale-review": ["error", { "maxAgeDays": "soon", "bogus": 1 }],\n    "section-order": "loud"\n  },\n  "extra": true\n}\n',
  });
  const r = await runCliInProcess([], dir);
  assert.equal(r.code, 2);
  assertCleanError(r.stderr);
  const file = join(dir, '.runbook-lint.json');
  assert.ok(r.stderr.includes(`${file}:3:5: Unknown rule "no-such-rule" in "rules". Known rules: required-section,`), r.stderr);
  assert.ok(r.stderr.includes(`${file}:4:47: `) && /maxAgeDays/.test(r.stderr), 'bad option value located');
  assert.ok(r.stderr.includes(`${file}:4:55: Rule "stale-review" has no option "bogus"`), r.stderr);
  assert.ok(r.stderr.includes(`${file}:5:22: `), 'bad severity located');
  assert.ok(r.stderr.includes(`${file}:7:3: "extra"`), 'unknown key located');
});

test('unknown rule id alone: exit 2', async () => {
  const dir = tempProject({ 'a.md': CLEAN, '.runbook-lint.json': '{ "rules": { "required-sections": "off" } }' });
  const r = await runCliInProcess([], dir);
  assert.equal(r.code, 2);
  assertCleanError(r.stderr);
  assert.match(r.stderr, /:1:14: Unknown rule "required-sections"/);
});

test('custom schema: local $refs are loaded relative to the file that refers to them', async () => {
  const dir = tempProject({
    '.runbook-lint.json': JSON.stringify({ schema: './schemas/team.schema.json', rules: { ...QUIET_RULES, schema: 'error' } }),
    'schemas/team.schema.json': JSON.stringify({ type: 'object', properties: { sections: { $ref: './parts/sections.json' } } }),
    'schemas/parts/sections.json': JSON.stringify({ type: 'object', properties: { escalation: { $ref: 'common.json#/$defs/section' } }, required: ['escalation'] }),
    'schemas/parts/common.json': JSON.stringify({
      $defs: { section: { type: 'object', properties: { text: { type: 'string', minLength: 20, 'x-message': 'Say who to call first and when to escalate.' } } } },
    }),
    'ok.md': '# T\n\n## Escalation\n\nCall the on-call engineer first, then the lead after 15 minutes.\n',
    'short.md': '# T\n\n## Escalation\n\nCall Bob.\n',
    'bad.md': '# T\n\n## Something\n\nText.\n',
  });
  const r = await runCliInProcess(['--format', 'json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const results = parseJson(r);
  assert.deepEqual(results.map((x) => [x.filePath.slice(dir.length + 1), x.messages.map((m) => m.ruleId)]), [
    ['bad.md', ['required-section']],
    ['ok.md', []],
    ['short.md', ['schema']],
  ]);
  assert.match(results[2]!.messages[0]!.message, /Say who to call first/);
  const print = JSON.parse((await runCliInProcess(['--print-config', 'ok.md'], dir)).stdout);
  assert.deepEqual(print.schema.files, ['team.schema.json', 'parts/sections.json', 'parts/common.json'].map((p) => join(dir, 'schemas', p)));
});

test('custom schema with a remote $ref: exit 2 with the core message, nothing fetched', async () => {
  const dir = tempProject({
    'a.md': CLEAN,
    '.runbook-lint.json': '{ "schema": "./s.json" }',
    's.json': JSON.stringify({ type: 'object', properties: { sections: { $ref: 'https://example.com/sections.json' } } }),
  });
  const r = await runCliInProcess([], dir);
  assert.equal(r.code, 2);
  assertCleanError(r.stderr);
  assert.match(r.stderr, /remote \$ref "https:\/\/example\.com\/sections\.json"; runbook-lint never fetches schemas/);
});

test('invalid JSON in a schema (or a file it refers to): exit 2 with file:line:column', async () => {
  const dir = tempProject({ 'a.md': CLEAN, 's.json': '{\n  "type": "object",\n  "properties": { oops }\n}\n', 'r.json': '{ "$ref": "./bad/part.json" }', 'bad/part.json': '{ "type": "object", }' });
  const r = await runCliInProcess(['--schema', 's.json'], dir);
  assert.equal(r.code, 2);
  assertCleanError(r.stderr);
  assert.ok(r.stderr.includes(`${join(dir, 's.json')}:3:19: unexpected character`), r.stderr);
  const ref = await runCliInProcess(['--schema', 'r.json'], dir);
  assert.equal(ref.code, 2);
  assert.ok(ref.stderr.includes(`${join(dir, 'bad', 'part.json')}:1:21: `), ref.stderr);
});

test('a schema that does not compile, a missing schema file, an unknown built-in: exit 2', async () => {
  const dir = tempProject({ 'a.md': CLEAN, 's.json': JSON.stringify({ type: 'object', properties: { sections: { type: 'bogus' } } }) });
  const bad = await runCliInProcess(['--schema', 's.json'], dir);
  assert.equal(bad.code, 2);
  assertCleanError(bad.stderr);
  assert.match(bad.stderr, /Schema .*s\.json: Schema does not compile/);
  const missing = tempProject({ 'a.md': CLEAN, '.runbook-lint.json': '{ "schema": "./nope.json" }' });
  const m = await runCliInProcess([], missing);
  assert.equal(m.code, 2);
  assert.match(m.stderr, /\.runbook-lint\.json:1:13: Schema file .*nope\.json does not exist/);
});
