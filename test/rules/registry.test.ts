/**
 * A rule is one file in src/core/rules/ plus its page docs/rules/<rule-id>.md: the registry, the
 * config schema's rule ids and option schemas, and the editor setting's id enum are derived from the
 * rule definitions (scripts/sync-rules.mjs, run by `npm run build`), and must be checked in up to date.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinRules } from '../../src/core/rules/index.js';
import { builtinRuleMetas } from '../../src/core/rules/metas.js';
import { ruleSettingProblems, validateConfigDoc } from '../../src/core/config/validate.js';
import { parseJsonDoc } from '../../src/core/config/json.js';
import { lintWithDefaults, repoRoot, fixturesDir } from '../helpers/lint.js';
import type { RuleSetting } from '../../src/core/types.js';

const rulesDir = join(repoRoot, 'src', 'core', 'rules');

test('every file in src/core/rules/ is a registered rule named by its id', () => {
  // index.ts (the registry) and metas.ts (the rules' metadata, for config resolution) are generated.
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'metas.ts').map((f) => f.slice(0, -3)).sort();
  assert.deepEqual([...builtinRules.map((r) => r.meta.id)].sort(), files);
  assert.equal(new Set(builtinRules.map((r) => r.meta.id)).size, builtinRules.length, 'ids are unique');
});

test('metas.ts holds every rule\'s metadata as defined, in registry order (what config resolution uses)', () => {
  assert.deepEqual(builtinRuleMetas, builtinRules.map((r) => r.meta));
});

test('registry, config schema and package.json settings are up to date with the rule definitions', async () => {
  const sync = (await import(pathToFileURL(join(repoRoot, 'scripts', 'sync-rules.mjs')).href)) as { checkRuleFiles(root: string): Promise<string[]> };
  assert.deepEqual(await sync.checkRuleFiles(repoRoot), [], 'run `npm run build` (or node scripts/sync-rules.mjs) and commit the result');
});

test('the config schema and the settings enum list every rule id in registry order', () => {
  const ids = builtinRules.map((r) => r.meta.id);
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'config.schema.json'), 'utf8'));
  assert.deepEqual(schema.properties.rules.propertyNames.enum, ids);
  assert.deepEqual(Object.keys(schema.properties.rules.properties), ids);
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.contributes.configuration.properties['runbookLint.rules'].propertyNames.enum, ids);
  // A rule's options reach the config schema (editor completion and validation), with their defaults.
  const staleReview = schema.properties.rules.properties['stale-review'].anyOf[2].prefixItems[1];
  assert.deepEqual(Object.keys(staleReview.properties), ['maxAgeDays', 'warnDaysBefore']);
  assert.equal(staleReview.properties.warnDaysBefore.default, 0);
});

test('every rule has its page docs/rules/<id>.md, and every page there is a rule', () => {
  const pages = readdirSync(join(repoRoot, 'docs', 'rules')).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(pages, builtinRules.map((r) => r.meta.id).sort());
});

test('every finding of a built-in rule carries a messageId of its meta.messages', () => {
  const seen = new Map<string, Set<string>>();
  for (const rule of builtinRules) {
    assert.ok(rule.meta.messages && Object.keys(rule.meta.messages).length > 0, `${rule.meta.id} declares meta.messages`);
    seen.set(rule.meta.id, new Set());
  }
  const dir = join(fixturesDir, 'rules');
  for (const ruleDir of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, ruleDir)).filter((f) => f.endsWith('.md'))) {
      const everyRule = Object.fromEntries(builtinRules.map((r) => [r.meta.id, 'error' as RuleSetting]));
      for (const f of lintWithDefaults(readFileSync(join(dir, ruleDir, file), 'utf8'), everyRule).findings) {
        assert.notEqual(f.ruleId, 'fatal', `${ruleDir}/${file}: ${f.message}`);
        const rule = builtinRules.find((r) => r.meta.id === f.ruleId)!;
        assert.ok(f.messageId && f.messageId in rule.meta.messages!, `${ruleDir}/${file}: ${f.ruleId} reported "${f.message}" without a messageId`);
        seen.get(f.ruleId)!.add(f.messageId);
      }
    }
  }
  // The fixtures reach every rule's main messages (not necessarily every variant).
  for (const [id, ids] of seen) assert.ok(ids.size > 0, `${id}: no fixture finding`);
});

test('a bad rule option reads the same from the config file (config schema) and the editor setting (rule schema)', () => {
  const cases: Array<[string, unknown, string]> = [
    ['backup-channels', { minChannels: 'two' }, 'Rule "backup-channels": option "minChannels" must be integer.'],
    ['recovery-objectives', { required: ['mtd'] }, 'Rule "recovery-objectives": option "required.0" must be equal to one of the allowed values ("rto", "rpo").'],
    ['escalation-path', { minTier: 3 }, 'Rule "escalation-path" has no option "minTier"; its options are: minTiers.'],
    ['stale-review', { maxAgeDays: 0 }, '`maxAgeDays` must be a whole number of days, at least 1.'],
  ];
  for (const [id, options, expected] of cases) {
    const rules = { [id]: ['error', options] };
    const text = JSON.stringify({ rules }, null, 2);
    const { doc } = parseJsonDoc('/ws/.runbook-lint.json', text, { jsonc: true });
    assert.deepEqual(validateConfigDoc(doc).problems.map((p) => p.message), [expected], `config file: ${id}`);
    const setting = parseJsonDoc('settings.json', JSON.stringify(rules), { jsonc: true }).doc;
    assert.deepEqual(ruleSettingProblems(setting, rules, '').map((p) => p.message), [expected], `setting: ${id}`);
  }
});

test('the registry keeps the order rules were added in: a new file comes last, a removed one goes', async () => {
  const sync = (await import(pathToFileURL(join(repoRoot, 'scripts', 'sync-rules.mjs')).href)) as {
    registryIds(root: string): string[];
    registrySource(ids: string[]): string;
    withRuleTable(page: string, rules: ReadonlyArray<{ meta: { id: string; severity: string; fixable: boolean; description: string } }>, linkBase: string): string;
  };
  const root = mkdtempSync(join(tmpdir(), 'rules-registry-'));
  try {
    const dir = join(root, 'src', 'core', 'rules');
    mkdirSync(dir, { recursive: true });
    for (const id of ['zeta', 'alpha', 'mid']) writeFileSync(join(dir, `${id}.ts`), '');
    writeFileSync(join(dir, 'index.ts'), sync.registrySource(['zeta', 'alpha']));
    assert.deepEqual(sync.registryIds(root), ['zeta', 'alpha', 'mid']);
    rmSync(join(dir, 'alpha.ts'));
    assert.deepEqual(sync.registryIds(root), ['zeta', 'mid']);
    assert.match(sync.registrySource(['no-thing']), /^import noThing from '\.\/no-thing\.js';$/m);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  // The rules tables: rows replaced under the head, the text around them kept; `|` escaped.
  const page = 'Intro\n\n| Rule | Default | Fixable | What it reports |\n| --- | --- | --- | --- |\n| [`old`](old.md) | error |  | Gone. |\n\nAfter.\n';
  const table = sync.withRuleTable(page, [{ meta: { id: 'a-b', severity: 'warning', fixable: true, description: 'One | two.' } }], 'docs/rules/');
  assert.equal(table, 'Intro\n\n| Rule | Default | Fixable | What it reports |\n| --- | --- | --- | --- |\n| [`a-b`](docs/rules/a-b.md) | warning | yes | One \\| two. |\n\nAfter.\n');
});
