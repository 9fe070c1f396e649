import { readFileSync } from 'node:fs';
import { LineIndex } from '../core/index.js';

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
};

/** Why a file could not be read, in words, keeping the OS error code for searching. */
export function describeReadError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? 'EUNKNOWN';
  const reason = OS_REASONS[code] ?? error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  return `Cannot read file: ${reason} (${code}).`;
}

/** Read a file and decode it as UTF-8, keeping a BOM in the text (the core strips and reports it). */
export function readSource(path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, message: describeReadError(error as NodeJS.ErrnoException), line: 1, column: 1 };
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
