/**
 * Findings as LSP diagnostics (design §7, §7a): `source` "runbook-lint", `code` the rule id,
 * `codeDescription.href` its docs page, the finding's machine-readable `data` passed through.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { ruleDocsUrl, type Finding } from '../core/api.js';
import { toLspRange } from './text.js';

export const SOURCE = 'runbook-lint';

/** LSP DiagnosticSeverity values (the protocol's numbers; a type-only import keeps bundles small). */
const ERROR = 1;
const WARNING = 2;

export function toLspDiagnostic(f: Finding, bom = false): Diagnostic {
  const d: Diagnostic = {
    range: toLspRange(f.range, bom),
    severity: f.severity === 'error' ? ERROR : WARNING,
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    message: f.message,
  };
  if (f.data) d.data = f.data;
  return d;
}

/** The rule id of a diagnostic as a client hands it back (`code` may be an object in VS Code). */
export function diagnosticCode(d: { code?: unknown }): string | undefined {
  const c = d.code;
  if (typeof c === 'string' || typeof c === 'number') return String(c);
  if (c && typeof c === 'object' && 'value' in c) return String((c as { value: unknown }).value);
  return undefined;
}

/** The finding a diagnostic (as a client hands it back with a code-action request) came from. */
export function findingFor(findings: readonly Finding[], d: Pick<Diagnostic, 'message' | 'range'> & { code?: unknown }, bom = false): Finding | undefined {
  const code = diagnosticCode(d);
  return findings.find((f) => {
    if (f.ruleId !== code || f.message !== d.message) return false;
    const start = toLspRange(f.range, bom).start;
    return start.line === d.range.start.line && start.character === d.range.start.character;
  });
}
