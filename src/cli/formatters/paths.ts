import { isAbsolute, relative, sep } from 'node:path';

/**
 * A result's path as CI tools want it: relative to the cwd (the checkout's root in CI), with `/`
 * separators and no `./`; a file outside the cwd (or `<text>`) keeps its own path.
 */
export function projectPath(cwd: string, filePath: string): string {
  if (!isAbsolute(filePath)) return filePath;
  const rel = relative(cwd, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return filePath;
  return rel.split(sep).join('/');
}
