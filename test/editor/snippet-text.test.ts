import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { rewriteSnippet, runbookSkeleton, sectionSnippet } from '../../src/editor/snippet-text.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { lintText } from '../../src/core/lint.js';

/** What VS Code inserts for a snippet when every placeholder keeps its default. */
function expand(s: string): string {
  let t = s;
  for (let g = 0; g < 50; g++) {
    const n = t
      .replace(/\$\{(\d+)\|([^|}]*)\|\}/g, (_m, _n, c: string) => c.split(',')[0]!)
      .replace(/\$\{(\d+):((?:[^${}\\]|\\.)*)\}/g, (_m, _n, l: string) => l)
      .replace(/\$\{CURRENT_YEAR\}/g, '2026').replace(/\$\{CURRENT_MONTH\}/g, '11').replace(/\$\{CURRENT_DATE\}/g, '23')
      .replace(/\$\{(\d+)\}/g, '');
    if (n === t) break;
    t = n;
  }
  return t.replace(/\\([$}\\])/g, '$1');
}

test('rewriteSnippet renumbers tab stops, wraps defaults as [insert …], keeps choices and variables', () => {
  const r = rewriteSnippet('a ${1:name} b ${2|x,y|} $3 ${CURRENT_YEAR} ${4:[insert kept]} \\$5 $0', 10);
  assert.equal(r.text, 'a ${11:[insert name]} b ${12|x,y|} ${13} ${CURRENT_YEAR} ${14:[insert kept]} \\$5 ');
  assert.equal(r.max, 14);
  assert.equal(rewriteSnippet('${1:outer ${2:inner}}', 0).text, '${1:[insert outer ${2:[insert inner]}]}');
});

test('sectionSnippet: heading at the level asked, body from x-snippet', () => {
  const spec = builtinSchema().info.sectionById.get('escalation-contacts')!;
  const s = sectionSnippet(spec, 3);
  assert.match(s.text, /^### Escalation Contacts\n\n/);
  assert.match(s.text, /\$\{1:\[insert /);
});

test('the new-runbook skeleton of the built-in schema has distinct tab stops and, untouched, only placeholder findings', () => {
  const schema = builtinSchema();
  const snippet = runbookSkeleton(schema.info, 'Payments outage');
  const stops = [...snippet.matchAll(/\$\{(\d+)[:|]/g)].map((m) => Number(m[1]));
  assert.equal(new Set(stops).size, stops.length, 'no two placeholders share a tab stop');
  const text = expand(snippet);
  assert.match(text, /^---\nowner: "\[insert /);
  assert.match(text, /^# Payments outage$/m);
  const findings = lintText(text, { schema, now: new Date('2026-11-23T12:00:00Z') }).findings;
  for (const id of ['required-section', 'frontmatter', 'schema', 'section-order', 'duplicate-section', 'stale-review', 'fatal']) {
    assert.deepEqual(findings.filter((f) => f.ruleId === id).map((f) => f.message), [], `no ${id} findings`);
  }
  assert.ok(findings.filter((f) => f.ruleId === 'placeholder-text').length > 20);
});
