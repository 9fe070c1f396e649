import { builtinRuleMetas, docsUrl, ruleDocsUrl } from '../../core/resolve-api.js';
import { colors } from '../colors.js';

export interface RuleRow {
  id: string;
  severity: 'error' | 'warning';
  fixable: boolean;
  description: string;
  docs: string;
}

export function ruleRows(): RuleRow[] {
  return builtinRuleMetas.map((r) => ({ id: r.id, severity: r.severity, fixable: r.fixable, description: r.description, docs: ruleDocsUrl(r.id) }));
}

/** `runbook-lint rules`: a table (or `--format json`: an array) of every rule. */
export function rulesCommand(json: boolean, color: boolean): string {
  const rows = ruleRows();
  if (json) return JSON.stringify(rows, null, 2) + '\n';
  const c = colors(color);
  const header = ['Rule', 'Default', 'Fixable', 'Description'];
  const cells = rows.map((r) => [r.id, r.severity, r.fixable ? 'yes' : 'no', r.description]);
  const widths = [0, 1, 2].map((i) => Math.max(header[i]!.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd();
  let out = c.bold(line(header)) + '\n';
  for (const row of cells) {
    const sev = row[1]!.padEnd(widths[1]!);
    out += [row[0]!.padEnd(widths[0]!), row[1] === 'error' ? c.red(sev) : c.yellow(sev), row[2]!.padEnd(widths[2]!), row[3]!].join('  ').trimEnd() + '\n';
  }
  out += `\n${rows.length} rules. Configure them under "rules" in .runbook-lint.jsonc; docs: ${docsUrl('rules/README.md')}\n`;
  return out;
}
