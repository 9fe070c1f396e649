import { existsSync, statSync, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { FileResult, LintMessage } from './types.js';
import { MAX_CACHE_BYTES, readRegularFileWithStats } from './read.js';
import { writeReport } from './write.js';

export const DEFAULT_CACHE_NAME = '.runbook-lint-cache';

/**
 * The cache file, format 4: one header line, then the body.
 *
 *     {"format":4,"tool":"0.1.0+1a2b3c4d5e6f","day":"2026-12-02","written":1764659000000,"digest":"<sha256>"}
 *     {"strings":["required-section","Missing required section …",…],"entries":[[filePath, hash, settings, messages, stamp?],…]}
 *
 * Compact because a warm run reads all of it: rule ids, messages, fix texts and settings keys are
 * interned in `strings` (the same section snippet is the fix text of thousands of findings: on the
 * 848-file corpus, 12,645 messages hold 295 distinct strings), and a message is an array of numbers,
 * `[rule, severity, message, line, column, endLine, endColumn]` plus `fixStart, fixEnd, fixText`
 * when it has a fix. Counts are not stored: they follow from the messages.
 *
 * `stamp` is `[size, mtimeMs, ctimeMs, ino, dev]` of the file as it was opened to be hashed, kept
 * only when both times were already older than {@link SETTLE_MS} before that run began (git's
 * "racy" rule). A later run whose stat of the file gives the same stamp uses the entry's hash
 * without reading the file: any write after the run began would have moved the change time past
 * the recorded one, also on file systems with coarse time stamps. `written` is this machine's clock
 * when the cache was written; when the cache file's own modification time says the file system's
 * clock is behind it, stamps are not trusted (every file is read and hashed).
 *
 * `digest` is the SHA-256 of the tool, the day, `written` and the body's bytes, computed once over
 * the file rather than per entry: it catches corruption and hand edits (anything else than what the
 * tool wrote) and then the whole cache is ignored and every file re-linted. It is not a secret (anyone
 * who can write the cache can also edit the runbook), so each entry is also checked for shape before use.
 */
const FORMAT = 4;

/**
 * How much older than the start of a run a file's modification and change times must be for its
 * stamp to be kept: more than the coarsest time stamps in use (FAT: 2 s) plus the lag of the
 * kernel's coarse clock, so an edit within the same tick as the read can never share its stamp.
 */
export const SETTLE_MS = 3000;

/** How far the file system's clock (the cache file's mtime) may lag this machine's before stamps are distrusted. */
const CLOCK_LAG_MS = 500;

/** What identifies a file's content without reading it: size, modification and change times, inode, device. */
export type FileStamp = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number, dev: number];

/** The stamp to keep for a file opened at `stats` during a run that began at `runStart` (ms), if it had settled by then. */
export function settledStamp(stats: Stats, runStart: number, settleMs = SETTLE_MS): FileStamp | undefined {
  if (!stats.isFile() || Math.max(stats.mtimeMs, stats.ctimeMs) > runStart - settleMs) return undefined;
  return [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino, stats.dev];
}

const sameStamp = (a: FileStamp, b: Stats) => a[0] === b.size && a[1] === b.mtimeMs && a[2] === b.ctimeMs && a[3] === b.ino && a[4] === b.dev && b.isFile();

/** One file's cached result: used only when the file's content hash and settings still match. */
export interface CacheEntry {
  /** sha256 of the file's bytes. */
  hash: string;
  /** Key of the resolved config + schema that produced the result. */
  settings: string;
  result: FileResult;
  /** The file as it was hashed, when settled (see the format above). */
  stamp?: FileStamp;
}

/** What a cache file holds, decoded and checked. */
export interface CacheContents {
  /** The tool version and build: another one drops everything. */
  tool: string;
  /** "Today" (UTC): review dates age, so another day drops everything. */
  day: string;
  /** This machine's clock (ms) when the cache was written; without it, stamps are not trusted. */
  written?: number;
  entries: Map<string, CacheEntry>;
}

const HEX64 = /^[0-9a-f]{64}$/;
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const isPosition = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1;
const isIndex = (n: unknown, strings: readonly string[]): n is number => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) < strings.length;

function digestOf(tool: string, day: string, written: number | undefined, body: Uint8Array | string): string {
  return createHash('sha256').update(`${FORMAT}\n${tool}\n${day}\n${written ?? ''}\n`).update(body).digest('hex');
}

/** A cache file's text for a body (exported for tests that forge or damage caches). */
export function cacheText(tool: string, day: string, body: string, written?: number): string {
  return `${JSON.stringify({ format: FORMAT, tool, day, written, digest: digestOf(tool, day, written, body) })}\n${body}`;
}

/** The cache file's text for these contents. */
export function encodeCache(contents: CacheContents): string {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const id = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  const entries: unknown[] = [];
  for (const [filePath, { hash, settings, result, stamp }] of contents.entries) {
    const messages = result.messages.map((m) => {
      const row = [id(m.ruleId), m.severity, id(m.message), m.line, m.column, m.endLine, m.endColumn];
      if (m.fix) row.push(m.fix.range[0], m.fix.range[1], id(m.fix.text));
      return row;
    });
    entries.push(stamp ? [filePath, hash, id(settings), messages, stamp] : [filePath, hash, id(settings), messages]);
  }
  return cacheText(contents.tool, contents.day, JSON.stringify({ strings, entries }), contents.written);
}

/**
 * One message row back to a message; undefined when it is not of the shape encodeCache writes.
 * Indexed reads, no destructuring: a warm run decodes every row before V8 has optimised this.
 */
function decodeMessage(row: unknown, strings: string[]): LintMessage | undefined {
  if (!Array.isArray(row)) return undefined;
  const n = row.length;
  if (n !== 7 && n !== 10) return undefined;
  const rule = row[0];
  const severity = row[1];
  const message = row[2];
  const line = row[3];
  const column = row[4];
  const endLine = row[5];
  const endColumn = row[6];
  if (!isIndex(rule, strings) || !isIndex(message, strings) || (severity !== 1 && severity !== 2)) return undefined;
  if (!isPosition(line) || !isPosition(column) || !isPosition(endLine) || !isPosition(endColumn)) return undefined;
  if (n === 7) return { ruleId: strings[rule]!, severity, message: strings[message]!, line, column, endLine, endColumn };
  const start = row[7];
  const end = row[8];
  const fixText = row[9];
  if (!isCount(start) || !isCount(end) || start > end || !isIndex(fixText, strings)) return undefined;
  return { ruleId: strings[rule]!, severity, message: strings[message]!, line, column, endLine, endColumn, fix: { range: [start, end], text: strings[fixText]! } };
}

/** One entry row back to an entry; undefined when it is not of the shape encodeCache writes. */
function decodeEntry(row: unknown, strings: string[]): [string, CacheEntry] | undefined {
  if (!Array.isArray(row) || (row.length !== 4 && row.length !== 5)) return undefined;
  const filePath: unknown = row[0];
  const hash: unknown = row[1];
  const settingsId: unknown = row[2];
  const rows: unknown = row[3];
  if (typeof filePath !== 'string' || typeof hash !== 'string' || !HEX64.test(hash) || !isIndex(settingsId, strings) || !Array.isArray(rows)) return undefined;
  const stamp: unknown = row[4];
  if (stamp !== undefined && !isStamp(stamp)) return undefined;
  const settings = strings[settingsId]!;
  const result: FileResult = { filePath, errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, messages: [] };
  for (let i = 0; i < rows.length; i++) {
    const m = decodeMessage(rows[i], strings);
    if (!m) return undefined;
    result.messages.push(m);
    if (m.severity === 2) {
      result.errorCount++;
      if (m.fix) result.fixableErrorCount++;
    } else {
      result.warningCount++;
      if (m.fix) result.fixableWarningCount++;
    }
  }
  return [filePath, stamp === undefined ? { hash, settings, result } : { hash, settings, result, stamp }];
}

/** `[size, mtimeMs, ctimeMs, ino, dev]`: times may have fractions; inode numbers may exceed 2^53 (then rounded, as Node gives them). */
function isStamp(value: unknown): value is FileStamp {
  if (!Array.isArray(value) || value.length !== 5) return false;
  for (let i = 0; i < 5; i++) {
    const n: unknown = value[i];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return false;
  }
  return true;
}

/**
 * A cache file's contents, or undefined when it is not a format-3 cache whose digest matches.
 * Entries of the wrong shape are left out (their files are re-linted); `dropped` counts them.
 */
export function decodeCache(bytes: Buffer): (CacheContents & { dropped: number }) | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  let header: { format?: unknown; tool?: unknown; day?: unknown; written?: unknown; digest?: unknown };
  let body: { strings?: unknown; entries?: unknown };
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as typeof header;
    if (!header || typeof header !== 'object' || header.format !== FORMAT || typeof header.tool !== 'string' || typeof header.day !== 'string') return undefined;
    if (header.written !== undefined && !(typeof header.written === 'number' && Number.isFinite(header.written))) return undefined;
    const rest = bytes.subarray(newline + 1);
    if (header.digest !== digestOf(header.tool, header.day, header.written, rest)) return undefined;
    body = JSON.parse(rest.toString('utf8')) as typeof body;
  } catch {
    return undefined;
  }
  if (!body || typeof body !== 'object' || !Array.isArray(body.strings) || !body.strings.every((s) => typeof s === 'string') || !Array.isArray(body.entries)) return undefined;
  const entries = new Map<string, CacheEntry>();
  let dropped = 0;
  for (const row of body.entries) {
    const entry = decodeEntry(row, body.strings as string[]);
    if (entry) entries.set(entry[0], entry[1]);
    else dropped++;
  }
  return { tool: header.tool, day: header.day, written: header.written, entries, dropped };
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
 * version or the day changes. A corrupt or foreign cache file is ignored and rewritten. A file whose
 * stamp is the one recorded with its entry is known to have those bytes without reading them.
 */
export class LintCache {
  private readonly entries: Map<string, CacheEntry>;
  /** False when the cache file's time stamp says the file system's clock lags this machine's. */
  private readonly stampsTrusted: boolean;
  private dirty = false;
  hits = 0;
  misses = 0;
  /** Files whose content hash came from their stamp, unread. */
  unread = 0;

  constructor(
    readonly path: string,
    private readonly tool: string,
    private readonly day: string,
  ) {
    let contents: ReturnType<typeof decodeCache>;
    let mtimeMs = Number.NaN;
    try {
      // A cache that is not a regular file, too big, damaged or of another format, tool or day is ignored and rewritten.
      const read = readRegularFileWithStats(path, MAX_CACHE_BYTES);
      mtimeMs = read.stats.mtimeMs;
      contents = decodeCache(read.bytes);
    } catch {
      contents = undefined;
    }
    if (contents && contents.tool === tool && contents.day === day) {
      this.entries = contents.entries;
      this.dirty = contents.dropped > 0;
      this.stampsTrusted = contents.written !== undefined && mtimeMs >= contents.written - CLOCK_LAG_MS;
    } else {
      this.entries = new Map();
      this.dirty = true;
      this.stampsTrusted = false;
    }
  }

  /** The content hash recorded for the file, when `stats` (a stat of it now) matches the stamp recorded with it. */
  unchangedHash(filePath: string, stats: Stats | undefined): string | undefined {
    if (!stats || !this.stampsTrusted) return undefined;
    const entry = this.entries.get(filePath);
    if (!entry?.stamp || !sameStamp(entry.stamp, stats)) return undefined;
    this.unread++;
    return entry.hash;
  }

  /** The cached result, only if there is an entry for this content hash and settings. */
  get(filePath: string, hash: string, settings: string): FileResult | undefined {
    const entry = this.entries.get(filePath);
    if (entry && entry.hash === hash && entry.settings === settings) {
      this.hits++;
      return entry.result;
    }
    if (entry) this.delete(filePath); // stale: re-linted and replaced
    this.misses++;
    return undefined;
  }

  /** A hit found by reading the file: keep the stamp it was read at (or drop the old one), so the next run need not read it. */
  restamp(filePath: string, stamp: FileStamp | undefined): void {
    const entry = this.entries.get(filePath);
    if (!entry || (entry.stamp === undefined && stamp === undefined) || (entry.stamp && stamp && entry.stamp.every((v, i) => v === stamp[i]))) return;
    if (stamp) entry.stamp = stamp;
    else delete entry.stamp;
    this.dirty = true;
  }

  set(filePath: string, hash: string, settings: string, result: FileResult, stamp?: FileStamp): void {
    this.entries.set(filePath, stamp ? { hash, settings, result, stamp } : { hash, settings, result });
    this.dirty = true;
  }

  delete(filePath: string): void {
    if (this.entries.delete(filePath)) this.dirty = true;
  }

  /** Write the cache atomically; entries of files that no longer exist are dropped. */
  save(touched: Set<string>): void {
    for (const file of this.entries.keys()) {
      if (!touched.has(file) && !existsSync(file)) {
        this.entries.delete(file);
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    writeReport(this.path, encodeCache({ tool: this.tool, day: this.day, written: Date.now(), entries: this.entries }));
  }
}
