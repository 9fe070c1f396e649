// A custom runbook-lint formatter: a Markdown table of the findings, e.g. for a GitHub Actions job
// summary:  npx runbook-lint --format ./examples/formatters/markdown-summary.js >> "$GITHUB_STEP_SUMMARY"
//
// A formatter is a module whose default export (ESM `export default`, or CommonJS
// `module.exports = …`) is a function (results, context) => string. This file is an ES module
// (this repository's package.json says "type": "module"); in a CommonJS project name it .mjs.
//
// results: one object per file, the same shape as `--format json`:
//   { filePath, errorCount, warningCount, fixableErrorCount, fixableWarningCount,
//     messages: [{ ruleId, severity (2 error, 1 warning), message, line, column, endLine, endColumn, fix? }] }
// context: { cwd, color, version } (color: whether colours were asked for; version: runbook-lint's).
import { relative } from 'node:path';

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export default function markdownSummary(results, context) {
  const rows = [];
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    const file = relative(context.cwd, result.filePath) || result.filePath;
    for (const m of result.messages) {
      rows.push(`| ${cell(file)}:${m.line} | ${m.severity === 2 ? 'error' : 'warning'} | ${cell(m.message)} | \`${m.ruleId}\` |`);
    }
  }
  const title = `### runbook-lint ${context.version}: ${results.length} file(s), ${errors} error(s), ${warnings} warning(s)\n`;
  if (rows.length === 0) return `${title}\nNo problems found.\n`;
  return `${title}\n| Where | Severity | Problem | Rule |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}
