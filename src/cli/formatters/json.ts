import type { FileResult } from '../types.js';
import { collect, type Sink, type StreamFormatter } from './stream.js';

/**
 * ESLint-compatible JSON: `[{ filePath, errorCount, warningCount, fixableErrorCount, fixableWarningCount, messages, output? }]`.
 * Written file by file (the same bytes as one JSON.stringify of the array), so neither every result
 * nor the whole report is held at once.
 */
export function jsonFormatter(write: Sink): StreamFormatter {
  let first = true;
  return {
    add(r) {
      write((first ? '[' : ',') + fileJson(r));
      first = false;
    },
    end() {
      write(first ? '[]\n' : ']\n');
    },
  };
}

export function formatJson(results: FileResult[]): string {
  return collect(jsonFormatter, results);
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
