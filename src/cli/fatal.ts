import type { FileResult } from './types.js';

/** A result with one `fatal` message: the file could not be read or linted (the run goes on). No engine needed. */
export function fatalResult(filePath: string, message: string, line = 1, column = 1): FileResult {
  return {
    filePath,
    errorCount: 1,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [{ ruleId: 'fatal', severity: 2, message, line, column, endLine: line, endColumn: column }],
  };
}
