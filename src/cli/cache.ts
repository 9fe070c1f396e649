import { existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { FileResult, LintMessage } from './types.js';
import { MAX_CACHE_BYTES, readRegularFile } from './read.js';
import { writeReport } from './write.js';

export const DEFAULT_CACHE_NAME = '.runbook-lint-cache';

/**
 * The cache file, format 3: one header line, then the body.
 *
 *     {"format":3,"tool":"0.1.0+1a2b3c4d5e6f","day":"2026-12-02","digest":"<sha256>"}
 *     {"strings":["required-section","Missing required section …",…],"entries":[[filePath, hash, settings, messages],…]}
 *
 * Compact because a warm run reads all of it: rule ids, messages, fix texts and settings keys are
 * interned in `strings` (the same section snippet is the fix text of thousands of findings: on the
 * 848-file corpus, 12,645 messages hold 295 distinct strings), and a message is an array of numbers,
 * `[rule, severity, message, line, column, endLine, endColumn]` plus `fixStart, fixEnd, fixText`
 * when it has a fix. Counts are not stored: they follow from the messages.
 *
 * `digest` is the SHA-256 of the tool, the day and the body's bytes, computed once over the file
 * rather than per entry: it catches corruption and hand edits (anything else than what the tool
 * wrote) and then the whole cache is ignored and every file re-linted. It is not a secret (anyone who
 * can write the cache can also edit the runbook), so each entry is also checked for shape before use.
 */
const FORMAT = 3;

/** One file's cached result: used only when the file's content hash and settings still match. */
export interface CacheEntry {
  /** sha256 of the file's bytes. */
  hash: string;
  /** Key of the resolved config + schema that produced the result. */
  settings: string;
  result: FileResult;
}

/** What a cache file holds, decoded and checked. */
export interface CacheContents {
  /** The tool version and build: another one drops everything. */
  tool: string;
  /** "Today" (UTC): review dates age, so another day drops everything. */
  day: string;
  entries: Map<string, CacheEntry>;
}

const HEX64 = /^[0-9a-f]{64}$/;
const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const isPosition = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1;
const isIndex = (n: unknown, strings: readonly string[]): n is number => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) < strings.length;

function digestOf(tool: string, day: string, body: Uint8Array | string): string {
  return createHash('sha256').update(`${FORMAT}\n${tool}\n${day}\n`).update(body).digest('hex');
}

/** A cache file's text for a body (exported for tests that forge or damage caches). */
export function cacheText(tool: string, day: string, body: string): string {
  return `${JSON.stringify({ format: FORMAT, tool, day, digest: digestOf(tool, day, body) })}\n${body}`;
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
  for (const [filePath, { hash, settings, result }] of contents.entries) {
    const messages = result.messages.map((m) => {
      const row = [id(m.ruleId), m.severity, id(m.message), m.line, m.column, m.endLine, m.endColumn];
      if (m.fix) row.push(m.fix.range[0], m.fix.range[1], id(m.fix.text));
      return row;
    });
    entries.push([filePath, hash, id(settings), messages]);
  }
  return cacheText(contents.tool, contents.day, JSON.stringify({ strings, entries }));
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
  if (!Array.isArray(row) || row.length !== 4) return undefined;
  const filePath: unknown = row[0];
  const hash: unknown = row[1];
  const settingsId: unknown = row[2];
  const rows: unknown = row[3];
  if (typeof filePath !== 'string' || typeof hash !== 'string' || !HEX64.test(hash) || !isIndex(settingsId, strings) || !Array.isArray(rows)) return undefined;
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
  return [filePath, { hash, settings, result }];
}

/**
 * A cache file's contents, or undefined when it is not a format-3 cache whose digest matches.
 * Entries of the wrong shape are left out (their files are re-linted); `dropped` counts them.
 */
export function decodeCache(bytes: Buffer): (CacheContents & { dropped: number }) | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  let header: { format?: unknown; tool?: unknown; day?: unknown; digest?: unknown };
  let body: { strings?: unknown; entries?: unknown };
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as typeof header;
    if (!header || typeof header !== 'object' || header.format !== FORMAT || typeof header.tool !== 'string' || typeof header.day !== 'string') return undefined;
    const rest = bytes.subarray(newline + 1);
    if (header.digest !== digestOf(header.tool, header.day, rest)) return undefined;
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
  return { tool: header.tool, day: header.day, entries, dropped };
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
  private readonly entries: Map<string, CacheEntry>;
  private dirty = false;
  hits = 0;
  misses = 0;

  constructor(
    readonly path: string,
    private readonly tool: string,
    private readonly day: string,
  ) {
    let contents: ReturnType<typeof decodeCache>;
    try {
      // A cache that is not a regular file, too big, damaged or of another format, tool or day is ignored and rewritten.
      contents = decodeCache(readRegularFile(path, MAX_CACHE_BYTES));
    } catch {
      contents = undefined;
    }
    if (contents && contents.tool === tool && contents.day === day) {
      this.entries = contents.entries;
      this.dirty = contents.dropped > 0;
    } else {
      this.entries = new Map();
      this.dirty = true;
    }
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

  set(filePath: string, hash: string, settings: string, result: FileResult): void {
    this.entries.set(filePath, { hash, settings, result });
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
    writeReport(this.path, encodeCache({ tool: this.tool, day: this.day, entries: this.entries }));
  }
}
