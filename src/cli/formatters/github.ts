import type { FileResult } from '../types.js';
import type { FormatContext } from './index.js';
import { projectPath } from './paths.js';

// Escaping of GitHub's workflow commands, as in @actions/core (command.ts): the message ("data")
// escapes `%`, CR and LF; property values additionally escape `:` and `,`, their delimiters.
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` line per finding, with file
 * (relative to the cwd, the workspace in CI), line, col, endLine, endColumn and the rule in the title,
 * so each finding becomes an annotation on the pull request's diff. Then one plain summary line.
 */
export function formatGithub(results: FileResult[], ctx: FormatContext): string {
  let out = '';
  let errors = 0;
  let warnings = 0;
  for (const r of results) {
    const file = escapeProperty(projectPath(ctx.cwd, r.filePath));
    for (const m of r.messages) {
      const command = m.severity === 2 ? 'error' : 'warning';
      if (m.severity === 2) errors++;
      else warnings++;
      const endLine = Math.max(m.endLine, m.line);
      const endColumn = endLine === m.line ? Math.max(m.endColumn, m.column) : m.endColumn;
      const props = [`file=${file}`, `line=${m.line}`, `col=${m.column}`, `endLine=${endLine}`, `endColumn=${endColumn}`, `title=${escapeProperty(`runbook-lint(${m.ruleId})`)}`];
      out += `::${command} ${props.join(',')}::${escapeData(m.message)}\n`;
    }
  }
  if (errors + warnings > 0) out += `runbook-lint: ${errors + warnings} problem${errors + warnings === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})\n`;
  return out;
}
