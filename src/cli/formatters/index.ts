import type { FormatName } from '../args.js';
import type { FileResult } from '../types.js';
import { githubFormatter } from './github.js';
import { gitlabFormatter } from './gitlab.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { sarifFormatter } from './sarif.js';
import { collect, type Sink, type StreamFormatter } from './stream.js';
import { stylishFormatter } from './stylish.js';

export type { Sink, StreamFormatter } from './stream.js';

export interface FormatContext {
  cwd: string;
  color: boolean;
  version: string;
}

/** A built-in format fed file by file (src/cli/main.ts streams the run's results through it). */
export function streamFormatter(name: FormatName, ctx: FormatContext, write: Sink, options: { spoolChars?: number } = {}): StreamFormatter {
  switch (name) {
    case 'json':
      return jsonFormatter(write);
    case 'sarif':
      return sarifFormatter(ctx, write, options.spoolChars);
    case 'junit':
      return junitFormatter(ctx, write, options.spoolChars);
    case 'github':
      return githubFormatter(ctx, write);
    case 'gitlab':
      return gitlabFormatter(ctx, write);
    default:
      return stylishFormatter(ctx, write);
  }
}

/** A built-in format of a whole array of results, as one string. */
export function format(name: FormatName, results: FileResult[], ctx: FormatContext): string {
  return collect((sink) => streamFormatter(name, ctx, sink), results);
}

/** Formats whose output never shows a fix's text: results for them need not carry it. */
export function showsFixText(name: FormatName): boolean {
  return name === 'json';
}
