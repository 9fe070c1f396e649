/**
 * `runbook-lint export FILE --html OUT` (design §6): the printable checklist, the same standalone
 * HTML the editor's "Export the runbook checklist" writes. Lints with the file's own config and
 * schema (as `runbook-lint FILE` would), then writes OUT atomically (temp file + rename, so a
 * reader never sees half a file). `--html -` writes to stdout. Exit 0 when written, 2 on usage,
 * config or read errors; lint findings do not change the exit code (they are in the HTML).
 */
import { basename, relative, resolve } from 'node:path';
import { ConfigResolver } from './config.js';
import { linter, prepareSettings } from './engine.js';
import { EXIT_OK, UsageError } from './errors.js';
import { readSource } from './read.js';
import { realPathOf, writeReport } from './write.js';

export const EXPORT_HELP = `Usage: runbook-lint export FILE --html OUT [--config FILE] [--schema FILE]

Write a standalone, printable HTML checklist of the runbook FILE to OUT ("-" for stdout):
title, owner and review status, lint summary, every section's checklist items, steps, the
escalation call list, backup channels and vendor-assistance policy. No script, no external
resources; it prints with one section per block.
`;

export interface ExportIO {
  cwd: string;
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

interface ExportArgs {
  file?: string;
  html?: string;
  config?: string;
  schema?: string;
  help: boolean;
}

export function parseExportArgs(argv: readonly string[]): ExportArgs {
  const out: ExportArgs = { help: false };
  const value = (i: number, name: string): string => {
    const v = argv[i];
    if (v === undefined || v === '' || (v.startsWith('-') && v !== '-')) throw new UsageError(`Option ${name} needs a value. ${EXPORT_HELP.split('\n')[0]}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const key = ({ '--html': 'html', '--config': 'config', '-c': 'config', '--schema': 'schema' } as const)[name as '--html'];
    if (key) {
      out[key] = inline ?? value(++i, name);
      if (out[key] === '') throw new UsageError(`Option ${name} needs a value.`);
    } else if (name === '--help' || name === '-h') out.help = true;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option "${arg}" for export. ${EXPORT_HELP.split('\n')[0]}`);
    else if (out.file === undefined) out.file = arg;
    else throw new UsageError(`"export" takes one runbook (found ${out.file} and ${arg}).`);
  }
  return out;
}

/** Write `content` to `path` through an exclusive temp file in the same folder and a rename. */
export function writeNewAtomic(path: string, content: string): void {
  writeReport(path, content);
}

export async function exportCommand(argv: readonly string[], io: ExportIO, now: Date = new Date()): Promise<number> {
  const args = parseExportArgs(argv);
  if (args.help) {
    io.stdout.write(EXPORT_HELP);
    return EXIT_OK;
  }
  if (!args.file) throw new UsageError(`"export" needs a runbook. ${EXPORT_HELP.split('\n')[0]}`);
  if (!args.html) throw new UsageError(`"export" needs --html OUT (the HTML file to write, or - for stdout).`);
  const file = resolve(io.cwd, args.file);
  const read = readSource(file);
  if (!read.ok) throw new UsageError(`${args.file}: ${read.message}`);
  const resolver = new ConfigResolver(io.cwd, args.config, args.schema);
  const result = linter.lintText(read.text, prepareSettings((await resolver.resolve(file)).settings), { now });
  const source = relative(io.cwd, file) || basename(file);
  const view = linter.checklist(result, { now, fallbackTitle: basename(file) });
  const html = linter.checklistHtml(view, { source, generatedAt: now });
  if (args.html === '-') {
    io.stdout.write(html);
    return EXIT_OK;
  }
  const out = resolve(io.cwd, args.html);
  if (out === file || realPathOf(out) === realPathOf(file)) throw new UsageError(`--html ${args.html} is the runbook itself; choose another file name (e.g. ${basename(file).replace(/\.md$/i, '')}.checklist.html).`);
  try {
    writeNewAtomic(out, html);
  } catch (error) {
    throw new UsageError(`Cannot write --html ${out}: ${(error as Error).message}`);
  }
  const items = view.progress.total;
  io.stderr.write(`runbook-lint: wrote ${relative(io.cwd, out) || out} (${view.sections.length} sections, ${items} checklist item${items === 1 ? '' : 's'}, ${view.lint.errors} lint error${view.lint.errors === 1 ? '' : 's'}).\n`);
  return EXIT_OK;
}
