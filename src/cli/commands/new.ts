import { writeFileSync } from 'node:fs';
import { ensureDirectory } from '../write.js';
import { basename, dirname, extname } from 'node:path';
import type { Linter, SchemaInfo } from '../../core/api.js';
import { UsageError } from '../errors.js';

/** "payments-outage.md" → "Payments Outage Runbook". */
export function titleFromFileName(file: string): string {
  const words = basename(file, extname(file)).replace(/[-_.]+/g, ' ').trim().replace(/\s+/g, ' ');
  if (!words) return '[insert runbook title]';
  const title = words.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
  return /\brunbook\b/i.test(title) ? title : `${title} Runbook`;
}

/**
 * A bare `[insert …]` YAML value is a flow sequence (an array), not text: quote it, so a schema
 * whose snippet says `owner: ${1:Team}` still yields `owner: "[insert Team]"`.
 */
export function quotePlaceholders(yaml: string): string {
  return yaml.replace(/^(\s*(?:- +)?(?:[^\s:#][^:#]*: +)?)(\[insert [^\]\n]*\])[ \t]*$/gm, (_m, lead: string, value: string) => `${lead}${JSON.stringify(value)}`);
}

/**
 * A new runbook from the schema: front matter from the frontmatter node's `x-snippet` (else one
 * `[insert …]` line per required key), the title, then every required or recommended section in
 * schema order. Tab stops become `[insert …]` so the skeleton never passes by accident.
 */
export function newRunbookText(linter: Linter, info: SchemaInfo, title: string, now: Date): string {
  const parts: string[] = [];
  let frontmatter: string | undefined;
  if (info.frontmatterSnippet && info.frontmatterSnippet.length > 0) frontmatter = linter.snippetText(info.frontmatterSnippet, now).trimEnd();
  else {
    const keys = info.frontmatterKeys.filter((k) => k.required);
    if (keys.length > 0) frontmatter = keys.map((k) => `${k.key}: [insert ${k.key.replace(/_/g, ' ')}]`).join('\n');
  }
  if (frontmatter !== undefined) parts.push(`---\n${quotePlaceholders(frontmatter)}\n---`);
  parts.push(`# ${title}`);
  const sections = info.sections.filter((s) => s.required);
  for (const spec of sections.length > 0 ? sections : info.sections) parts.push(linter.sectionText(spec, 2, { eol: '\n', now }));
  return parts.join('\n\n') + '\n';
}

/** Write a file that must not exist yet (parents are created). */
export function writeNewFile(path: string, content: string): void {
  try {
    ensureDirectory(dirname(path));
    writeFileSync(path, content, { flag: 'wx' });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EEXIST') throw new UsageError(`${path} already exists; runbook-lint never overwrites it. Choose another name or delete the file first.`);
    throw new UsageError(`Cannot write ${path}: ${e.message}`);
  }
}
