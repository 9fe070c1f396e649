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
  private readonly folders = new Map<string, FolderRules>();

  /** `fallbackTop`: where .gitignore files start to count for files outside any git repository. */
  constructor(private readonly fallbackTop: string) {}

  /** True when git would ignore this file (absolute path). */
  ignores(absFile: string): boolean {
    const dir = dirname(absFile);
    const { top, exclude } = this.topOf(dir);
    if (dir !== top && !isInside(top, dir)) return false;
    const rules = this.rulesIn(dir, top, exclude);
    return rules.ignored || decide(absFile, false, rules.sources);
  }

  /**
   * What applies to files in `dir` (inside `top`), worked out once per folder: whether the folder or
   * one above it is ignored (nothing inside an ignored folder can be re-included), and the sources
   * from the deepest `.gitignore` up to the top's, then info/exclude.
   */
  private rulesIn(dir: string, top: string, exclude: Source | null): FolderRules {
    const key = `${top}\u0000${dir}`;
    let hit = this.folders.get(key);
    if (!hit) {
      if (dir === top) {
        const own = this.sourceIn(top);
        hit = { ignored: false, chain: own ? [own] : [], sources: [] };
      } else {
        // Folders first, from the top down: the parent's rules decide whether this folder is ignored.
        const parent = this.rulesIn(dirname(dir), top, exclude);
        const ignored = parent.ignored || decide(dir, true, parent.sources);
        const own = this.sourceIn(dir);
        hit = { ignored, chain: own ? [...parent.chain, own] : parent.chain, sources: [] };
      }
      hit.sources = exclude ? [...hit.chain].reverse().concat(exclude) : [...hit.chain].reverse();
      this.folders.set(key, hit);
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

interface FolderRules {
  ignored: boolean;
  /** `.gitignore` sources from the top down to the folder. */
  chain: Source[];
  /** The order they are asked in: deepest first, info/exclude last. */
  sources: Source[];
}

/** `path` relative to `dir` with `/` separators, or undefined when it is not below it. */
function below(dir: string, path: string): string | undefined {
  // A path inside the folder starts with it and a separator: no path.relative needed (the common case).
  if (sep === '/' && path.length > dir.length + 1 && path.startsWith(dir) && (dir.endsWith('/') || path[dir.length] === '/')) return path.slice(dir.endsWith('/') ? dir.length : dir.length + 1);
  const rel = relative(dir, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** Deepest source first; the first that says ignored or re-included decides; info/exclude last. */
function decide(path: string, isDir: boolean, sources: Source[]): boolean {
  for (const s of sources) {
    const rel = below(s.dir, path);
    if (rel === undefined) continue;
    const result = s.rules.test(rel + (isDir ? '/' : ''));
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
