/**
 * The extension's edge: the editor-features layer (src/editor) speaks LSP shapes; these turn them
 * into `vscode` objects and back. No feature logic lives here.
 */
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-types';
import { diagnosticCode, toLspDiagnostic } from '../editor/index.js';
import type { Finding } from '../core/api.js';

export function toRange(r: lsp.Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function fromRange(r: vscode.Range): lsp.Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

const docsUris = new Map<string, vscode.Uri>();

export function fromLspDiagnostic(x: lsp.Diagnostic): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(x.range), typeof x.message === 'string' ? x.message : x.message.value, x.severity === 2 ? vscode.DiagnosticSeverity.Warning : x.severity === 3 ? vscode.DiagnosticSeverity.Information : x.severity === 4 ? vscode.DiagnosticSeverity.Hint : vscode.DiagnosticSeverity.Error);
  if (x.source) d.source = x.source;
  const value = diagnosticCode(x);
  const href = x.codeDescription?.href;
  if (value !== undefined && href) {
    let target = docsUris.get(href);
    if (!target) docsUris.set(href, (target = vscode.Uri.parse(href)));
    d.code = { value, target };
  } else if (value !== undefined) d.code = value;
  return d;
}

/**
 * The data of the finding each diagnostic was made from. VS Code's Diagnostic has no `data`, but
 * the extension host hands an extension's own diagnostic objects back with a code-action request,
 * so the editor layer can pair them with findings on data, as it does for LSP clients.
 */
const findingData = new WeakMap<vscode.Diagnostic, Record<string, unknown>>();

/** A finding as a VS Code diagnostic (VS Code's models never hold a BOM, so core lines and columns carry over). */
export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = fromLspDiagnostic(toLspDiagnostic(f));
  if (f.data) findingData.set(d, f.data);
  return d;
}

/** A VS Code diagnostic in the LSP shape the editor layer matches findings with (with its finding's data when it is one of ours). */
export function toLspShape(d: vscode.Diagnostic): lsp.Diagnostic {
  const shape: lsp.Diagnostic = { range: fromRange(d.range), message: d.message, source: d.source, code: diagnosticCode(d) };
  const data = findingData.get(d);
  if (data) shape.data = data;
  return shape;
}

export function toWorkspaceEdit(doc: vscode.TextDocument, edit: lsp.WorkspaceEdit): vscode.WorkspaceEdit {
  const out = new vscode.WorkspaceEdit();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const target = uri === doc.uri.toString() ? doc.uri : vscode.Uri.parse(uri);
    for (const e of edits) out.replace(target, toRange(e.range), e.newText);
  }
  return out;
}

export function toMarkdown(content: lsp.MarkupContent | string | undefined): vscode.MarkdownString | undefined {
  if (content === undefined) return undefined;
  return new vscode.MarkdownString(typeof content === 'string' ? content : content.value);
}

/** A text offset of the BOM-less text as a document position (the document holds no BOM; `bom` shifts if it does). */
export function positionAt(doc: vscode.TextDocument, offset: number, bom: boolean): vscode.Position {
  const shift = bom && doc.getText(new vscode.Range(0, 0, 0, 1)) === '\ufeff' ? 1 : 0;
  return doc.positionAt(offset + shift);
}
