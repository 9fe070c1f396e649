import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { UsageError } from '../errors.js';
/** Where drained text goes. */
type TextSink = (text: string) => void;

/**
 * Text that must wait for the end of the run (junit's and sarif's totals and rule list come first):
 * kept in memory up to `memoryChars`, then appended to a temp file, so a huge report does not sit
 * in memory. `drain` writes it all, in order, and frees it; `discard` drops it (the run failed).
 */
export interface Spool {
  append(text: string): void;
  drain(write: TextSink): void;
  discard(): void;
}

/** Temp files of spools not yet drained or discarded: removed when the process exits. */
const open = new Map<number, string>();
let exitHookAdded = false;
const removeAtExit = () => {
  for (const [fd, path] of open) release(fd, path);
};

function release(fd: number, path: string | undefined): void {
  open.delete(fd);
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
  if (path === undefined) return;
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * An exclusive temp file (O_EXCL with an unpredictable name, so nothing planted there is opened;
 * owner-only). Where the system allows (not Windows), its name is removed at once, so a kill or a
 * crash leaves nothing behind; otherwise it is removed at drain, discard or process exit.
 */
function openTemp(): { fd: number; path: string | undefined } {
  const path = join(tmpdir(), `runbook-lint-report-${process.pid}-${randomBytes(8).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  } catch (error) {
    throw spoolError(error);
  }
  if (process.platform !== 'win32') {
    try {
      unlinkSync(path);
      return { fd, path: undefined };
    } catch {
      // keep the name and remove it later
    }
  }
  open.set(fd, path);
  if (!exitHookAdded) {
    exitHookAdded = true;
    process.on('exit', removeAtExit);
  }
  return { fd, path };
}

const spoolError = (error: unknown) =>
  new UsageError(`Cannot keep the report's waiting results in a temp file in ${tmpdir()} (set TMPDIR to another folder): ${(error as Error).message}`);

export function createSpool(memoryChars = 4 * 1024 * 1024): Spool {
  let parts: string[] = [];
  let held = 0;
  let file: { fd: number; path: string | undefined; size: number } | undefined;
  const close = () => {
    if (file) release(file.fd, file.path);
    file = undefined;
  };
  const spill = () => {
    file ??= { ...openTemp(), size: 0 };
    // Whole appended pieces: a piece never ends inside a character, so none is split here.
    const data = Buffer.from(parts.join(''), 'utf8');
    parts = [];
    held = 0;
    try {
      for (let done = 0; done < data.length; ) done += writeSync(file.fd, data, done, data.length - done, file.size + done);
    } catch (error) {
      close(); // a full disk: nothing half-written is kept
      throw spoolError(error);
    }
    file.size += data.length;
  };
  return {
    append(text) {
      parts.push(text);
      held += text.length;
      if (held >= memoryChars) spill();
    },
    drain(write) {
      if (!file) {
        for (const p of parts) write(p);
        parts = [];
        held = 0;
        return;
      }
      try {
        spill();
        const { fd, size } = file;
        // A read may end inside a character: the decoder keeps its first bytes for the next read.
        const decoder = new StringDecoder('utf8');
        const chunk = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(1, size)));
        for (let position = 0; position < size; ) {
          const n = readSync(fd, chunk, 0, Math.min(chunk.length, size - position), position);
          if (n === 0) break;
          position += n;
          const text = decoder.write(chunk.subarray(0, n));
          if (text) write(text);
        }
        const rest = decoder.end();
        if (rest) write(rest);
      } finally {
        close();
      }
    },
    discard() {
      parts = [];
      held = 0;
      close();
    },
  };
}
