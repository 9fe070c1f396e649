import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';
import type { FileResult } from '../types.js';
import type { FormatContext } from './index.js';

/** A formatter module's default export: ESLint's `(results, context) => string` (a promise of one is accepted). */
export type CustomFormatter = (results: FileResult[], context: FormatContext) => string | Promise<string>;

export interface LoadedFormatter {
  path: string;
  run(results: FileResult[], context: FormatContext): Promise<string>;
}

/**
 * Load `--format ./my-formatter.js`: an ES module with a default export or a CommonJS module whose
 * `module.exports` is the function. Every failure (missing file, syntax error, no function, a throw
 * or a non-string result) is a UsageError naming the module.
 */
export async function loadFormatter(value: string, cwd: string): Promise<LoadedFormatter> {
  const path = resolve(cwd, value);
  if (!existsSync(path)) throw new UsageError(`Formatter module ${path} (--format ${value}) does not exist.`);
  let mod: unknown;
  try {
    mod = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new UsageError(`Cannot load formatter module ${path}: ${(error as Error).message ?? String(error)}`);
  }
  const fn = pickFunction(mod);
  if (!fn) throw new UsageError(`Formatter module ${path} must export a function (results, context) => string as its default export (or module.exports).`);
  return {
    path,
    async run(results, context) {
      let out: unknown;
      try {
        out = await fn(results, context);
      } catch (error) {
        throw new UsageError(`Formatter module ${path} failed: ${(error as Error).message ?? String(error)}`);
      }
      if (typeof out !== 'string') throw new UsageError(`Formatter module ${path} returned ${out === null ? 'null' : typeof out}; it must return a string.`);
      return out;
    },
  };
}

function pickFunction(mod: unknown): CustomFormatter | undefined {
  // ESM `export default fn`, CJS `module.exports = fn` (default), or CJS `exports.default = fn` (transpiled ESM).
  let candidate = (mod as { default?: unknown }).default;
  if (candidate && typeof candidate === 'object' && typeof (candidate as { default?: unknown }).default === 'function') candidate = (candidate as { default: unknown }).default;
  return typeof candidate === 'function' ? (candidate as CustomFormatter) : undefined;
}
