/**
 * The run's report, written as results arrive (issue 12, bounded memory): each file's result goes
 * through a streaming formatter and is dropped, so memory does not grow with the number of files.
 * A formatter module (`--format ./x.js`) takes the whole array, as ESLint's do, so it alone collects.
 */
import { UsageError } from './errors.js';
import { streamFormatter, type FormatContext, type StreamFormatter } from './formatters/index.js';
import type { LoadedFormatter } from './formatters/module.js';
import type { FormatName } from './args.js';
import type { FileResult } from './types.js';
import { openReport, realPathOf, type ReportWriter } from './write.js';

/** Text for stdout is handed over in pieces of about this many characters. */
const STDOUT_CHUNK = 1 << 16;

export interface ReportTarget {
  format: FormatName;
  formatter?: LoadedFormatter;
  quiet: boolean;
  /** --output (absolute), else stdout. */
  output?: string;
  stdout: NodeJS.WritableStream;
  context: FormatContext;
}

/** `--output` must never be one of the files being linted (symbolic links resolved). */
export function refuseInputAsOutput(path: string, inputs: readonly string[]): void {
  const real = realPathOf(path);
  const clash = inputs.find((f) => realPathOf(f) === real);
  if (clash) throw new UsageError(`--output ${path} is ${clash === path ? 'a file being linted' : `the file being linted ${clash}`}; runbook-lint will not overwrite it. Choose another file name.`);
}

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
  private pending = '';

  /** Opens --output's temp file at once (after refusing an input as the output). */
  constructor(
    private readonly target: ReportTarget,
    inputs: readonly string[],
  ) {
    if (target.output) refuseInputAsOutput(target.output, inputs);
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
    this.stream = streamFormatter(target.format, target.context, (text) => this.write(text));
  }

  private write(text: string): void {
    if (this.file) {
      try {
        this.file.write(text);
      } catch (error) {
        throw cannotWrite(this.target.output!, error);
      }
      return;
    }
    this.pending += text;
    if (this.pending.length >= STDOUT_CHUNK) this.flush();
  }

  private flush(): void {
    if (this.pending) this.target.stdout.write(this.pending);
    this.pending = '';
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
          writer.write(text);
          writer.commit();
        } catch (error) {
          writer.abort();
          throw cannotWrite(this.target.output, error);
        }
      } else if (text) this.target.stdout.write(text);
      return;
    }
    this.stream!.end();
    if (this.file) {
      try {
        this.file.commit();
      } catch (error) {
        throw cannotWrite(this.target.output!, error);
      }
    } else this.flush();
  }

  /** The run failed: no half report is left behind. */
  abort(): void {
    this.stream?.abort?.();
    this.file?.abort();
  }
}
