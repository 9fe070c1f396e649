import type { FileResult } from '../types.js';

/** ESLint-compatible JSON: `[{ filePath, errorCount, warningCount, fixableErrorCount, fixableWarningCount, messages }]`. */
export function formatJson(results: FileResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
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
    })),
  ) + '\n';
}
