import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigResolver, memoryHost, ResolveError, type ConfigProblem } from '../../src/core/config/index.js';
import { CLEAN, runCliInProcess, tempProject } from '../cli/helpers.js';

/** Bad configs every front end must word the same way. */
const BAD_CONFIGS: Array<[name: string, text: string]> = [
  ['syntax error', '{\n  "rules": {\n    "section-order": "off",\n  }\n  "ignore": []\n}\n'],
  ['not an object', '[]'],
  ['unknown rule', '{ "rules": { "required-sections": "off" } }'],
  ['bad option value', '{ "rules": { "stale-review": ["error", { "maxAgeDays": 0 }] } }'],
  ['option not a number', '{ "rules": { "stale-review": ["error", { "maxAgeDays": "soon" }] } }'],
  ['unknown option', '{ "rules": { "stale-review": ["error", { "bogus": 1 }] } }'],
  ['bad severity', '{ "rules": { "section-order": "loud" } }'],
  ['unknown key', '{ "extra": true }'],
  ['remote schema', '{ "schema": "https://example.com/s.json" }'],
  ['missing schema file', '{ "schema": "./nope.json" }'],
  ['several at once', '{\n  "rules": {\n    "no-such-rule": "error",\n    "stale-review": ["error", { "maxAgeDays": "soon", "bogus": 1 }],\n    "section-order": "loud"\n  },\n  "extra": true\n}\n'],
];

async function coreProblems(root: string, text: string): Promise<ConfigProblem[]> {
  const resolver = new ConfigResolver({ host: memoryHost({ [`${root}/.runbook-lint.json`]: text, [`${root}/a.md`]: CLEAN }) });
  try {
    await resolver.resolve(`${root}/a.md`);
  } catch (error) {
    assert.ok(error instanceof ResolveError, String(error));
    assert.equal(error.kind, 'config');
    return error.problems;
  }
  assert.fail('no problem reported');
}

test('every bad config gets the same located messages in the CLI (stderr, exit 2) and through an editor-style host', async () => {
  for (const [name, text] of BAD_CONFIGS) {
    const dir = tempProject({ '.runbook-lint.json': text, 'a.md': CLEAN });
    const file = join(dir, '.runbook-lint.json');
    const cli = await runCliInProcess(['a.md'], dir);
    assert.equal(cli.code, 2, `${name}: ${cli.stderr}`);
    const cliLines = cli.stderr.split('\n').filter((l) => l.trimStart().startsWith(`${file}:`)).map((l) => l.trim().slice(file.length + 1).replaceAll(dir, '<root>'));
    // The editor's paths are URIs (file:///…, vscode-vfs://…); its diagnostics carry the message and range.
    for (const root of ['file:///ws', 'vscode-vfs://github/acme/runbooks']) {
      const problems = await coreProblems(root, text);
      assert.ok(problems.length > 0, name);
      // Paths inside messages are shown the way each host displays them; the rest is identical.
      assert.deepEqual(problems.map((p) => `${p.line}:${p.column}: ${p.message.replaceAll(root, '<root>')}`), cliLines, `${name} (${root})`);
    }
  }
});

test('one message per problem: a bad maxAgeDays reads the same wherever it is set', async () => {
  const problems = await coreProblems('file:///ws', '{ "rules": { "stale-review": ["error", { "maxAgeDays": 0 }] } }');
  assert.deepEqual(problems.map((p) => p.message), ['`maxAgeDays` must be a whole number of days, at least 1.']);
  const resolver = new ConfigResolver({ host: memoryHost({ '/ws/a.md': CLEAN }) });
  await assert.rejects(resolver.resolve('/ws/a.md', { extraRules: { settings: { 'stale-review': ['error', { maxAgeDays: 1.5 }] }, origin: 'Setting runbookLint.rules' } }), /Setting runbookLint.rules is invalid: Rule "stale-review": option "maxAgeDays" must be integer|whole number/);
});

test('schema choice and its reason; local $refs through the host; untrusted hosts see only the bundled schema', async () => {
  const files = {
    '/ws/.runbook-lint.jsonc': '// team config\n{ "schema": "./schemas/team.schema.json", "include": ["runbooks/**/*.md"], "ignore": ["**/archive/**"] }',
    '/ws/schemas/team.schema.json': JSON.stringify({ $id: 'runbook-lint:team', type: 'object', properties: { sections: { $ref: './parts/sections.json' } } }),
    '/ws/schemas/parts/sections.json': JSON.stringify({ type: 'object', required: ['escalation'] }),
    '/ws/runbooks/a.md': CLEAN,
    '/other/b.md': CLEAN,
    '/ws/alt.schema.json': JSON.stringify({ type: 'object' }),
  };
  const resolver = new ConfigResolver({ host: memoryHost(files) });
  const r = await resolver.resolve('/ws/runbooks/a.md');
  assert.equal(r.schemaChoice.why, '"schema" in /ws/.runbook-lint.jsonc');
  assert.equal(r.schema.compiled.info.id, 'runbook-lint:team');
  assert.deepEqual(r.schema.files, ['/ws/schemas/team.schema.json', '/ws/schemas/parts/sections.json']);
  assert.equal(r.isIncluded('/ws/runbooks/a.md'), true);
  assert.equal(r.isIncluded('/ws/README.md'), false);
  assert.equal(r.isIgnored('/ws/runbooks/archive/old.md'), true);
  assert.equal(r.isIgnored('/ws/node_modules/x/a.md'), true);

  const flag = await resolver.resolve('/ws/runbooks/a.md', { schemaOverride: { value: 'alt.schema.json', baseDir: '/ws', origin: '--schema flag' } });
  assert.equal(flag.schemaChoice.ref, '/ws/alt.schema.json');
  assert.equal(flag.schemaChoice.why, '--schema flag');
  const none = await resolver.resolve('/other/b.md', { schemaFallback: { value: './alt.schema.json', baseDir: '/ws', origin: 'setting runbookLint.schema' } });
  assert.equal(none.schemaChoice.why, 'setting runbookLint.schema (no config found)');
  const builtin = await resolver.resolve('/other/b.md');
  assert.equal(builtin.schemaChoice.why, 'default: no config found');

  const untrusted = new ConfigResolver({ host: memoryHost(files), trusted: false });
  const u = await untrusted.resolve('/ws/runbooks/a.md', { schemaFallback: { value: './alt.schema.json', baseDir: '/ws', origin: 'setting runbookLint.schema' } });
  assert.equal(u.config, undefined);
  assert.equal(u.schemaChoice.ref, 'runbook-lint:continuity');
  assert.match(u.schemaChoice.why, /not trusted/);
});

test('schema problems are ResolveErrors with the file and position', async () => {
  const resolver = new ConfigResolver({ host: memoryHost({ '/ws/.runbook-lint.json': '{ "schema": "./s.json" }', '/ws/s.json': '{ "type": "object", oops }', '/ws/a.md': CLEAN }) });
  await assert.rejects(resolver.resolve('/ws/a.md'), (error: unknown) => {
    assert.ok(error instanceof ResolveError);
    assert.equal(error.kind, 'schema');
    assert.equal(error.problems[0]!.file, '/ws/s.json');
    assert.equal(error.problems[0]!.column, 21);
    return true;
  });
});
