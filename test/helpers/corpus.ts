import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lint.js';

/** ../shared/corpus beside the checkout (848 public runbooks, read in place). */
export const corpusRoot = join(repoRoot, '..', 'shared', 'corpus');

/** A node:test `skip` reason when a corpus folder is absent, else false. */
export function corpusSkip(dir: string): string | false {
  return existsSync(dir) ? false : `corpus folder ${dir} is absent (it lives next to the checkout in ../shared/corpus)`;
}

/** Every .md file under a folder, sorted, recursively. */
export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(path));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) out.push(path);
  }
  return out.sort();
}
