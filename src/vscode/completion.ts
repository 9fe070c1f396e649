/**
 * Completion: on a heading line, the schema's sections missing from the runbook (canonical title
 * plus the `x-snippet` body, as a snippet); in the front matter, the schema's keys with their
 * descriptions, and a key's enum values after the colon. Hover: a section heading or front-matter
 * key shows the schema's description and the rule docs link.
 */
import * as vscode from 'vscode';
import { normalizeHeading, type FrontmatterKeySpec, type SchemaInfo, type SectionSpec } from '../core/index.js';
import { ruleDocsUrl } from './constants.js';
import { findFrontmatter, findTopLevelKey } from './frontmatter-edit.js';
import { sectionSnippet } from './snippet-text.js';
import { isRunbook, type Linter } from './linter.js';
import type { Resolver } from './resolver.js';

const HEADING_LINE = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;

function frontmatterLines(doc: vscode.TextDocument): { open: number; close: number } | undefined {
  const text = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 400), 0));
  const block = findFrontmatter(text);
  return block ? { open: block.openLine, close: block.closeLine } : undefined;
}

function sectionDocs(spec: SectionSpec, info: SchemaInfo, schemaLabel: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${spec.title}** — ${spec.required ? (spec.severity === 'warning' ? 'recommended' : 'required') : 'optional'} section of ${schemaLabel}\n\n`);
  if (spec.description) md.appendMarkdown(spec.description + '\n\n');
  const aliases = spec.aliases.filter((a) => a !== spec.title);
  if (aliases.length > 0) md.appendMarkdown(`Also recognised: ${aliases.slice(0, 6).map((a) => `"${a}"`).join(', ')}\n\n`);
  md.appendMarkdown(`[Rule docs](${spec.docs ?? ruleDocsUrl('required-section')})`);
  void info;
  return md;
}

function keyDocs(spec: FrontmatterKeySpec, schemaLabel: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${spec.key}** — ${spec.required ? (spec.severity === 'warning' ? 'recommended' : 'required') : 'optional'} front-matter key of ${schemaLabel}\n\n`);
  if (spec.description) md.appendMarkdown(spec.description + '\n\n');
  if (spec.enum) md.appendMarkdown(`Values: ${spec.enum.map((v) => `\`${String(v)}\``).join(', ')}\n\n`);
  const links = [`[frontmatter rule](${ruleDocsUrl('frontmatter')})`];
  if (spec.key === 'last_reviewed' || spec.key === 'review_interval') links.push(`[stale-review rule](${ruleDocsUrl('stale-review')})`);
  if (spec.key === 'rto' || spec.key === 'rpo') links.push(`[recovery-objectives rule](${ruleDocsUrl('recovery-objectives')})`);
  if (spec.key === 'primary_providers') links.push(`[backup-channels rule](${ruleDocsUrl('backup-channels')})`);
  md.appendMarkdown(links.join(' · '));
  return md;
}

function enumSnippet(values: unknown[]): string {
  return `\${1|${values.map((v) => String(v).replace(/[,|\\$}]/g, '\\$&')).join(',')}|}`;
}

export class RunbookCompletions implements vscode.CompletionItemProvider {
  static readonly triggers = ['#', ' ', ':'];

  constructor(
    private readonly linter: Linter,
    private readonly resolver: Resolver,
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const line = doc.lineAt(pos.line).text;
    const fm = frontmatterLines(doc);
    const inFrontmatter = fm && pos.line > fm.open && pos.line < fm.close;
    const heading = !inFrontmatter && HEADING_LINE.exec(line);
    if (!inFrontmatter && !heading) return undefined;
    const resolved = await this.resolver.resolve(doc.uri);
    if (token.isCancellationRequested) return undefined;
    if (!this.linter.forced.has(doc.uri.toString()) && !isRunbook(doc, resolved)) return undefined;
    const info = resolved.schema.info;
    if (inFrontmatter) return this.frontmatterItems(doc, pos, line, info, resolved.schemaLabel);
    if (heading && heading[1]!.length === 1 && (heading[2] ?? '').length > 0) return undefined; // writing the title
    const state = await this.linter.fresh(doc);
    const present = new Set(state?.result.doc ? [...state.result.doc.byId.keys()] : []);
    // Match the level the user typed (## or deeper), else the runbook's own top section level.
    const typed = heading ? heading[1]!.length : 2;
    const level = typed >= 2 ? typed : (state?.result.doc?.sections.find((s) => !s.parent)?.level ?? 2);
    const range = new vscode.Range(pos.line, 0, pos.line, line.length);
    return info.sections
      .filter((spec) => !present.has(spec.id))
      .map((spec) => {
        const item = new vscode.CompletionItem({ label: spec.title, description: spec.required ? (spec.severity === 'warning' ? 'recommended section' : 'required section') : 'section' }, vscode.CompletionItemKind.Snippet);
        item.insertText = new vscode.SnippetString(sectionSnippet(spec, level).text);
        item.range = range;
        item.filterText = `${'#'.repeat(typed)} ${spec.title} ${spec.aliases.join(' ')}`;
        item.sortText = String(spec.order).padStart(4, '0');
        item.detail = `runbook-lint: insert "${spec.title}" with its template`;
        item.documentation = sectionDocs(spec, info, resolved.schemaLabel);
        return item;
      });
  }

  private frontmatterItems(doc: vscode.TextDocument, pos: vscode.Position, line: string, info: SchemaInfo, schemaLabel: string): vscode.CompletionItem[] | undefined {
    const before = line.slice(0, pos.character);
    const valueMatch = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(\S*)$/.exec(before);
    if (valueMatch) {
      const spec = info.frontmatterKeys.find((k) => k.key === valueMatch[1]);
      if (!spec?.enum) return undefined;
      const start = pos.character - valueMatch[2]!.length;
      const needsSpace = before.endsWith(':');
      return spec.enum.map((v, i) => {
        const item = new vscode.CompletionItem(String(v), vscode.CompletionItemKind.EnumMember);
        item.insertText = (needsSpace ? ' ' : '') + String(v);
        item.range = new vscode.Range(pos.line, start, pos.line, pos.character);
        item.sortText = String(i).padStart(3, '0');
        item.documentation = keyDocs(spec, schemaLabel);
        return item;
      });
    }
    if (!/^[A-Za-z_]*$/.test(before)) return undefined;
    const text = doc.getText();
    const block = findFrontmatter(text);
    const present = new Set(block ? info.frontmatterKeys.filter((k) => findTopLevelKey(text, block, k.key)).map((k) => k.key) : []);
    const range = new vscode.Range(pos.line, 0, pos.line, pos.character);
    return info.frontmatterKeys
      .filter((k) => !present.has(k.key))
      .map((k, i) => {
        const item = new vscode.CompletionItem({ label: k.key, description: k.required ? (k.severity === 'warning' ? 'recommended' : 'required') : undefined }, vscode.CompletionItemKind.Property);
        item.insertText = new vscode.SnippetString(`${k.key}: ${k.enum && k.enum.length > 0 ? enumSnippet(k.enum) : '$1'}`);
        item.range = range;
        item.sortText = `${k.required ? 0 : 1}${String(i).padStart(3, '0')}`;
        item.documentation = keyDocs(k, schemaLabel);
        return item;
      });
  }
}

export class RunbookHover implements vscode.HoverProvider {
  constructor(
    private readonly linter: Linter,
    private readonly resolver: Resolver,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const line = doc.lineAt(pos.line).text;
    const fm = frontmatterLines(doc);
    const inFrontmatter = fm && pos.line > fm.open && pos.line < fm.close;
    const key = inFrontmatter ? /^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:/.exec(line) : undefined;
    const heading = inFrontmatter ? undefined : HEADING_LINE.exec(line);
    if (!key && !(heading && heading[1]!.length >= 2 && heading[2])) return undefined;
    const resolved = await this.resolver.resolve(doc.uri);
    if (!this.linter.forced.has(doc.uri.toString()) && !isRunbook(doc, resolved)) return undefined;
    const info = resolved.schema.info;
    if (key) {
      const start = key[1]!.length;
      if (pos.character > start + key[2]!.length + key[1]!.length) return undefined;
      const spec = info.frontmatterKeys.find((k) => k.key === key[2]);
      return spec ? new vscode.Hover(keyDocs(spec, resolved.schemaLabel), new vscode.Range(pos.line, 0, pos.line, key[0].length - 1)) : undefined;
    }
    const id = info.aliasToId.get(normalizeHeading(heading![2]!));
    const spec = id ? info.sectionById.get(id) : undefined;
    return spec ? new vscode.Hover(sectionDocs(spec, info, resolved.schemaLabel), new vscode.Range(pos.line, 0, pos.line, line.length)) : undefined;
  }
}
