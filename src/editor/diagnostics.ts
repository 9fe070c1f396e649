/**
 * Findings as LSP diagnostics (design §7, §7a): `source` "runbook-lint", `code` the rule id,
 * `codeDescription.href` its docs page, the finding's machine-readable `data` passed through.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
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

/**
 * The finding a diagnostic (as a client hands it back with a code-action request) came from, by
 * structured identity: the rule id (`code`) and the whole range, then the finding's `data`, which
 * LSP clients hand back as it was published. Without data (findings that carry none, or VS Code's
 * own diagnostics, which keep none), several findings of one rule on one range are told apart by
 * their message.
 * A diagnostic whose data matches no finding is from an older lint: no finding.
 */
export function findingFor(findings: readonly Finding[], d: Pick<Diagnostic, 'message' | 'range'> & { code?: unknown; data?: unknown }, bom = false): Finding | undefined {
  const code = diagnosticCode(d);
  const here = findings.filter((f) => f.ruleId === code && sameRange(toLspRange(f.range, bom), d.range));
  if (d.data !== undefined && d.data !== null) {
    const data = canonical(d.data);
    const same = here.filter((f) => f.data !== undefined && canonical(f.data) === data);
    return same.find((f) => f.message === d.message) ?? same[0];
  }
  if (here.length <= 1) return here[0];
  return here.find((f) => f.message === d.message);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** JSON with object keys sorted: data compares equal however a client orders its keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}
