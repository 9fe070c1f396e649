import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigResolver, memoryHost, ResolveError } from '../../src/core/config/index.js';
import { CLEAN, runCliInProcess, tempProject } from '../cli/helpers.js';

const json = (v: unknown) => JSON.stringify(v);

async function rejection(work: Promise<unknown>): Promise<ResolveError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof ResolveError, String(error));
    return error;
  }
  assert.fail('expected a ResolveError');
}

test('extends: files and npm packages, later entries win, the file\'s own keys win over all', async () => {
  const host = memoryHost({
    '/repo/team/.runbook-lint.jsonc': `// team\n${json({ extends: ['./configs/base.jsonc', 'runbook-lint-config-acme', '@acme/runbook-config/strict.json'], rules: { 'section-order': 'warn' } })}`,
    '/repo/team/configs/base.jsonc': json({ schema: './base.schema.json', rules: { 'section-order': 'off', 'empty-section': 'off', 'no-secrets': 'warn' } }),
    '/repo/team/configs/base.schema.json': json({ $id: 'runbook-lint:base', type: 'object' }),
    '/repo/node_modules/runbook-lint-config-acme/package.json': json({ name: 'runbook-lint-config-acme', main: 'config.json' }),
    '/repo/node_modules/runbook-lint-config-acme/config.json': json({ rules: { 'empty-section': 'error', 'contact-details': 'off' } }),
    '/repo/node_modules/@acme/runbook-config/package.json': json({ name: '@acme/runbook-config' }),
    '/repo/node_modules/@acme/runbook-config/strict.json': json({ rules: { 'contact-details': 'error' } }),
    '/repo/team/a.md': CLEAN,
  });
  const r = await new ConfigResolver({ host }).resolve('/repo/team/a.md');
  assert.equal(r.ruleSettings['section-order'], 'warn', 'own key wins');
  assert.equal(r.ruleSettings['empty-section'], 'error', 'later extends entry wins');
  assert.equal(r.ruleSettings['contact-details'], 'error', 'a file inside a scoped package');
  assert.equal(r.ruleSettings['no-secrets'], 'warn', 'kept from the first entry');
  assert.equal(r.schema.compiled.info.id, 'runbook-lint:base', 'schema relative to the file that names it');
  assert.equal(r.schemaChoice.why, '"schema" in /repo/team/configs/base.jsonc (extends of /repo/team/.runbook-lint.jsonc)');
  assert.deepEqual(r.merged.sources.map((s) => s.file), ['/repo/team/configs/base.jsonc', '/repo/node_modules/runbook-lint-config-acme/config.json', '/repo/node_modules/@acme/runbook-config/strict.json', '/repo/team/.runbook-lint.jsonc']);
  assert.deepEqual(r.merged.sources[0]!.set, ['schema ./base.schema.json', 'rules.section-order', 'rules.empty-section', 'rules.no-secrets']);
});

test('a package without main uses a runbook-lint.json(c) at its root', async () => {
  const host = memoryHost({
    '/r/.runbook-lint.json': json({ extends: 'shared-runbooks' }),
    '/r/node_modules/shared-runbooks/package.json': json({ name: 'shared-runbooks' }),
    '/r/node_modules/shared-runbooks/runbook-lint.jsonc': '{ "rules": { "section-order": "off" }, }',
    '/r/a.md': CLEAN,
  });
  const r = await new ConfigResolver({ host }).resolve('/r/a.md');
  assert.equal(r.ruleSettings['section-order'], 'off');
});

test('folder configs merge over their parent\'s (rules key by key) unless root: true', async () => {
  const files = {
    '/repo/.runbook-lint.json': json({ include: ['**/*.md'], rules: { 'section-order': 'off', 'empty-section': 'off' } }),
    '/repo/team/.runbook-lint.json': json({ rules: { 'empty-section': 'error' } }),
    '/repo/solo/.runbook-lint.json': json({ root: true, rules: { 'empty-section': 'warn' } }),
  };
  const resolver = new ConfigResolver({ host: memoryHost(files) });
  const team = await resolver.resolve('/repo/team/a.md');
  assert.equal(team.ruleSettings['section-order'], 'off', 'inherited from the parent folder');
  assert.equal(team.ruleSettings['empty-section'], 'error', 'the folder wins');
  assert.equal(team.isIncluded('/repo/team/a.md'), true, 'include inherited, relative to the parent config');
  assert.deepEqual(team.merged.sources.map((s) => [s.file, s.via]), [['/repo/.runbook-lint.json', 'parent folder config'], ['/repo/team/.runbook-lint.json', 'config']]);
  const solo = await resolver.resolve('/repo/solo/a.md');
  assert.equal(solo.ruleSettings['section-order'], undefined, 'root: true stops the merge');
  assert.equal(solo.isIncluded('/repo/solo/a.md'), undefined);
});

test('overrides apply in order to matching files, with their own rules and schema', async () => {
  const host = memoryHost({
    '/r/.runbook-lint.json': json({
      rules: { 'placeholder-text': 'error' },
      overrides: [
        { files: ['drafts/**'], rules: { 'placeholder-text': 'warn' } },
        { files: ['drafts/alerts/**'], schema: './alert.schema.json', rules: { 'placeholder-text': 'off' } },
      ],
    }),
    '/r/alert.schema.json': json({ $id: 'runbook-lint:alert', type: 'object' }),
  });
  const resolver = new ConfigResolver({ host });
  assert.equal((await resolver.resolve('/r/live/a.md')).ruleSettings['placeholder-text'], 'error');
  assert.equal((await resolver.resolve('/r/drafts/a.md')).ruleSettings['placeholder-text'], 'warn');
  const alert = await resolver.resolve('/r/drafts/alerts/a.md');
  assert.equal(alert.ruleSettings['placeholder-text'], 'off');
  assert.equal(alert.schema.compiled.info.id, 'runbook-lint:alert');
  assert.equal(alert.schemaChoice.why, '"schema" in /r/.runbook-lint.json (overrides[1])');
});

test('cycles, missing files and missing packages are config errors located at the extends entry', async () => {
  const cycle = await rejection(new ConfigResolver({ host: memoryHost({ '/r/.runbook-lint.json': json({ extends: './a.json' }), '/r/a.json': json({ extends: ['./b.json'] }), '/r/b.json': json({ extends: ['./a.json'] }) }) }).resolve('/r/x.md'));
  assert.equal(cycle.kind, 'config');
  assert.equal(cycle.problems[0]!.file, '/r/b.json');
  assert.equal(cycle.problems[0]!.message, '"extends" cycle: /r/a.json → /r/b.json → /r/a.json.');
  const self = await rejection(new ConfigResolver({ host: memoryHost({ '/r/.runbook-lint.json': json({ extends: './.runbook-lint.json' }) }) }).resolve('/r/x.md'));
  assert.match(self.problems[0]!.message, /"extends" cycle: \/r\/\.runbook-lint\.json → \/r\/\.runbook-lint\.json/);
  const missing = await rejection(new ConfigResolver({ host: memoryHost({ '/r/.runbook-lint.json': '{\n  "extends": ["./nope.json"]\n}' }) }).resolve('/r/x.md'));
  assert.deepEqual([missing.problems[0]!.line, missing.problems[0]!.column], [2, 15]);
  assert.match(missing.problems[0]!.message, /Extended config \/r\/nope\.json does not exist/);
  const pkg = await rejection(new ConfigResolver({ host: memoryHost({ '/r/.runbook-lint.json': json({ extends: 'runbook-lint-config-nope' }) }) }).resolve('/r/x.md'));
  assert.match(pkg.problems[0]!.message, /Cannot find the shared config package "runbook-lint-config-nope" from \/r .*npm install --save-dev runbook-lint-config-nope/);
  const bad = await rejection(new ConfigResolver({ host: memoryHost({ '/r/.runbook-lint.json': json({ extends: './a.json' }), '/r/a.json': json({ rules: { nope: 'off' } }) }) }).resolve('/r/x.md'));
  assert.equal(bad.problems[0]!.file, '/r/a.json', 'an extended file\'s own problems are reported on it');
  const override = await rejection(new ConfigResolver({ host: memoryHost({ '/r/.runbook-lint.json': json({ overrides: [{ files: ['x/**'], rules: { 'stale-review': ['error', { maxAgeDays: 0 }] } }] }) }) }).resolve('/r/x.md'));
  assert.equal(override.problems[0]!.message, '`maxAgeDays` must be a whole number of days, at least 1.');
});

test('CLI: --print-config names every contributing file; a cycle exits 2 with file:line:column', async () => {
  const dir = tempProject({
    '.runbook-lint.json': json({ rules: { 'section-order': 'off' } }),
    'team/.runbook-lint.jsonc': json({ extends: './base.json', overrides: [{ files: ['drafts/**'], rules: { 'placeholder-text': 'warn' } }] }),
    'team/base.json': json({ rules: { 'empty-section': 'error' } }),
    'team/drafts/a.md': CLEAN,
  });
  const r = await runCliInProcess(['--print-config', 'team/drafts/a.md'], dir);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { rules: Record<string, unknown>; sources: Array<{ file: string; via: string; set: string[] }> };
  assert.deepEqual(out.sources, [
    { file: join(dir, '.runbook-lint.json'), via: 'parent folder config', set: ['rules.section-order'] },
    { file: join(dir, 'team', 'base.json'), via: `extends of ${join(dir, 'team', '.runbook-lint.jsonc')}`, set: ['rules.empty-section'] },
    { file: join(dir, 'team', '.runbook-lint.jsonc'), via: 'overrides[0]', set: ['rules.placeholder-text'] },
  ]);
  assert.equal(out.rules['section-order'], 'off');
  const level = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  assert.equal(level(out.rules['placeholder-text']), 'warn', 'the override applies to drafts/**');

  const cyc = tempProject({ '.runbook-lint.json': '{\n  "extends": "./b.json"\n}', 'b.json': json({ extends: './.runbook-lint.json' }), 'a.md': CLEAN });
  const c = await runCliInProcess(['a.md'], cyc);
  assert.equal(c.code, 2);
  assert.ok(c.stderr.includes(`${join(cyc, 'b.json')}:1:12: "extends" cycle:`), c.stderr);
});

test('runbook_schema in the front matter chooses the schema, relative to the runbook, over the config (trusted only)', async () => {
  const files = {
    '/r/.runbook-lint.json': json({ schema: './team.schema.json' }),
    '/r/team.schema.json': json({ $id: 'runbook-lint:team', type: 'object' }),
    '/r/alerts/schemas/alert.schema.json': json({ $id: 'runbook-lint:alert', type: 'object' }),
  };
  const text = '---\nowner: SRE\nrunbook_schema: ./schemas/alert.schema.json # this runbook is an alert runbook\n---\n# Disk full\n';
  const resolver = new ConfigResolver({ host: memoryHost(files) });
  const r = await resolver.resolve('/r/alerts/disk.md', { runbookText: text });
  assert.equal(r.schema.compiled.info.id, 'runbook-lint:alert');
  assert.equal(r.schemaChoice.source, 'frontmatter');
  assert.equal(r.schemaChoice.why, '"runbook_schema" in the front matter of /r/alerts/disk.md');
  assert.equal((await resolver.resolve('/r/alerts/other.md', { runbookText: '# No front matter\n' })).schema.compiled.info.id, 'runbook-lint:team');
  assert.equal((await resolver.resolve('/r/alerts/q.md', { runbookText: "---\nrunbook_schema: 'runbook-lint:continuity'\n---\n" })).schemaChoice.ref, 'runbook-lint:continuity');

  const untrusted = await new ConfigResolver({ host: memoryHost(files), trusted: false }).resolve('/r/alerts/disk.md', { runbookText: text });
  assert.equal(untrusted.schemaChoice.source, 'untrusted', 'an untrusted workspace never reads the named file');

  const missing = await rejection(resolver.resolve('/r/alerts/x.md', { runbookText: '---\nrunbook_schema: "./nope.json"\n---\n' }));
  assert.equal(missing.kind, 'schema');
  assert.deepEqual([missing.problems[0]!.file, missing.problems[0]!.line, missing.problems[0]!.column], ['/r/alerts/x.md', 2, 17]);
  assert.match(missing.problems[0]!.message, /Schema file \/r\/alerts\/nope\.json does not exist \("runbook_schema" is resolved relative to the runbook's folder\)/);
  const remote = await rejection(resolver.resolve('/r/alerts/y.md', { runbookText: '---\nrunbook_schema: https://example.com/s.json\n---\n' }));
  assert.match(remote.problems[0]!.message, /URLs are never fetched/);
});

test('CLI: runbook_schema is named in --print-config; a missing one exits 2 at its line:column', async () => {
  const dir = tempProject({
    'alert.schema.json': json({ $id: 'runbook-lint:alert', type: 'object' }),
    'a.md': '---\nrunbook_schema: ./alert.schema.json\n---\n# A\n',
    'b.md': '---\nowner: x\nrunbook_schema: ./missing.json\n---\n# B\n',
  });
  const r = await runCliInProcess(['--print-config', 'a.md'], dir);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { schema: { id: string; why: string } };
  assert.equal(out.schema.id, 'runbook-lint:alert');
  assert.equal(out.schema.why, `schema ./alert.schema.json ("runbook_schema" in the front matter of ${join(dir, 'a.md')})`);
  const bad = await runCliInProcess(['b.md'], dir);
  assert.equal(bad.code, 2);
  assert.ok(bad.stderr.includes(`${join(dir, 'b.md')}:3:17: Schema file ${join(dir, 'missing.json')} does not exist`), bad.stderr);
});
