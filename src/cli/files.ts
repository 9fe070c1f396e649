import { lstatSync, realpathSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { ALWAYS_IGNORED, type ConfigResolver } from './config.js';
import { UsageError } from './errors.js';
import { GitignoreFilter } from './gitignore.js';

export interface CollectedFiles {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Things the user should know on stderr (e.g. every file under a folder was filtered out). */
  notices: string[];
  /** Each file's real path (symbolic links resolved), where it could be resolved. */
  realPaths: Map<string, string>;
}

const DEFAULT_GLOB = '**/*.md';

async function expand(patterns: string[], cwd: string): Promise<string[]> {
  const found = await glob(patterns, { cwd, absolute: true, onlyFiles: false, dot: false, ignore: ALWAYS_IGNORED, expandDirectories: false });
  // Folders come back with a trailing slash; a folder named like a Markdown file is reported as
  // unreadable (EISDIR) instead of silently skipped.
  return found.filter((p) => !p.endsWith('/') || /\.md\/$/i.test(p)).map((p) => (p.endsWith('/') ? p.slice(0, -1) : p));
}

function kind(path: string): 'dir' | 'file' | 'missing' {
  try {
    const l = lstatSync(path);
    if (l.isSymbolicLink()) {
      try {
        return statSync(path).isDirectory() ? 'dir' : 'file';
      } catch {
        return 'file'; // dangling link: reading it gives a `fatal` finding with the reason
      }
    }
    return l.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

function display(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel;
}

/**
 * The files to lint. No patterns: the cwd config's `include` (relative to that config), else
 * `**\/*.md`. A folder argument means its `**\/*.md`. Files found by globbing must not be ignored
 * by git (.gitignore files, .git/info/exclude), must match their own config's `include` (when it
 * has one) and not its `ignore`; files named explicitly skip `include` and .gitignore but still
 * honour `ignore`. `--no-ignore` turns off both kinds of ignoring. `node_modules` and `.git` are
 * never searched.
 */
export interface CollectOptions {
  /** false (--no-ignore): neither .gitignore files nor the config's "ignore" skip anything. */
  ignore?: boolean;
}

export async function collectFiles(patterns: string[], cwd: string, resolver: ConfigResolver, options: CollectOptions = {}): Promise<CollectedFiles> {
  const useIgnores = options.ignore !== false;
  const gitignore = useIgnores ? new GitignoreFilter(cwd) : undefined;
  const notices: string[] = [];
  const out = new Set<string>();

  const filterDiscovered = async (candidates: string[], label: string): Promise<void> => {
    let kept = 0;
    const skippedBy = new Set<string>();
    for (const file of candidates) {
      if (gitignore?.ignores(file)) {
        skippedBy.add('.gitignore (--no-ignore lints them)');
        continue;
      }
      const config = await resolver.configFor(file);
      if (useIgnores && config?.ignore?.(file)) {
        skippedBy.add(`"ignore" in ${config.file}`);
        continue;
      }
      if (config?.include && !config.include(file)) {
        skippedBy.add(`"include" in ${config.file}`);
        continue;
      }
      out.add(file);
      kept++;
    }
    if (kept === 0 && candidates.length > 0) notices.push(`All ${candidates.length} Markdown file(s) matched by ${label} were skipped by ${[...skippedBy].join(' and ')}.`);
  };

  if (patterns.length === 0) {
    const config = await resolver.configFor(resolve(cwd, '__runbook-lint__.md'));
    if (config?.include) {
      const candidates = await expand(config.config.include!, config.dir);
      if (candidates.length === 0) throw new UsageError(`No files match the "include" globs of ${config.file}: ${config.config.include!.join(', ')}.`);
      await filterDiscovered(candidates, `"include" in ${config.file}`);
    } else {
      const candidates = await expand([DEFAULT_GLOB], cwd);
      if (candidates.length === 0) throw new UsageError(`No Markdown files (${DEFAULT_GLOB}) found in ${cwd}.`);
      await filterDiscovered(candidates, DEFAULT_GLOB);
    }
  }

  for (const pattern of patterns) {
    const abs = resolve(cwd, pattern);
    const k = kind(abs);
    if (k === 'file') {
      const config = await resolver.configFor(abs);
      if (useIgnores && config?.ignore?.(abs)) notices.push(`${display(cwd, abs)} was not linted: it matches "ignore" in ${config.file}.`);
      else out.add(abs);
      continue;
    }
    if (k === 'dir') {
      const candidates = await expand([DEFAULT_GLOB], abs);
      if (candidates.length === 0) throw new UsageError(`No Markdown files (${DEFAULT_GLOB}) found in ${display(cwd, abs)}.`);
      await filterDiscovered(candidates, `"${pattern}"`);
      continue;
    }
    if (!picomatch.scan(pattern).isGlob) throw new UsageError(`No such file or folder: ${pattern}`);
    const candidates = await expand([pattern], cwd);
    if (candidates.length === 0) throw new UsageError(`No files match the pattern "${pattern}".`);
    await filterDiscovered(candidates, `"${pattern}"`);
  }
  const realPaths = new Map<string, string>();
  return { files: dedupe([...out], realPaths), notices, realPaths };
}

/** One path per real file (symbolic links, link loops), preferring the shortest; sorted. `realPaths` gets each kept path's real path. */
function dedupe(paths: string[], realPaths: Map<string, string>): string[] {
  const byReal = new Map<string, string>();
  const resolved = new Set<string>();
  for (const p of paths) {
    let real: string;
    try {
      real = realpathSync.native(p); // one realpath(3) call, not an lstat per path component
      resolved.add(real);
    } catch {
      real = p; // unreadable: keep it, reading it reports why
    }
    const kept = byReal.get(real);
    if (kept === undefined || p.length < kept.length || (p.length === kept.length && p < kept)) byReal.set(real, p);
  }
  for (const [real, p] of byReal) if (resolved.has(real)) realPaths.set(p, real);
  return [...byReal.values()].sort();
}
