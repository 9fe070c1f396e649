import type { FileResult } from '../types.js';
import type { FormatContext } from './index.js';
import { projectPath } from './paths.js';
import { collect, type Sink, type StreamFormatter } from './stream.js';

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
export function githubFormatter(ctx: FormatContext, write: Sink): StreamFormatter {
  let errors = 0;
  let warnings = 0;
  return {
    add(r) {
      const file = escapeProperty(projectPath(ctx.cwd, r.filePath));
      let out = '';
      for (const m of r.messages) {
        const command = m.severity === 2 ? 'error' : 'warning';
        if (m.severity === 2) errors++;
        else warnings++;
        const endLine = Math.max(m.endLine, m.line);
        const endColumn = endLine === m.line ? Math.max(m.endColumn, m.column) : m.endColumn;
        const props = [`file=${file}`, `line=${m.line}`, `col=${m.column}`, `endLine=${endLine}`, `endColumn=${endColumn}`, `title=${escapeProperty(`runbook-lint(${m.ruleId})`)}`];
        out += `::${command} ${props.join(',')}::${escapeData(m.message)}\n`;
      }
      if (out) write(out);
    },
    end() {
      if (errors + warnings > 0) write(`runbook-lint: ${errors + warnings} problem${errors + warnings === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})\n`);
    },
  };
}

export function formatGithub(results: FileResult[], ctx: FormatContext): string {
  return collect((sink) => githubFormatter(ctx, sink), results);
}
