/**
 * Path algebra for the resolver. The core names files by strings the host understands: absolute
 * POSIX paths (`/repo/a.md`, the CLI; Windows paths arrive as `C:/repo/a.md`) or URI-like strings
 * `scheme://authority/path` with an unencoded path (the editor). Only the path part is ever
 * manipulated, so one implementation serves every host.
 */

const ROOT = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]*|[a-z]:(?=\/))/i;

/** `scheme://authority` (or a drive letter) and the `/path` after it. */
export function splitRoot(resource: string): { root: string; path: string } {
  const root = ROOT.exec(resource)?.[0] ?? '';
  const path = resource.slice(root.length);
  return { root, path: path === '' ? '/' : path };
}

/** `/a/b/c.md` → `/a/b`; the root stays the root. */
export function dirname(resource: string): string {
  const { root, path } = splitRoot(resource);
  const i = path.lastIndexOf('/');
  return root + (i <= 0 ? '/' : path.slice(0, i));
}

export function basename(resource: string): string {
  const { path } = splitRoot(resource);
  return path.slice(path.lastIndexOf('/') + 1);
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** True for `/x`, `C:/x`, `file:///x`, `vscode-vfs://github/x`: anything not relative to a folder. */
export function isAbsolute(ref: string): boolean {
  return ref.startsWith('/') || ROOT.test(ref) || /^[a-z]:\\/i.test(ref);
}

/** True for `https:`, `runbook-lint:`, `file:` …: a reference with a scheme. */
export function hasScheme(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(ref);
}

/** Resolve a relative (or absolute) reference against a folder. Backslashes count as separators. */
export function joinPath(dir: string, ref: string): string {
  const r = ref.replace(/\\/g, '/');
  if (ROOT.test(r)) {
    const { root, path } = splitRoot(r);
    return root + normalize(path);
  }
  const { root, path } = splitRoot(dir);
  return root + normalize(r.startsWith('/') ? r : `${path}/${r}`);
}

/** `file` relative to `dir` with `/` separators, or undefined when it is not inside `dir`. */
export function relativeTo(dir: string, file: string): string | undefined {
  const base = dir.endsWith('/') ? dir : dir + '/';
  return file.startsWith(base) ? file.slice(base.length) : undefined;
}
