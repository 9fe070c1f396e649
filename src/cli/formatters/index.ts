import type { FormatName } from '../args.js';
import type { FileResult } from '../types.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface FormatContext {
  cwd: string;
  color: boolean;
  version: string;
}

export function format(name: FormatName, results: FileResult[], ctx: FormatContext): string {
  switch (name) {
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(results, ctx);
    case 'junit':
      return formatJunit(results, ctx);
    case 'github':
      return formatGithub(results, ctx);
    case 'gitlab':
      return formatGitlab(results, ctx);
    default:
      return formatStylish(results, ctx);
  }
}
