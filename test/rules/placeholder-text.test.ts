import test from 'node:test';
import assert from 'node:assert/strict';
import { lintWithDefaults } from '../helpers/lint.js';

function placeholders(text: string, rules = {}) {
  return lintWithDefaults(text, rules).findings.filter((f) => f.ruleId === 'placeholder-text').map((f) => text.slice(f.range.start.offset, f.range.end.offset));
}

test('real HTML, autolinks and markup are not angle placeholders', () => {
  assert.deepEqual(placeholders('# R\n\nLine<br>break, <br/>, <kbd>Esc</kbd>, <sup>1</sup>, <https://status.example.com>, <oncall@example.com>, <a href="https://x.example">x</a>.\n'), []);
  assert.deepEqual(placeholders('# R\n\nCall <team name> on <phone>, then List<String> and 3 < 4 > 2.\n'), ['<team name>', '<phone>']);
});

test('element names that are also placeholder words count as HTML only when the document closes them', () => {
  assert.deepEqual(placeholders('# R\n\nOwner: <title>\n'), ['<title>']);
  assert.deepEqual(placeholders('# R\n\nOwner: <time>2026-01-01</time>\n'), []);
});

test('bracketed text: template values yes, UI paths, log tags, status badges and broken links no', () => {
  const text = '# R\n\n- [System Name] owner: [Name], [Phone Number], [date]\n- Go to [Settings] -> [Integrations] -> [Team Name]; press [Enter]; grep for [ERR]; see [ci_graphs.md]\n- [WIP] [Deprecated] [1] [x] [ ] [a-z]\n- [Describe the failover strategy]\n';
  assert.deepEqual(placeholders(text), ['[System Name]', '[Name]', '[Phone Number]', '[date]', '[Describe the failover strategy]']);
});

test('curly templates: NIST style yes, shell, Jinja and brace expansion no', () => {
  const text = '# R\n\nRestore within {RTO hours} at {Alternate Site Name}; not ${HOME}, {{ .Values.x }}, %{x}, {a,b,c}, {db_,cpu_,}.\n';
  assert.deepEqual(placeholders(text), ['{RTO hours}', '{Alternate Site Name}']);
});

test('placeholder words need word boundaries and the right case', () => {
  const text = '# R\n\nTODOS, MY_TODO_LIST, todo list, xxxl, tbd, _TODO_, **TBD**, XXX-XXX-1234\n';
  assert.deepEqual(placeholders(text), ['tbd', 'TODO', 'TBD', 'XXX-XXX-1234']);
});

test('front-matter flow lists are YAML, not brackets; their items are still checked', () => {
  const text = '---\nsystems: [Checkout API, "[insert system]"]\nowner: <owner>\n---\n\n# R\n';
  assert.deepEqual(placeholders(text), ['[insert system]', '<owner>']);
});

test('options: non-string entries are ignored instead of crashing the rule', () => {
  const result = lintWithDefaults('# R\n\nTBD\n', { 'placeholder-text': ['error', { words: [42, 'TBC'], allow: [null] }] });
  assert.equal(result.findings.filter((f) => f.ruleId === 'fatal').length, 0);
  assert.equal(result.findings.filter((f) => f.ruleId === 'placeholder-text').length, 1);
});

test('placeholders inside deeply nested block quotes and lists are found', () => {
  const text = '# R\n\n' + '> '.repeat(40) + '- '.repeat(8) + 'Owner: TBD\n';
  const result = lintWithDefaults(text);
  assert.equal(result.findings.filter((f) => f.ruleId === 'fatal').length, 0);
  assert.deepEqual(placeholders(text), ['TBD']);
});

test('a required-table cell holding only a placeholder is reported once, as the placeholder', () => {
  const text = '# R\n\n## Escalation Contacts\n\n| Tier | Contact | Phone |\n| --- | --- | --- |\n| 1 | Head of IT | <phone> |\n| 2 | CTO |  |\n';
  const found = lintWithDefaults(text).findings.filter((f) => f.ruleId === 'placeholder-text');
  assert.deepEqual(found.map((f) => `${f.range.start.line}:${f.range.start.column}`), ['7:20', '8:12']);
  assert.match(found[0]!.message, /Placeholder "<phone>"/);
  assert.match(found[1]!.message, /Empty cell in column "Phone", row 2 of the table in "Escalation Contacts"/);
});
