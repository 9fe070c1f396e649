/** URI path helpers for the extension; runbook detection itself is shared with the language server (src/editor/detect.ts). */
export { frontMatterMarksRunbook, HEAD_CHARS } from '../editor/detect.js';

/** Path of `path` relative to the folder `dir` (both posix URI paths), or undefined when outside. */
export function relativePath(dir: string, path: string): string | undefined {
  const base = dir.endsWith('/') ? dir : dir + '/';
  return path.startsWith(base) ? path.slice(base.length) : undefined;
}

/** `/a/b/c.md` → `/a/b`; `/` stays `/`. */
export function dirnamePath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The part of a glob before its first magic character, e.g. `runbooks/**\/*.md` → `runbooks`. */
export function globBase(glob: string): string {
  const parts = glob.replace(/^\.\//, '').split('/');
  const out: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?[\]{}()!]/.test(part)) break;
    out.push(part);
  }
  return out.join('/');
}
