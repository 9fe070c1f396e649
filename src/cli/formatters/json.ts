import type { FileResult } from '../types.js';

/**
 * ESLint-compatible JSON: `[{ filePath, errorCount, warningCount, fixableErrorCount, fixableWarningCount, messages, output? }]`.
 * Serialised file by file (the same bytes as one JSON.stringify of the array) so a copy of every
 * result is never held at once next to the results themselves.
 */
export function formatJson(results: FileResult[]): string {
  return '[' + results.map(fileJson).join(',') + ']\n';
}

function fileJson(r: FileResult): string {
  return JSON.stringify({
    filePath: r.filePath,
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    fixableErrorCount: r.fixableErrorCount,
    fixableWarningCount: r.fixableWarningCount,
    messages: r.messages.map((m) => ({
      ruleId: m.ruleId,
      severity: m.severity,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      ...(m.fix ? { fix: { range: m.fix.range, text: m.fix.text } } : {}),
    })),
    // --fix-dry-run: the fixed text, only for files the fixes changed (ESLint's `output`).
    ...(r.output !== undefined ? { output: r.output } : {}),
  });
}
