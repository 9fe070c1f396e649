import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../src/core/rules/index.js';
import { repoRoot } from '../helpers/lint.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

test('README opens with the setup-and-run command and the test command', () => {
  const head = readme.split('\n').slice(0, 40).join('\n');
  assert.match(head, /npm ci && npx runbook-lint examples\//);
  assert.match(head, /npm test/);
});

test('README is the overview: at most 300 lines, the details live in docs/', () => {
  assert.ok(readme.split('\n').length <= 300, `README has ${readme.split('\n').length} lines`);
});

test('every rule row of the README table names a real rule and links its page', () => {
  const ids = new Set(builtinRules.map((r) => r.meta.id));
  const rows = [...readme.matchAll(/^\| \[`([a-z-]+)`\]\(docs\/rules\/([a-z-]+)\.md\)/gm)];
  assert.equal(rows.length, ids.size, 'README has a rules table with a row per rule');
  for (const [, id, page] of rows) {
    assert.ok(ids.has(id!), `README lists unknown rule ${id}`);
    assert.equal(page, id);
  }
});

test('relative links of README and docs/ point at files that exist', () => {
  const pages = ['README.md', ...builtinRules.map((r) => `docs/rules/${r.meta.id}.md`), 'docs/rules/README.md'];
  for (const page of pages) {
    const text = readFileSync(join(repoRoot, page), 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      assert.ok(existsSync(join(repoRoot, page, '..', target!)), `${page} links to ${target}, which exists`);
    }
  }
});
