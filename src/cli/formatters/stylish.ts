import { relative } from 'node:path';
import { colors } from '../colors.js';
import type { FileResult } from '../types.js';
import type { FormatContext } from './index.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** ESLint's "stylish" layout: one block per file with problems, then a summary line. */
export function formatStylish(results: FileResult[], ctx: FormatContext): string {
  const c = colors(ctx.color);
  let out = '';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const r of results) {
    if (r.messages.length === 0) continue;
    errors += r.errorCount;
    warnings += r.warningCount;
    fixableErrors += r.fixableErrorCount;
    fixableWarnings += r.fixableWarningCount;
    const rel = relative(ctx.cwd, r.filePath) || r.filePath;
    out += `\n${c.underline(rel.startsWith('..') ? r.filePath : rel)}\n`;
    const rows = r.messages.map((m) => [`${m.line}:${m.column}`, m.severity === 2 ? 'error' : 'warning', m.message.replace(/\s*\n\s*/g, ' '), m.ruleId] as const);
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    // Align the rule ids only while messages are short; long messages would pad every line.
    const longest = Math.max(...rows.map((x) => x[2].length));
    const w2 = longest <= 100 ? longest : 0;
    for (const [pos, sev, msg, rule] of rows) {
      const sevText = sev === 'error' ? c.red(sev.padEnd(w1)) : c.yellow(sev.padEnd(w1));
      out += `  ${c.dim(pos.padStart(w0))}  ${sevText}  ${msg.padEnd(w2)}  ${c.dim(rule)}\n`;
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  out += `\n${errors > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary))}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    const line = `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`;
    out += `${errors > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line))}\n`;
  }
  return out;
}
