import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mergeRuleConfigs, parseConfigText, validateRules } from '../../src/vscode/config-file.js';

test('a valid JSONC config parses (comments, trailing commas)', () => {
  const r = parseConfigText('{\n  // which files\n  "include": ["runbooks/**/*.md"],\n  "rules": { "section-order": "off", "stale-review": ["error", { "maxAgeDays": 180 }], },\n}');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.config?.include, ['runbooks/**/*.md']);
});

test('problems carry the offset of the offending value', () => {
  const text = '{ "rules": { "no-such-rule": "error" } }';
  const r = parseConfigText(text);
  assert.equal(r.config, undefined);
  assert.ok(r.problems.length >= 1);
  assert.match(r.problems[0]!.message, /Unknown rule "no-such-rule"/);
  assert.equal(text.slice(r.problems[0]!.offset, r.problems[0]!.offset + r.problems[0]!.length), '"no-such-rule"');
  const bad = '{ "rules": { "stale-review": ["error", { "maxAgeDayz": 3 }] } }';
  const p = parseConfigText(bad).problems;
  assert.ok(p.some((x) => /no option "maxAgeDayz"/.test(x.message)), JSON.stringify(p));
  assert.ok(parseConfigText('{ "rules": { "section-order": "loud" } }').problems.length > 0);
  assert.match(parseConfigText('{ "include": [').problems[0]!.message, /not valid JSON/);
  assert.match(parseConfigText('[]').problems[0]!.message, /must be a JSON object/);
  assert.ok(parseConfigText('{ "schema": "https://example.com/s.json" }').problems.length > 0, 'remote schema refused');
});

test('the rules setting layers over the config rules', () => {
  const m = mergeRuleConfigs({ 'section-order': 'off', 'empty-section': 'error' }, { 'section-order': 'warn' });
  assert.equal(m.get('section-order')!.severity, 'warning');
  assert.equal(m.get('empty-section')!.severity, 'error');
  assert.deepEqual(validateRules({ 'required-section': 'warn' }, undefined, ''), []);
  assert.match(validateRules({ nope: 'warn' }, undefined, '')[0]!.message, /Unknown rule/);
});
