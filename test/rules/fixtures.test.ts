/**
 * Fixture tests for every rule: test/fixtures/rules/<rule-id>/<name>.md is linted with the default
 * schema and "today" = 2026-11-23; the findings OF THAT RULE must equal <name>.expected.json exactly
 * (an empty array for passing fixtures). Optional <name>.options.json holds the rule's setting,
 * e.g. ["error", { "maxAgeDays": 180 }].
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../src/core/rules/index.js';
import { fixturesDir, lintWithDefaults } from '../helpers/lint.js';

interface Expected {
  line: number;
  column?: number;
  endLine?: number;
  severity: 'error' | 'warning';
  /** Substrings the message must contain. */
  message: string | string[];
  /** The finding must (true) or must not (false) carry a fix. */
  fixable?: boolean;
}

const root = join(fixturesDir, 'rules');

for (const rule of builtinRules) {
  const dir = join(root, rule.meta.id);
  test(`rule ${rule.meta.id} has passing and failing fixtures`, () => {
    assert.ok(existsSync(dir), `missing fixture folder ${dir}`);
    const names = readdirSync(dir).filter((n) => n.endsWith('.md'));
    const expectations = names.map((n) => JSON.parse(readFileSync(join(dir, n.replace(/\.md$/, '.expected.json')), 'utf8')) as Expected[]);
    assert.ok(expectations.some((e) => e.length === 0), 'needs at least one fixture with no findings');
    assert.ok(expectations.some((e) => e.length > 0), 'needs at least one fixture with findings');
  });
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    test(`rule ${rule.meta.id}: ${name}`, () => {
      const base = join(dir, name.replace(/\.md$/, ''));
      const text = readFileSync(base + '.md', 'utf8');
      const expected = JSON.parse(readFileSync(base + '.expected.json', 'utf8')) as Expected[];
      const setting = existsSync(base + '.options.json') ? JSON.parse(readFileSync(base + '.options.json', 'utf8')) : undefined;
      const result = lintWithDefaults(text, setting ? { [rule.meta.id]: setting } : {});
      assert.equal(result.findings.filter((f) => f.ruleId === 'fatal').length, 0, 'fixture must not be fatal');
      const actual = result.findings.filter((f) => f.ruleId === rule.meta.id);
      const show = actual.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.message}`).join('\n');
      assert.equal(actual.length, expected.length, `expected ${expected.length} finding(s), got:\n${show}`);
      expected.forEach((e, i) => {
        const f = actual[i]!;
        assert.equal(f.range.start.line, e.line, `finding ${i} line\n${show}`);
        if (e.column !== undefined) assert.equal(f.range.start.column, e.column, `finding ${i} column`);
        if (e.endLine !== undefined) assert.equal(f.range.end.line, e.endLine, `finding ${i} endLine`);
        assert.equal(f.severity, e.severity, `finding ${i} severity`);
        for (const part of Array.isArray(e.message) ? e.message : [e.message]) assert.ok(f.message.includes(part), `finding ${i} message "${f.message}" should contain "${part}"`);
        if (e.fixable !== undefined) assert.equal(Boolean(f.fix), e.fixable, `finding ${i} fix`);
        // Every range lies inside the document.
        assert.ok(f.range.end.offset <= text.length && f.range.start.offset <= f.range.end.offset);
      });
    });
  }
}
