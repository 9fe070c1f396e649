/**
 * Cheap runbook detection (design §7), shared by the extension and the language server: a
 * Markdown file is a runbook when the config's `include` globs match it, or its front matter says
 * `runbook: true`, or has both `owner` and `last_reviewed`; `ignore` globs win. Only the first few
 * KB are looked at, so ordinary Markdown never gets parsed.
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

/**
 * Runbook or not, given what the config says about the file: `ignored` wins, then `included`
 * (undefined when no include globs exist), then the front matter of the text's head.
 */
export function isRunbookText(head: string, where: { included?: boolean; ignored: boolean }): boolean {
  if (where.ignored) return false;
  if (where.included) return true;
  return frontMatterMarksRunbook(head.slice(0, HEAD_CHARS));
}
