import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { createHash } from 'node:crypto';
import { DEFAULT_MAX_BYTES, LineIndex } from '../core/resolve-api.js';

export type ReadResult =
  | { ok: true; bytes: Buffer; text: string }
  | { ok: false; message: string; line: number; column: number };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const OS_REASONS: Record<string, string> = {
  ENOENT: 'no such file (a dangling symbolic link?)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory, not a file',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  EIO: 'input/output error',
  ENXIO: 'no such device (a socket or a FIFO without a writer?)',
  EFBIG: 'file too large',
};

/** Size limits of the files the CLI reads besides runbooks (runbooks: the core's DEFAULT_MAX_BYTES). Configs share the schema limit. */
export const MAX_SCHEMA_BYTES = 4 * 1024 * 1024;
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** Why a file is refused before reading it: not a regular file, or over the size limit. */
export class FileRefusal extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'FileRefusal';
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

const mb = (n: number) => `${(n / 1048576).toFixed(n < 1048576 ? 2 : 1)} MB`;

function checkRegular(stats: Stats, maxBytes: number): void {
  if (stats.isDirectory()) throw new FileRefusal(OS_REASONS.EISDIR!, 'EISDIR');
  if (!stats.isFile()) throw new FileRefusal(`it is ${kindOf(stats)}, not a regular file; only regular files are read`, 'EREFUSED');
  if (stats.size > maxBytes) throw new FileRefusal(`it is ${mb(stats.size)}, over the limit of ${mb(maxBytes)}`, 'EFBIG');
}

/**
 * Open a file only if it is a regular file of at most `maxBytes` (symbolic links are followed;
 * dangling and looping links fail with ENOENT / ELOOP). The type and size are checked with stat
 * BEFORE opening, the file is opened non-blocking (a FIFO cannot stall the open) and checked again
 * on the open descriptor (it may have been swapped in between). Returns the descriptor, which the
 * caller closes, and its stats. Throws a FileRefusal (code EISDIR / EREFUSED / EFBIG) or the OS
 * error (an ErrnoException with its code); on a throw nothing is left open.
 */
function openRegularFile(path: string, maxBytes: number): { fd: number; stats: Stats } {
  checkRegular(statSync(path), maxBytes);
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  try {
    const stats = fstatSync(fd);
    checkRegular(stats, maxBytes);
    return { fd, stats };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * Read a whole file only if it is a regular file of at most `maxBytes` (openRegularFile's checks),
 * with a bounded read, so a device such as /dev/zero or a file that grows while being read can
 * never exhaust memory. Throws what openRegularFile throws, or a FileRefusal (EFBIG) when the file
 * grew past the limit while being read.
 * This is the one way the CLI reads runbooks, configs, schemas, `$ref` files and the cache.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  return readRegularFileWithStats(path, maxBytes).bytes;
}

/** readRegularFile, with the file's stats as they were when it was opened (before a byte was read). */
export function readRegularFileWithStats(path: string, maxBytes: number): { bytes: Buffer; stats: Stats } {
  const { fd, stats } = openRegularFile(path, maxBytes);
  try {
    // One byte more than allowed tells a file that grew past the limit from one that is exactly at it.
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes, stats.size) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        if (length > maxBytes) throw new FileRefusal(`it grew past the limit of ${mb(maxBytes)} while being read`, 'EFBIG');
        break; // grew by one byte at most: read no further than the stat'ed size + 1
      }
    }
    return { bytes: buffer.subarray(0, length), stats };
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `bytes` bytes of a regular file, or undefined when it is not one or cannot be read
 * (the caller only peeks; linting the file reports why). openRegularFile's checks, so a FIFO or a
 * device can never stall the peek; no size limit, as only the head is read.
 */
export function readRegularFileHead(path: string, bytes: number): Buffer | undefined {
  let opened: { fd: number; stats: Stats };
  try {
    opened = openRegularFile(path, Number.POSITIVE_INFINITY);
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(Math.min(bytes, opened.stats.size));
    return buffer.subarray(0, readSync(opened.fd, buffer, 0, buffer.length, 0));
  } catch {
    return undefined;
  } finally {
    closeSync(opened.fd);
  }
}

/** The message of readRegularFile's failure, as words for a `fatal` finding or a usage error. */
export function describeFileError(error: unknown): string {
  if (error instanceof FileRefusal) return `${error.message} (${error.code})`;
  const e = error as NodeJS.ErrnoException;
  const code = e.code ?? 'EUNKNOWN';
  const reason = OS_REASONS[code] ?? String(e.message ?? e).replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return `${reason} (${code})`;
}

/** Why a file could not be read, in words, keeping the OS error code for searching. */
export function describeReadError(error: unknown): string {
  return `Cannot read file: ${describeFileError(error)}.`;
}

/** Read a file and decode it as UTF-8, keeping a BOM in the text (the core strips and reports it). */
export function readSource(path: string, maxBytes = DEFAULT_MAX_BYTES): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, maxBytes);
  } catch (error) {
    if (error instanceof FileRefusal && error.code === 'EFBIG') {
      return { ok: false, message: `File is too large to lint: ${error.message} (a runbook that large cannot be read in an outage).`, line: 1, column: 1 };
    }
    return { ok: false, message: describeReadError(error), line: 1, column: 1 };
  }
  return decodeSource(bytes);
}

export function decodeSource(bytes: Buffer): ReadResult {
  try {
    return { ok: true, bytes, text: strict.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const at = Math.max(0, bad);
    const prefix = strict.decode(bytes.subarray(0, at));
    const point = new LineIndex(prefix).point(prefix.length);
    const byte = bytes[at] ?? 0;
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const hint = utf16 ? ' The file looks UTF-16 encoded; save it as UTF-8.' : ' Save the file as UTF-8.';
    return {
      ok: false,
      message: `File is not valid UTF-8: byte 0x${byte.toString(16).padStart(2, '0').toUpperCase()} at line ${point.line}, column ${point.column} (byte offset ${at}).${hint}`,
      line: point.line,
      column: point.column,
    };
  }
}

/** Byte offset of the first byte that starts an invalid UTF-8 sequence, or -1 when the bytes are valid. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i; // truncated sequence at the end of the file
    const second = b[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const cont = b[i + k]!;
      if (cont < 0x80 || cont > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The SHA-256 of a file's bytes as read: the cache's key for its content. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
