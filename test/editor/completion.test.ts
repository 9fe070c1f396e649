import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { lintText } from '../../src/core/lint.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';
import { completionItems, hoverAt, type SchemaContext } from '../../src/editor/index.js';
import { TODAY } from '../helpers/lint.js';
import { applyTextEdits, exampleRunbook, withoutSections } from '../helpers/lsp.js';

const schema: SchemaContext = { info: builtinSchema().info, label: 'built-in runbook-lint:continuity' };
const lint = (t: string) => lintText(t, { schema: builtinSchema(), now: TODAY });

function apply(text: string, item: CompletionItem): string {
  assert.ok(item.textEdit && 'range' in item.textEdit);
  return applyTextEdits(text, [item.textEdit]);
}

test('on a "## " line: the missing sections, as snippets of their template, at the level typed', () => {
  const base = withoutSections(exampleRunbook(), ['Escalation Contacts', 'Dependencies']);
  const text = base + '\n### ';
  const line = text.split('\n').length - 1;
  const items = completionItems(text, { line, character: 4 }, schema, lint(base))!;
  assert.deepEqual(items.map((i) => i.label), ['Escalation Contacts', 'Dependencies']);
  const esc = items[0]!;
  assert.equal(esc.kind, 15);
  assert.equal(esc.insertTextFormat, 2);
  assert.equal(esc.labelDetails?.description, 'required section');
  assert.equal(items[1]!.labelDetails?.description, 'recommended section');
  assert.match(apply(text, esc), /\n### Escalation Contacts\n\n[\s\S]*\$\{1:\[insert /);
  assert.match((esc.documentation as MarkupContent).value, /\[Rule docs\]\(https:.*\/docs\/rules\/escalation-path\.md\)/);
  // Writing the title (level 1) gets nothing; a plain paragraph line gets nothing.
  assert.equal(completionItems('# Pay', { line: 0, character: 5 }, schema), undefined);
  assert.equal(completionItems(text, { line: 25, character: 3 }, schema), undefined);
});

test('front matter: missing keys with their descriptions, enum values after the colon', () => {
  const text = exampleRunbook().replace(/^status: .*\n/m, '').replace('---\n', '---\n\n');
  const keys = completionItems(text, { line: 1, character: 0 }, schema)!;
  const labels = keys.map((i) => i.label);
  assert.ok(labels.includes('status'), labels.join(', '));
  assert.ok(!labels.includes('owner'), 'present keys are not offered');
  assert.ok(keys.every((i) => i.kind === 10));
  const withKey = text.replace('---\n\n', '---\nstatus:\n');
  const values = completionItems(withKey, { line: 1, character: 7 }, schema)!;
  assert.deepEqual(values.map((i) => i.label).sort(), ['active', 'draft', 'in-review', 'retired']);
  assert.equal(apply(withKey, values.find((v) => v.label === 'draft')!).split('\n')[1], 'status: draft');
});

test('hover: a section heading shows its schema description and rule docs; a key its rules', () => {
  const text = exampleRunbook();
  const lines = text.split('\n');
  const heading = lines.indexOf('## Backup Communication Channels');
  const h = hoverAt(text, { line: heading, character: 5 }, schema, lint(text))!;
  const value = (h.contents as MarkupContent).value;
  assert.match(value, /\*\*Backup Communication Channels\*\* — required section/);
  assert.match(value, /\*Why this heading:\* recognised as Backup Communication Channels: /);
  assert.match(value, /\/docs\/rules\/[a-z-]+\.md/);
  assert.deepEqual(h.range, { start: { line: heading, character: 0 }, end: { line: heading, character: lines[heading]!.length } });
  // A heading under another name: the hover says which alias or pattern made it that section.
  const renamed = text.replace('## Backup Communication Channels', '## Out-of-Band Communication');
  const alias = (hoverAt(renamed, { line: heading, character: 5 }, schema, lint(renamed))!.contents as MarkupContent).value;
  assert.match(alias, /^\*\*Backup Communication Channels\*\*[\s\S]*Why this heading:\* recognised as Backup Communication Channels: .*Out-of-Band Communication/);
  // A heading that is no schema section says so, and what its content counts for.
  const extra = text.replace('## Backup Communication Channels\n', '## Backup Communication Channels\n\n### Radio net\n\nChannel 4.\n');
  const sub = hoverAt(extra, { line: heading + 2, character: 5 }, schema, lint(extra))!;
  assert.match((sub.contents as MarkupContent).value, /^\*\*Radio net\*\* — not a schema section/);
  const reviewed = lines.findIndex((l) => l.startsWith('last_reviewed:'));
  const k = hoverAt(text, { line: reviewed, character: 3 }, schema)!;
  assert.match((k.contents as MarkupContent).value, /last_reviewed[\s\S]*rules\/stale-review\.md/);
  assert.equal(hoverAt(text, { line: reviewed, character: 20 }, schema), undefined, 'not on the value');
  assert.equal(hoverAt(text, { line: heading + 2, character: 1 }, schema), undefined, 'not on body text');
});

test('hover on a heading says why it is (or is not) a schema section, from core', () => {
  const text = '# Plan\n\n## Escalation paths\n\n- Tier 1: SRE\n\n### Notes\n\nn\n';
  const lines = text.split('\n');
  const h = hoverAt(text, { line: lines.indexOf('## Escalation paths'), character: 4 }, schema, lint(text))!;
  const value = (h.contents as MarkupContent).value;
  assert.match(value, /\*Why this heading:\* recognised as Escalation Contacts: heading reads as the alias "Escalation Path"\./);
  assert.match(value, /\*\*Escalation Contacts\*\* — required section/);
  const sub = hoverAt(text, { line: lines.indexOf('### Notes'), character: 4 }, schema, lint(text))!;
  assert.match((sub.contents as MarkupContent).value, /\*\*Notes\*\* — not a schema section; its content counts for Escalation Contacts \("Escalation paths"\)/);
  // Without a lint result (first keystrokes), the recogniser alone names the section and the pattern.
  const quick = hoverAt('# P\n\n## Team roles\n', { line: 2, character: 4 }, schema)!;
  assert.match((quick.contents as MarkupContent).value, /recognised as Roles and Responsibilities: heading matches 'role'/);
});
