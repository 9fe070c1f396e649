/**
 * Completion and hover from the schema, in LSP terms. On a heading line: the schema's sections
 * the runbook lacks (canonical title plus its `x-snippet` template, as a snippet). In the front
 * matter: the schema's keys the runbook lacks, and a key's enum values after its colon. Hover on
 * a section heading or a front-matter key: the schema's description and the rule docs links.
 */
import type { CompletionItem, Hover, MarkupContent, Position, Range } from 'vscode-languageserver-types';
import { ruleDocsUrl, type FrontmatterKeySpec, type LintResult, type SectionSpec } from '../core/api.js';
import { core } from './engine.js';
import { findFrontmatter, findTopLevelKey } from './frontmatter-edit.js';
import { sectionSnippet } from './snippet-text.js';
import { EditorText } from './text.js';
import type { SchemaContext } from './document.js';

const HEADING_LINE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
/** Front matter is looked for in the first lines only: a runbook without a closing fence is not scanned to its end. */
const FRONTMATTER_LINES = 400;

/** LSP CompletionItemKind / InsertTextFormat values (type-only imports keep the bundles small). */
const KIND_PROPERTY = 10;
const KIND_SNIPPET = 15;
const KIND_ENUM_MEMBER = 20;
const SNIPPET_FORMAT = 2;

/** Where the cursor is, for completion and hover: undefined when neither applies (cheap; no schema needed). */
export type Site =
  | { kind: 'heading'; line: number; hashes: number; title: string; lineText: string }
  | { kind: 'frontmatter'; line: number; lineText: string; character: number };

/** Characters that should open completion in clients that honour trigger characters. */
export const COMPLETION_TRIGGERS = ['#', ' ', ':'];

export function siteAt(source: string | EditorText, position: Position): Site | undefined {
  const text = typeof source === 'string' ? new EditorText(source) : source;
  const lineText = text.line(position.line);
  const head = text.text.slice(0, text.offsetAt({ line: FRONTMATTER_LINES, character: 0 }));
  const fm = findFrontmatter(head);
  if (fm && position.line > fm.openLine && position.line < fm.closeLine) return { kind: 'frontmatter', line: position.line, lineText, character: Math.min(position.character, lineText.length) };
  const heading = HEADING_LINE.exec(lineText);
  if (heading) return { kind: 'heading', line: position.line, hashes: heading[1]!.length, title: heading[2] ?? '', lineText };
  return undefined;
}

function requirement(spec: { required: boolean; severity: string }): string {
  return spec.required ? (spec.severity === 'warning' ? 'recommended' : 'required') : 'optional';
}

function markdown(value: string): MarkupContent {
  return { kind: 'markdown', value };
}

export function sectionDocs(spec: SectionSpec, schemaLabel: string, extra?: string): string {
  let md = `**${spec.title}** — ${requirement(spec)} section of ${schemaLabel}\n\n`;
  if (spec.description) md += spec.description + '\n\n';
  const aliases = spec.aliases.filter((a) => a !== spec.title);
  if (aliases.length > 0) md += `Also recognised: ${aliases.slice(0, 6).map((a) => `"${a}"`).join(', ')}\n\n`;
  if (extra) md += extra + '\n\n';
  return md + `[Rule docs](${spec.docs ?? ruleDocsUrl('required-section')})`;
}

export function keyDocs(spec: FrontmatterKeySpec, schemaLabel: string): string {
  let md = `**${spec.key}** — ${requirement(spec)} front-matter key of ${schemaLabel}\n\n`;
  if (spec.description) md += spec.description + '\n\n';
  if (spec.enum) md += `Values: ${spec.enum.map((v) => `\`${String(v)}\``).join(', ')}\n\n`;
  const links = [`[frontmatter rule](${ruleDocsUrl('frontmatter')})`];
  if (spec.key === 'last_reviewed' || spec.key === 'review_interval') links.push(`[stale-review rule](${ruleDocsUrl('stale-review')})`);
  if (spec.key === 'rto' || spec.key === 'rpo') links.push(`[recovery-objectives rule](${ruleDocsUrl('recovery-objectives')})`);
  if (spec.key === 'primary_providers') links.push(`[backup-channels rule](${ruleDocsUrl('backup-channels')})`);
  return md + links.join(' · ');
}

function enumSnippet(values: unknown[]): string {
  return `\${1|${values.map((v) => String(v).replace(/[,|\\$}]/g, '\\$&')).join(',')}|}`;
}

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/**
 * Completion items at `position`. `result` is a lint of the current text (which sections are
 * present, at what level); without it every schema section is offered.
 */
export function completionItems(source: string | EditorText, position: Position, schema: SchemaContext, result?: LintResult): CompletionItem[] | undefined {
  const text = typeof source === 'string' ? new EditorText(source) : source;
  const site = siteAt(text, position);
  if (!site) return undefined;
  if (site.kind === 'frontmatter') return frontmatterItems(text, site, schema);
  if (site.hashes === 1 && site.title.length > 0) return undefined; // writing the title
  const doc = result?.doc;
  const present = new Set(doc ? doc.byId.keys() : []);
  // Match the level the user typed (## or deeper), else the runbook's own top section level.
  const level = site.hashes >= 2 ? site.hashes : (doc?.sections.find((s) => !s.parent)?.level ?? 2);
  const range = lineRange(site.line, 0, site.lineText.length);
  return schema.info.sections
    .filter((spec) => !present.has(spec.id))
    .map((spec) => ({
      label: spec.title,
      labelDetails: { description: spec.required ? `${requirement(spec)} section` : 'section' },
      kind: KIND_SNIPPET,
      insertTextFormat: SNIPPET_FORMAT,
      textEdit: { range, newText: sectionSnippet(spec, level).text },
      filterText: `${'#'.repeat(site.hashes)} ${spec.title} ${spec.aliases.join(' ')}`,
      sortText: String(spec.order).padStart(4, '0'),
      detail: `runbook-lint: insert "${spec.title}" with its template`,
      documentation: markdown(sectionDocs(spec, schema.label)),
    }));
}

function frontmatterItems(text: EditorText, site: Extract<Site, { kind: 'frontmatter' }>, schema: SchemaContext): CompletionItem[] | undefined {
  const info = schema.info;
  const before = site.lineText.slice(0, site.character);
  const valueMatch = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(\S*)$/.exec(before);
  if (valueMatch) {
    const spec = info.frontmatterKeys.find((k) => k.key === valueMatch[1]);
    if (!spec?.enum) return undefined;
    const range = lineRange(site.line, site.character - valueMatch[2]!.length, site.character);
    const space = before.endsWith(':') ? ' ' : '';
    return spec.enum.map((v, i) => ({
      label: String(v),
      kind: KIND_ENUM_MEMBER,
      textEdit: { range, newText: space + String(v) },
      filterText: String(v),
      sortText: String(i).padStart(3, '0'),
      documentation: markdown(keyDocs(spec, schema.label)),
    }));
  }
  if (!/^[A-Za-z_]*$/.test(before)) return undefined;
  const block = findFrontmatter(text.text);
  const present = new Set(block ? info.frontmatterKeys.filter((k) => findTopLevelKey(text.text, block, k.key)).map((k) => k.key) : []);
  const range = lineRange(site.line, 0, site.character);
  return info.frontmatterKeys
    .filter((k) => !present.has(k.key))
    .map((k, i) => ({
      label: k.key,
      ...(k.required ? { labelDetails: { description: requirement(k) } } : {}),
      kind: KIND_PROPERTY,
      insertTextFormat: SNIPPET_FORMAT,
      textEdit: { range, newText: `${k.key}: ${k.enum && k.enum.length > 0 ? enumSnippet(k.enum) : '$1'}` },
      sortText: `${k.required ? 0 : 1}${String(i).padStart(3, '0')}`,
      documentation: markdown(keyDocs(k, schema.label)),
    }));
}

/** Hover on a section heading (level 2 or deeper) or a front-matter key. */
export function hoverAt(source: string | EditorText, position: Position, schema: SchemaContext, result?: LintResult): Hover | undefined {
  const text = typeof source === 'string' ? new EditorText(source) : source;
  const site = siteAt(text, position);
  if (!site) return undefined;
  const info = schema.info;
  if (site.kind === 'frontmatter') {
    const key = /^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:/.exec(site.lineText);
    if (!key || position.character > key[0].length - 1) return undefined;
    const spec = info.frontmatterKeys.find((k) => k.key === key[2]);
    return spec ? { contents: markdown(keyDocs(spec, schema.label)), range: lineRange(site.line, 0, key[0].length - 1) } : undefined;
  }
  if (site.hashes < 2 || !site.title) return undefined;
  const range = lineRange(site.line, 0, site.lineText.length);
  // Why core took (or did not take) this heading for a section: alias, pattern, content, or none
  // (before the first lint, from the schema's recogniser alone).
  const { spec, why } = core().explainHeading(info, site.line + 1, site.title, result);
  if (spec) return { contents: markdown(sectionDocs(spec, schema.label, why && `*Why this heading:* ${escapeMarkdown(why)}.`)), range };
  return why ? { contents: markdown(`**${site.title}** — ${escapeMarkdown(why)}.`), range } : undefined;
}

/** A pattern such as `/\bescalat/` in the reason must show as written. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}
