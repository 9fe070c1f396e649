/**
 * docs/rules/<rule-id>.md: one page per rule, opening with its id, whose "Fails:" example makes the
 * rule report and whose "Passes:" example (or the example runbook it names) keeps it silent.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../src/core/rules/index.js';
import { ruleDocsUrl } from '../../src/core/docs-links.js';
import type { RuleSetting } from '../../src/core/types.js';
import { lintWithDefaults, repoRoot } from '../helpers/lint.js';

/** The ```markdown block after a "Fails…:" / "Passes…:" line, made a runbook body (a title first). */
function example(page: string, label: 'Fails' | 'Passes'): string | undefined {
  // Four backticks fence an example that itself holds a fenced block.
  const m = new RegExp(`^${label}[^\\n]*:\\n\\n(\`{3,4})markdown\\n([\\s\\S]*?)\\n\\1\\n`, 'm').exec(page);
  if (!m) return undefined;
  const body = m[2]! + '\n';
  return body.startsWith('---') ? body.replace(/\n---\n/, '\n---\n\n# Example runbook\n') : `# Example runbook\n\n${body}`;
}

function findingsOf(text: string, ruleId: string): string[] {
  const result = lintWithDefaults(text, { [ruleId]: 'error' as RuleSetting });
  assert.deepEqual(result.findings.filter((f) => f.ruleId === 'fatal'), []);
  return result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.range.start.line}: ${f.message}`);
}

for (const rule of builtinRules) {
  const id = rule.meta.id;
  test(`docs/rules/${id}.md documents the rule, and its examples fail and pass as it says`, () => {
    const path = join(repoRoot, 'docs', 'rules', `${id}.md`);
    assert.ok(existsSync(path), `${id} has a page`);
    const page = readFileSync(path, 'utf8');
    assert.equal(page.split('\n')[0], `# \`${id}\``);
    assert.match(page, /\*\*Default severity:\*\*/);
    assert.ok(ruleDocsUrl(id).endsWith(`/docs/rules/${id}.md`));

    const fails = example(page, 'Fails');
    assert.ok(fails, `${id}: a "Fails:" example`);
    assert.ok(findingsOf(fails, id).length > 0, `${id}: the failing example fails`);

    const passes = example(page, 'Passes');
    if (passes) {
      assert.deepEqual(findingsOf(passes, id), [], `${id}: the passing example passes`);
    } else {
      const named = /^Passes:[^\n]*`(examples\/[\w.-]+\.md)`/m.exec(page);
      assert.ok(named, `${id}: a "Passes:" example or a named example runbook`);
      assert.deepEqual(findingsOf(readFileSync(join(repoRoot, named[1]!), 'utf8'), id), [], `${id}: ${named[1]} passes`);
    }
  });
}

test('docs/rules/README.md lists every rule', () => {
  const index = readFileSync(join(repoRoot, 'docs', 'rules', 'README.md'), 'utf8');
  for (const rule of builtinRules) assert.ok(index.includes(`(${rule.meta.id}.md)`), `${rule.meta.id} in the index`);
});
