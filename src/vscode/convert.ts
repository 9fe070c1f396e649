import * as vscode from 'vscode';
import type { Finding, Range as CoreRange } from '../core/index.js';
import { SOURCE, ruleDocsUrl } from './constants.js';

/** Core ranges are 1-based lines/columns in the BOM-less text; VS Code's models never contain the BOM. */
export function toRange(r: CoreRange): vscode.Range {
  return new vscode.Range(r.start.line - 1, r.start.column - 1, r.end.line - 1, r.end.column - 1);
}

const docsUris = new Map<string, vscode.Uri>();

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = SOURCE;
  let target = docsUris.get(f.ruleId);
  if (!target) {
    target = vscode.Uri.parse(ruleDocsUrl(f.ruleId));
    docsUris.set(f.ruleId, target);
  }
  d.code = { value: f.ruleId, target };
  return d;
}

/** The finding a diagnostic (as handed back to a code-action provider) came from. */
export function findingFor(findings: readonly Finding[], d: vscode.Diagnostic): Finding | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return findings.find(
    (f) => f.ruleId === code && f.message === d.message && f.range.start.line - 1 === d.range.start.line && f.range.start.column - 1 === d.range.start.character,
  );
}

/** A text offset of the BOM-less text as a document position (the document holds no BOM; `bom` shifts if it does). */
export function positionAt(doc: vscode.TextDocument, offset: number, bom: boolean): vscode.Position {
  const shift = bom && doc.getText(new vscode.Range(0, 0, 0, 1)) === '\ufeff' ? 1 : 0;
  return doc.positionAt(offset + shift);
}
