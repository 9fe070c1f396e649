/**
 * The run's report, written as results arrive (issue 12, bounded memory): each file's result goes
 * through a streaming formatter and is dropped, so memory does not grow with the number of files.
 * A formatter module (`--format ./x.js`) takes the whole array, as ESLint's do, so it alone collects.
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from './errors.js';
import { streamFormatter, type FormatContext, type StreamFormatter } from './formatters/index.js';
import type { LoadedFormatter } from './formatters/module.js';
import type { FormatName } from './args.js';
import type { FileResult } from './types.js';
import { openReport, realPathOf, type ReportWriter } from './write.js';

/** Text for stdout or --output is handed over in pieces of about this many characters (few writes, each small). */
const CHUNK = 1 << 16;

export interface ReportTarget {
  format: FormatName;
  formatter?: LoadedFormatter;
  quiet: boolean;
  /** --output (absolute), else stdout. */
  output?: string;
  stdout: NodeJS.WritableStream;
  context: FormatContext;
  /** The inputs' real paths, where the file search resolved them (for the --output guard). */
  realPaths?: ReadonlyMap<string, string>;
}

/**
 * `--output` must never be one of the files being linted (symbolic links resolved). Resolving every
 * input's links costs an lstat per path component (a third of a warm `--cache` run on 848 files),
 * so only inputs that can be the output are resolved: the same file (device and inode) when the
 * output exists, else a missing input (a dangling link) of the same name.
 */
export function refuseInputAsOutput(path: string, inputs: readonly string[], realPaths?: ReadonlyMap<string, string>): void {
  const real = realPathOf(path);
  const known = realPaths && realPaths.size > 0 ? nativeRealPath(path) : undefined;
  const target = statOrNull(real);
  const name = basename(real);
  const mayBeOutput = (f: string): boolean => {
    if (f === path || f === real || target === undefined) return true;
    const s = statOrNull(f);
    if (s === undefined) return true; // cannot tell: resolve it
    if (target) return s !== null && s.ino === target.ino && s.dev === target.dev;
    return s === null && basename(f) === name;
  };
  // Real paths the file search resolved already (realpath(3)) are compared as they are.
  const isOutput = (f: string): boolean => {
    const r = realPaths?.get(f);
    if (r !== undefined) return r === known || r === real;
    return mayBeOutput(f) && realPathOf(f) === real;
  };
  const clash = inputs.find(isOutput);
  if (clash) throw new UsageError(`--output ${path} is ${clash === path ? 'a file being linted' : `the file being linted ${clash}`}; runbook-lint will not overwrite it. Choose another file name.`);
}

function nativeRealPath(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/** The file's stats; null when nothing is there; undefined when that cannot be told (ELOOP, EACCES …). */
function statOrNull(path: string): Stats | null | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return undefined;
  }
}

const bytesOf = (piece: string | Uint8Array): Uint8Array => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);

const cannotWrite = (path: string, error: unknown) => new UsageError(`Cannot write --output ${path}: ${(error as Error).message}`);

/** --quiet: keep errors only (as ESLint does); warnings still count for --max-warnings. */
export function errorsOnly(r: FileResult): FileResult {
  return { ...r, warningCount: 0, fixableWarningCount: 0, messages: r.messages.filter((m) => m.severity === 2) };
}

export class ReportStream {
  errors = 0;
  warnings = 0;
  files = 0;
  private readonly collected: FileResult[] | undefined;
  private readonly stream: StreamFormatter | undefined;
  private readonly file: ReportWriter | undefined;
  private pending: Array<string | Uint8Array> = [];
  private pendingSize = 0;

  /** Opens --output's temp file at once (after refusing an input as the output). */
  constructor(
    private readonly target: ReportTarget,
    inputs: readonly string[],
  ) {
    if (target.output) refuseInputAsOutput(target.output, inputs, target.realPaths);
    if (target.formatter) {
      this.collected = [];
      return;
    }
    if (target.output) {
      try {
        this.file = openReport(target.output);
      } catch (error) {
        throw cannotWrite(target.output, error);
      }
    }
    this.stream = streamFormatter(target.format, target.context, (piece) => this.write(piece));
  }

  private write(piece: string | Uint8Array): void {
    this.pending.push(piece);
    this.pendingSize += piece.length;
    if (this.pendingSize >= CHUNK) this.flush();
  }

  /** What waits goes out in one write: joined text, or (when the formatter wrote bytes) one gathered write of every piece. */
  private flush(): void {
    const pieces = this.pending;
    if (pieces.length === 0) return;
    this.pending = [];
    this.pendingSize = 0;
    const allText = pieces.every((p) => typeof p === 'string');
    if (!this.file) {
      this.target.stdout.write(allText ? pieces.join('') : Buffer.concat(pieces.map(bytesOf)));
      return;
    }
    try {
      this.file.write(allText ? [Buffer.from(pieces.join(''), 'utf8')] : pieces.map(bytesOf));
    } catch (error) {
      throw cannotWrite(this.target.output!, error);
    }
  }

  /** One file's result, in report order. */
  add(result: FileResult): void {
    this.files++;
    this.errors += result.errorCount;
    this.warnings += result.warningCount;
    const shown = this.target.quiet ? errorsOnly(result) : result;
    if (this.collected) this.collected.push(shown);
    else this.stream!.add(shown);
  }

  /** Finish the report: the formatter's last words, then --output renamed into place (or stdout flushed). */
  async end(): Promise<void> {
    if (this.collected) {
      const text = await this.target.formatter!.run(this.collected, this.target.context);
      if (this.target.output) {
        const writer = (() => {
          try {
            return openReport(this.target.output!);
          } catch (error) {
            throw cannotWrite(this.target.output!, error);
          }
        })();
        try {
          writer.write([Buffer.from(text, 'utf8')]);
          writer.commit();
        } catch (error) {
          writer.abort();
          throw cannotWrite(this.target.output, error);
        }
      } else if (text) this.target.stdout.write(text);
      return;
    }
    this.stream!.end();
    this.flush();
    if (this.file) {
      try {
        this.file.commit();
      } catch (error) {
        throw cannotWrite(this.target.output!, error);
      }
    }
  }

  /** The run failed: no half report is left behind. */
  abort(): void {
    this.stream?.abort?.();
    this.file?.abort();
  }
}
