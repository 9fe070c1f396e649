import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Ignore files larger than this are not read (a generated file, not hand-written rules). */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

interface Source {
  dir: string;
  rules: Ignore;
}

/**
 * Git's ignore rules for files found by walking folders and globs: every `.gitignore` from the
 * top of the repository (the folder holding `.git`) down to the file's folder, plus
 * `.git/info/exclude`, with git's precedence — a deeper file's rules win over a shallower one's,
 * the last matching line wins within a file, `!` re-includes, and nothing inside an ignored folder
 * can be re-included. Outside a repository the top is the folder the walk started from. Matching
 * is done by the `ignore` package (the matcher ESLint and many others use); this class only
 * decides which files apply, in which order. The global core.excludesFile is not read.
 */
export class GitignoreFilter {
  private readonly sources = new Map<string, Source | null>();
  private readonly tops = new Map<string, { top: string; exclude: Source | null }>();
  private readonly ignoredDirs = new Map<string, boolean>();

  /** `fallbackTop`: where .gitignore files start to count for files outside any git repository. */
  constructor(private readonly fallbackTop: string) {}

  /** True when git would ignore this file (absolute path). */
  ignores(absFile: string): boolean {
    const { top, exclude } = this.topOf(dirname(absFile));
    const rel = relative(top, absFile);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
    const parts = rel.split(sep);
    // Folders first, from the top down: an ignored folder hides everything in it.
    const chain: Source[] = [];
    const topSource = this.sourceIn(top);
    if (topSource) chain.push(topSource);
    let dir = top;
    for (let i = 0; i < parts.length - 1; i++) {
      dir = join(dir, parts[i]!);
      if (this.dirIgnored(dir, chain, exclude)) return true;
      const own = this.sourceIn(dir);
      if (own) chain.push(own);
    }
    return decide(absFile, false, chain, exclude);
  }

  private dirIgnored(dir: string, chain: Source[], exclude: Source | null): boolean {
    let hit = this.ignoredDirs.get(dir);
    if (hit === undefined) {
      hit = decide(dir, true, chain, exclude);
      this.ignoredDirs.set(dir, hit);
    }
    return hit;
  }

  /** The `.gitignore` of one folder, parsed once. */
  private sourceIn(dir: string): Source | null {
    let hit = this.sources.get(dir);
    if (hit === undefined) {
      const text = readSmallFile(join(dir, '.gitignore'));
      hit = text === undefined ? null : { dir, rules: ignore().add(text) };
      this.sources.set(dir, hit);
    }
    return hit;
  }

  /** The top of the repository that holds `dir` (and its info/exclude), else the fallback top. */
  private topOf(dir: string): { top: string; exclude: Source | null } {
    let hit = this.tops.get(dir);
    if (!hit) {
      const repo = this.repoRoot(dir);
      if (repo !== null) {
        // A worktree's `.git` is a file pointing elsewhere: its info/exclude is not looked up.
        const text = readSmallFile(join(repo, '.git', 'info', 'exclude'));
        hit = { top: repo, exclude: text === undefined ? null : { dir: repo, rules: ignore().add(text) } };
      } else {
        hit = { top: dir === this.fallbackTop || isInside(this.fallbackTop, dir) ? this.fallbackTop : dir, exclude: null };
      }
      this.tops.set(dir, hit);
    }
    return hit;
  }

  private readonly repoRoots = new Map<string, string | null>();

  /** The nearest folder at or above `dir` that holds `.git` (a folder, or a worktree's file). */
  private repoRoot(dir: string): string | null {
    let hit = this.repoRoots.get(dir);
    if (hit === undefined) {
      const parent = dirname(dir);
      hit = isDirectory(join(dir, '.git')) || isFile(join(dir, '.git')) ? dir : parent === dir ? null : this.repoRoot(parent);
      this.repoRoots.set(dir, hit);
    }
    return hit;
  }
}

/** Deepest source first; the first that says ignored or re-included decides; info/exclude last. */
function decide(path: string, isDir: boolean, chain: Source[], exclude: Source | null): boolean {
  const sources = exclude ? [...chain].reverse().concat(exclude) : [...chain].reverse();
  for (const s of sources) {
    const rel = relative(s.dir, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue;
    const result = s.rules.test(rel.split(sep).join('/') + (isDir ? '/' : ''));
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readSmallFile(path: string): string | undefined {
  try {
    const s = statSync(path);
    if (!s.isFile() || s.size > MAX_IGNORE_FILE_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
