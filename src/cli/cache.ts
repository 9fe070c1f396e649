import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FileResult } from './types.js';

export const DEFAULT_CACHE_NAME = '.runbook-lint-cache';
const FORMAT = 1;

interface CacheEntry {
  /** sha256 of the file's bytes. */
  hash: string;
  /** Hash of the resolved config + schema that produced the result. */
  settings: string;
  result: FileResult;
}

interface CacheFile {
  format: number;
  /** The tool version and "today": a new version or a new day (review dates age) drops everything. */
  tool: string;
  day: string;
  entries: Record<string, CacheEntry>;
}

/** `--cache-location`: a file, or a folder (existing, or written with a trailing slash) to put the default file in. */
export function cachePath(cwd: string, location?: string): string {
  if (!location) return join(cwd, DEFAULT_CACHE_NAME);
  const abs = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(abs, DEFAULT_CACHE_NAME);
  try {
    if (statSync(abs).isDirectory()) return join(abs, DEFAULT_CACHE_NAME);
  } catch {
    // not there yet: a file path
  }
  return abs;
}

/**
 * Per-file results keyed by content hash. An entry is used only when the file's bytes AND the
 * settings hash (resolved config + schema content) match; the whole cache is dropped when the tool
 * version or the day changes. A corrupt or foreign cache file is ignored and rewritten.
 */
export class LintCache {
  private data: CacheFile;
  private dirty = false;
  hits = 0;
  misses = 0;

  constructor(
    readonly path: string,
    private readonly tool: string,
    private readonly day: string,
  ) {
    this.data = { format: FORMAT, tool, day, entries: {} };
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (parsed && parsed.format === FORMAT && parsed.tool === tool && parsed.day === day && parsed.entries && typeof parsed.entries === 'object') this.data = parsed;
      else this.dirty = true;
    } catch {
      this.dirty = true;
    }
  }

  get(filePath: string, hash: string, settings: string): FileResult | undefined {
    const entry = this.data.entries[filePath];
    if (entry && entry.hash === hash && entry.settings === settings) {
      this.hits++;
      return entry.result;
    }
    this.misses++;
    return undefined;
  }

  set(filePath: string, hash: string, settings: string, result: FileResult): void {
    this.data.entries[filePath] = { hash, settings, result };
    this.dirty = true;
  }

  delete(filePath: string): void {
    if (this.data.entries[filePath]) {
      delete this.data.entries[filePath];
      this.dirty = true;
    }
  }

  /** Write the cache atomically; entries of files that no longer exist are dropped. */
  save(touched: Set<string>): void {
    for (const file of Object.keys(this.data.entries)) {
      if (!touched.has(file) && !existsSync(file)) {
        delete this.data.entries[file];
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.data));
    renameSync(temp, this.path);
  }
}
