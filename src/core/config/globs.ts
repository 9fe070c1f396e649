/** include / ignore globs, relative to the folder of the config that declares them. */
import picomatch from 'picomatch';
import { relativeTo } from './paths.js';

/** Folders never linted, wherever they are. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export function isAlwaysIgnored(path: string): boolean {
  return /(^|\/)(node_modules|\.git)\//.test(path);
}

/** Matcher for globs relative to `dir`; `./` prefixes are allowed; dot files match. */
export function globMatcher(dir: string, globs: readonly string[]): (path: string) => boolean {
  const match = picomatch(globs.map((g) => g.replace(/^\.\//, '')), { dot: true, windows: false });
  return (path) => {
    const rel = relativeTo(dir, path);
    return rel !== undefined && rel !== '' && match(rel);
  };
}
