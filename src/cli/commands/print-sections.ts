import { relative } from 'node:path';
import type { HeadingReport, Linter, SchemaInfo } from '../../core/api.js';
import { readSource } from '../read.js';
import { UsageError } from '../errors.js';

/** `--print-sections FILE`: every heading with its line, level, section id (or `-`) and why. */
export function printSections(linter: Linter, file: string, cwd: string, schema: SchemaInfo, json: boolean): string {
  const read = readSource(file);
  if (!read.ok) throw new UsageError(`${relative(cwd, file) || file}:${read.line}:${read.column}: ${read.message}`);
  const { title, headings } = linter.headings(read.text, schema);
  if (json) return JSON.stringify({ filePath: file, schema: schema.id, title, headings }, null, 2) + '\n';
  return renderSections(relative(cwd, file) || file, headings);
}

function renderSections(name: string, headings: HeadingReport[]): string {
  if (headings.length === 0) return `${name}\n  (no headings below the title)\n`;
  const lineWidth = Math.max(...headings.map((h) => String(h.line).length));
  const headingWidth = Math.min(48, Math.max(...headings.map((h) => h.level + 1 + h.heading.length)));
  const idWidth = Math.max(...headings.map((h) => (h.id ?? '-').length));
  const rows = headings.map((h) => {
    const head = `${'#'.repeat(h.level)} ${h.heading}`;
    const shown = head.length > headingWidth ? head.slice(0, headingWidth - 1) + '…' : head;
    return `  ${String(h.line).padStart(lineWidth)}  ${shown.padEnd(headingWidth)}  ${(h.id ?? '-').padEnd(idWidth)}  ${h.reason}`;
  });
  return `${name}\n${rows.join('\n')}\n`;
}
