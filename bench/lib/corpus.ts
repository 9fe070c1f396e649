import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `*.md` file under `dir` (no dot folders, no node_modules — like the CLI's `**\/*.md`), sorted. */
export function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

export interface CorpusFile {
  path: string;
  text: string;
  bytes: number;
}

export function loadCorpus(dir: string): CorpusFile[] {
  return listMarkdown(dir).map((path) => {
    const buffer = readFileSync(path);
    return { path, text: buffer.toString('utf8'), bytes: buffer.length };
  });
}

/** Copy the corpus folder `times` times into `target/copy-<i>` (real files, so globbing and reading cost what they cost). */
export function replicate(source: string, target: string, times: number): string[] {
  const dirs: string[] = [];
  for (let i = 0; i < times; i++) {
    const dir = join(target, `copy-${String(i).padStart(2, '0')}`);
    cpSync(source, dir, { recursive: true, filter: (src) => statSync(src).isDirectory() || src.toLowerCase().endsWith('.md') });
    dirs.push(dir);
  }
  return dirs;
}
