import { chmodSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';

export interface WriteHooks {
  /** Called after the temp file is written and before the on-disk content is re-checked (tests use it to simulate a concurrent edit). */
  beforeCommit?(target: string, tempFile: string): void;
}

export type WriteOutcome = { written: true } | { written: false; reason: string };

/**
 * Replace a file's content atomically: write a temp file in the same folder, check that the file
 * still holds exactly the bytes we read (an editor may have saved meanwhile), then rename over it.
 * A changed file is left alone. Symbolic links are followed (the link stays a link).
 */
export function writeFileAtomic(path: string, expected: Uint8Array, content: string, hooks: WriteHooks = {}): WriteOutcome {
  const target = realpathSync(path);
  const mode = statSync(target).mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.runbook-lint-${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { encoding: 'utf8', mode, flag: 'wx' });
    chmodSync(temp, mode);
    hooks.beforeCommit?.(target, temp);
    let current: Buffer;
    try {
      current = readFileSync(target);
    } catch (error) {
      unlinkSync(temp);
      return { written: false, reason: `it could not be re-read before writing (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    if (!current.equals(expected)) {
      unlinkSync(temp);
      return { written: false, reason: 'it changed on disk while runbook-lint was fixing it' };
    }
    renameSync(temp, target);
    return { written: true };
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never created
    }
    return { written: false, reason: `it could not be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}
