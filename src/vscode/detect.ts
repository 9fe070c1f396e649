/**
 * Cheap runbook detection (design §7): a Markdown file is a runbook when the config's `include`
 * globs match it, or its front matter says `runbook: true`, or has both `owner` and `last_reviewed`.
 * Only the first few KB are looked at; ordinary Markdown never gets parsed.
 */

/** How much of a document the front-matter check reads. */
export const HEAD_CHARS = 4096;

/** True when the YAML front matter at the top of `head` marks the file as a runbook. */
export function frontMatterMarksRunbook(head: string): boolean {
  let text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  if (!/^---[ \t]*\r?\n/.test(text)) return false;
  text = text.slice(text.indexOf('\n') + 1);
  let owner = false;
  let reviewed = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) break;
    const m = /^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:(.*)$/.exec(line);
    if (!m) continue;
    const key = m[2]!.toLowerCase();
    const value = m[3]!.replace(/\s#.*$/, '').trim().replace(/^["']|["']$/g, '').toLowerCase();
    if (key === 'runbook') {
      if (value === 'true' || value === 'yes' || value === 'on') return true;
    } else if (key === 'owner') owner = true;
    else if (key === 'last_reviewed') reviewed = true;
    if (owner && reviewed) return true;
  }
  return false;
}

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
