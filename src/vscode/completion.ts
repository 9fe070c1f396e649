/**
 * Completion and hover providers. What is offered, and the texts, come from the editor layer
 * (src/editor/completion.ts), shared with the language server; this file only asks the resolver
 * and the linter for the schema and the current lint, and converts the LSP shapes.
 */
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-types';
import { COMPLETION_TRIGGERS, completionItems, EditorText, hoverAt, siteAt } from '../editor/index.js';
import { toMarkdown, toRange } from './convert.js';
import { isRunbook, type Linter } from './linter.js';
import type { Resolver } from './resolver.js';

const SNIPPET_FORMAT = 2;

function toCompletionItem(i: lsp.CompletionItem): vscode.CompletionItem {
  const label = i.labelDetails?.description ? { label: i.label, description: i.labelDetails.description } : i.label;
  // LSP's CompletionItemKind counts from 1, VS Code's from 0.
  const item = new vscode.CompletionItem(label, i.kind !== undefined ? ((i.kind - 1) as vscode.CompletionItemKind) : undefined);
  const edit = i.textEdit;
  if (edit && 'range' in edit) {
    item.range = toRange(edit.range);
    item.insertText = i.insertTextFormat === SNIPPET_FORMAT ? new vscode.SnippetString(edit.newText) : edit.newText;
  }
  if (i.filterText !== undefined) item.filterText = i.filterText;
  if (i.sortText !== undefined) item.sortText = i.sortText;
  if (i.detail !== undefined) item.detail = i.detail;
  const docs = typeof i.documentation === 'string' ? i.documentation : i.documentation && toMarkdown(i.documentation);
  if (docs) item.documentation = docs;
  return item;
}

export class RunbookCompletions implements vscode.CompletionItemProvider {
  static readonly triggers = COMPLETION_TRIGGERS;

  constructor(
    private readonly linter: Linter,
    private readonly resolver: Resolver,
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const text = new EditorText(doc.getText());
    const site = siteAt(text, pos);
    if (!site) return undefined;
    const resolved = await this.resolver.resolve(doc.uri, doc.getText());
    if (token.isCancellationRequested) return undefined;
    if (!this.linter.forced.has(doc.uri.toString()) && !isRunbook(doc, resolved)) return undefined;
    const state = site.kind === 'heading' ? await this.linter.fresh(doc) : undefined;
    return completionItems(text, pos, { info: resolved.prepared.info, label: resolved.schemaLabel }, state?.result)?.map(toCompletionItem);
  }
}

export class RunbookHover implements vscode.HoverProvider {
  constructor(
    private readonly linter: Linter,
    private readonly resolver: Resolver,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const text = new EditorText(doc.getText());
    if (!siteAt(text, pos)) return undefined;
    const resolved = await this.resolver.resolve(doc.uri, doc.getText());
    if (!this.linter.forced.has(doc.uri.toString()) && !isRunbook(doc, resolved)) return undefined;
    const state = this.linter.state(doc.uri);
    const h = hoverAt(text, pos, { info: resolved.prepared.info, label: resolved.schemaLabel }, state?.version === doc.version ? state.result : undefined);
    if (!h) return undefined;
    const contents = typeof h.contents === 'object' && 'kind' in h.contents ? toMarkdown(h.contents)! : new vscode.MarkdownString(String(h.contents));
    return new vscode.Hover(contents, h.range && toRange(h.range));
  }
}
