import { relative } from 'node:path';
import { colors } from '../colors.js';
import type { FileResult } from '../types.js';
import type { FormatContext } from './index.js';
import { collect, type Sink, type StreamFormatter } from './stream.js';

/**
 * Control characters (ESC and the other C0/C1 codes) and bidirectional overrides from documents or
 * file names would drive the terminal (colours, cursor moves, hidden text): shown as `\x1b`, `\u202e`.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
export function escapeTerminal(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const n = ch.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** Largest value, without spreading 150,000 arguments onto the stack. */
function widest(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** ESLint's "stylish" layout: one block per file with problems (written as each file comes), then a summary line. */
export function stylishFormatter(ctx: FormatContext, write: Sink): StreamFormatter {
  const c = colors(ctx.color);
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  return {
    add(r) {
      if (r.messages.length === 0) return;
      errors += r.errorCount;
      warnings += r.warningCount;
      fixableErrors += r.fixableErrorCount;
      fixableWarnings += r.fixableWarningCount;
      const rel = relative(ctx.cwd, r.filePath) || r.filePath;
      const rows = r.messages.map((m) => [`${m.line}:${m.column}`, m.severity === 2 ? 'error' : 'warning', escapeTerminal(m.message.replace(/\s*\n\s*/g, ' ')), escapeTerminal(m.ruleId)] as const);
      const w0 = widest(rows.map((x) => x[0].length));
      const w1 = widest(rows.map((x) => x[1].length));
      // Align the rule ids only while messages are short; long messages would pad every line.
      const longest = widest(rows.map((x) => x[2].length));
      const w2 = longest <= 100 ? longest : 0;
      const lines: string[] = [`\n${c.underline(escapeTerminal(rel.startsWith('..') ? r.filePath : rel))}\n`];
      for (const [pos, sev, msg, rule] of rows) {
        const sevText = sev === 'error' ? c.red(sev.padEnd(w1)) : c.yellow(sev.padEnd(w1));
        lines.push(`  ${c.dim(pos.padStart(w0))}  ${sevText}  ${msg.padEnd(w2)}  ${c.dim(rule)}\n`);
      }
      write(lines.join(''));
    },
    end() {
      // A file with messages always counts them, so nothing was written when the total is 0.
      const total = errors + warnings;
      if (total === 0) return;
      const summary = `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
      let out = `\n${errors > 0 ? c.red(c.bold(summary)) : c.yellow(c.bold(summary))}\n`;
      if (fixableErrors + fixableWarnings > 0) {
        const line = `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`;
        out += `${errors > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line))}\n`;
      }
      write(out);
    },
  };
}

export function formatStylish(results: FileResult[], ctx: FormatContext): string {
  return collect((sink) => stylishFormatter(ctx, sink), results);
}
