import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../src/core/index.js';
import { repoRoot } from '../helpers/lint.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

test('README opens with the setup-and-run command and the test command', () => {
  const head = readme.split('\n').slice(0, 40).join('\n');
  assert.match(head, /npm ci && npx runbook-lint examples\//);
  assert.match(head, /npm test/);
});

for (const rule of builtinRules) {
  test(`README documents rule ${rule.meta.id}`, () => {
    assert.equal(rule.meta.docs, `rule-${rule.meta.id}`, 'docs anchor follows the rule-<id> convention');
    assert.ok(readme.includes(`<a id="rule-${rule.meta.id}"></a>`), `README needs the anchor rule-${rule.meta.id}`);
    assert.match(readme, new RegExp(`^### \`?${rule.meta.id}\`?`, 'm'), `README needs a "### ${rule.meta.id}" heading`);
    assert.ok(!/PLACEHOLDER|pending/.test(rule.meta.description), `rule ${rule.meta.id} has a real description`);
  });
}

test('every rule row of the README table names a real rule', () => {
  const ids = new Set(builtinRules.map((r) => r.meta.id));
  const rows = [...readme.matchAll(/^\| \[`([a-z-]+)`\]\(#rule-/gm)].map((m) => m[1]!);
  assert.ok(rows.length >= ids.size, 'README has a rules table with a row per rule');
  for (const id of rows) assert.ok(ids.has(id), `README lists unknown rule ${id}`);
});
