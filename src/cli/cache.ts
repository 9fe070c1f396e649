import { existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { FileResult, LintMessage } from './types.js';
import { MAX_CACHE_BYTES, readRegularFile } from './read.js';
import { writeReport } from './write.js';

export const DEFAULT_CACHE_NAME = '.runbook-lint-cache';
const FORMAT = 2;

interface CacheEntry {
  /** sha256 of the file's bytes. */
  hash: string;
  /** Hash of the resolved config + schema that produced the result. */
  settings: string;
  result: FileResult;
  /** entryDigest of the other fields: an entry edited by hand (or half-written) is not trusted. */
  digest: string;
}

/**
 * A digest binding an entry's result to the content hash and settings it claims and to the tool
 * build. It catches corruption and hand-edited entries; it is not a secret (anyone who can write
 * the cache can also edit the runbook), so the cache belongs where only its owner can write.
 */
export function entryDigest(tool: string, filePath: string, hash: string, settings: string, result: FileResult): string {
  return createHash('sha256').update(JSON.stringify([tool, filePath, hash, settings, result])).digest('hex');
}

const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
const isPosition = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 1;

function isMessage(m: unknown): m is LintMessage {
  if (!m || typeof m !== 'object') return false;
  const x = m as Record<string, unknown>;
  if (typeof x.ruleId !== 'string' || (x.severity !== 1 && x.severity !== 2) || typeof x.message !== 'string') return false;
  if (!isPosition(x.line) || !isPosition(x.column) || !isPosition(x.endLine) || !isPosition(x.endColumn)) return false;
  if (x.fix === undefined) return true;
  const fix = x.fix as { range?: unknown; text?: unknown } | null;
  return Boolean(fix) && typeof fix!.text === 'string' && Array.isArray(fix!.range) && fix!.range.length === 2 && fix!.range.every(isCount);
}

/** A result of the right shape whose counts agree with its messages. */
function isResult(r: unknown, filePath: string): r is FileResult {
  if (!r || typeof r !== 'object') return false;
  const x = r as Record<string, unknown>;
  if (x.filePath !== filePath || !Array.isArray(x.messages) || !x.messages.every(isMessage)) return false;
  if (![x.errorCount, x.warningCount, x.fixableErrorCount, x.fixableWarningCount].every(isCount)) return false;
  const messages = x.messages as LintMessage[];
  const errors = messages.filter((m) => m.severity === 2);
  const warnings = messages.filter((m) => m.severity === 1);
  return x.errorCount === errors.length && x.warningCount === warnings.length && x.fixableErrorCount === errors.filter((m) => m.fix).length && x.fixableWarningCount === warnings.filter((m) => m.fix).length;
}

const HEX64 = /^[0-9a-f]{64}$/;

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
    this.data = { format: FORMAT, tool, day, entries: Object.create(null) as Record<string, CacheEntry> };
    try {
      // A cache that is not a regular file, too big, not JSON or of another shape is ignored and rewritten.
      const parsed = JSON.parse(readRegularFile(path, MAX_CACHE_BYTES).toString('utf8')) as CacheFile;
      if (parsed && typeof parsed === 'object' && parsed.format === FORMAT && parsed.tool === tool && parsed.day === day && parsed.entries && typeof parsed.entries === 'object' && !Array.isArray(parsed.entries)) {
        this.data = { format: FORMAT, tool, day, entries: Object.assign(Object.create(null) as Record<string, CacheEntry>, parsed.entries) };
      } else this.dirty = true;
    } catch {
      this.dirty = true;
    }
  }

  /** The cached result, only if the entry is well formed, claims this content hash and settings, and its digest matches. */
  get(filePath: string, hash: string, settings: string): FileResult | undefined {
    const entry = Object.hasOwn(this.data.entries, filePath) ? (this.data.entries[filePath] as Partial<CacheEntry> | null) : undefined;
    if (entry && typeof entry === 'object' && entry.hash === hash && HEX64.test(hash) && entry.settings === settings && isResult(entry.result, filePath) && entry.digest === entryDigest(this.tool, filePath, hash, settings, entry.result)) {
      this.hits++;
      return entry.result;
    }
    if (entry) this.delete(filePath); // stale or invalid: re-linted and replaced
    this.misses++;
    return undefined;
  }

  set(filePath: string, hash: string, settings: string, result: FileResult): void {
    this.data.entries[filePath] = { hash, settings, result, digest: entryDigest(this.tool, filePath, hash, settings, result) };
    this.dirty = true;
  }

  delete(filePath: string): void {
    if (Object.hasOwn(this.data.entries, filePath)) {
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
    writeReport(this.path, JSON.stringify(this.data));
  }
}
