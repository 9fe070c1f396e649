import { closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, ftruncateSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, writevSync, type Stats } from 'node:fs';
import { basename, dirname, join, parse, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface WriteHooks {
  /** Called after the temp file is written and before the on-disk content is re-checked (tests use it to simulate a concurrent edit). */
  beforeCommit?(target: string, tempFile: string): void;
  /** Called after the last check and just before the rename: an edit here lands in the old inode, which is checked again afterwards. */
  beforeRename?(target: string): void;
}

export type WriteOutcome = { written: true } | { written: false; reason: string };

const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** `.name.runbook-lint-<random>.tmp` next to the target: unpredictable, so nobody can plant a link there in advance. */
function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.runbook-lint-${randomBytes(8).toString('hex')}.tmp`);
}

/** Create a file that did not exist (O_EXCL: a planted file or symbolic link makes this fail), write all of `data`, fsync. */
function writeExclusive(path: string, data: Uint8Array, mode: number): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
  try {
    writeAll(fd, data, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, data: Uint8Array, position: number): void {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done, position + done);
}

/** Every piece at `position`, in one writev when it takes them all; the rest of a short write piece by piece. Returns the bytes written. */
function writevAll(fd: number, pieces: readonly Uint8Array[], position: number): number {
  let total = 0;
  for (const p of pieces) total += p.length;
  const done = writevSync(fd, pieces as Uint8Array[], position);
  if (done === total) return total;
  let offset = 0;
  for (const p of pieces) {
    const end = offset + p.length;
    if (end > done) writeAll(fd, p.subarray(Math.max(0, done - offset)), position + Math.max(done, offset));
    offset = end;
  }
  return total;
}

function readAll(fd: number, limit: number): Buffer {
  const buffer = Buffer.allocUnsafe(limit + 1);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, buffer.length - length, length);
    if (n === 0 || length + n === buffer.length) return buffer.subarray(0, length + n);
    length += n;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // never created, or already gone
  }
}

const sameBytes = (fd: number, expected: Uint8Array) => readAll(fd, expected.length).equals(expected);
const sameStat = (a: Stats, b: Stats) => a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * Replace a fixed runbook's content without ever losing someone else's write or the file's identity:
 * - read-only files (no write bit for anyone) and setuid/setgid files are never rewritten;
 * - a file with several hard links, or owned by another user, is rewritten in place, so every link
 *   and the owner stay; otherwise a temp file (created exclusively, same mode and owner) replaces it
 *   by rename, so a reader never sees half a file;
 * - the original inode is held open across the rename: if anything was written into it after the
 *   last check, the other version is put back and the fix is reported as not written;
 * - a full disk (or any write error) leaves the original untouched and no temp file behind.
 * Symbolic links are followed (the link stays a link).
 */
export function writeFileAtomic(path: string, expected: Uint8Array, content: string, hooks: WriteHooks = {}): WriteOutcome {
  let target: string;
  let fd: number;
  try {
    target = realpathSync(path);
    fd = openSync(target, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { written: false, reason: `it could not be re-read before writing (${code(error)})` };
  }
  try {
    const before = fstatSync(fd);
    if (!before.isFile()) return { written: false, reason: 'it is no longer a regular file' };
    if ((before.mode & 0o222) === 0) return { written: false, reason: 'it is read-only (no write permission bit is set); make it writable to let --fix change it' };
    if ((before.mode & 0o6000) !== 0) return { written: false, reason: 'it has the setuid or setgid bit; --fix never rewrites such files' };
    if (!sameBytes(fd, expected)) return { written: false, reason: 'it changed on disk while runbook-lint was fixing it' };
    const data = Buffer.from(content, 'utf8');
    const ownedByUs = typeof process.getuid !== 'function' || before.uid === process.getuid();
    if (before.nlink > 1 || !ownedByUs) return writeInPlace(target, expected, data, hooks);

    const temp = tempName(target);
    try {
      writeExclusive(temp, data, 0o600);
      const tfd = openSync(temp, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      let group = true;
      try {
        // Group first (chown clears setuid bits), then the mode.
        if (fstatSync(tfd).gid !== before.gid) {
          try {
            fchownSync(tfd, before.uid, before.gid);
          } catch {
            group = false;
          }
        }
        fchmodSync(tfd, before.mode & 0o7777);
      } finally {
        closeSync(tfd);
      }
      if (!group) {
        // We may not give the copy the file's group: keep the inode (and so the group) instead.
        removeQuietly(temp);
        return writeInPlace(target, expected, data, hooks);
      }
      hooks.beforeCommit?.(target, temp);
      if (!sameBytes(fd, expected) || !sameStat(statSync(target), before)) {
        removeQuietly(temp);
        return { written: false, reason: 'it changed on disk while runbook-lint was fixing it' };
      }
      hooks.beforeRename?.(target);
      renameSync(temp, target);
    } catch (error) {
      removeQuietly(temp);
      return { written: false, reason: `it could not be written (${code(error)})` };
    }
    // The inode we checked is now unlinked but still open: a write that slipped in after the check is in it.
    const after = fstatSync(fd);
    if (!sameStat(after, before) || !sameBytes(fd, expected)) {
      const theirs = readAll(fd, Math.max(after.size, expected.length) + 1024 * 1024);
      try {
        const back = tempName(target);
        writeExclusive(back, theirs, 0o600);
        fchmodPath(back, before.mode & 0o7777);
        renameSync(back, target);
      } catch (error) {
        return { written: false, reason: `it changed on disk during the write, and restoring the other version failed (${code(error)}); check the file` };
      }
      return { written: false, reason: 'it changed on disk while runbook-lint was writing it (the other version was kept)' };
    }
    return { written: true };
  } catch (error) {
    return { written: false, reason: `it could not be written (${code(error)})` };
  } finally {
    closeSync(fd);
  }
}

function fchmodPath(path: string, mode: number): void {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}

/**
 * Several hard links (or another owner): overwrite the same inode. A copy is written next to it
 * first, so a full disk fails before the runbook is touched; if the in-place write still fails,
 * the original bytes are written back.
 */
function writeInPlace(target: string, expected: Uint8Array, data: Buffer, hooks: WriteHooks): WriteOutcome {
  const probe = tempName(target);
  try {
    writeExclusive(probe, data, 0o600);
  } catch (error) {
    removeQuietly(probe);
    return { written: false, reason: `it could not be written (${code(error)})` };
  }
  removeQuietly(probe);
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDWR | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { written: false, reason: `it could not be opened for writing (${code(error)})` };
  }
  try {
    hooks.beforeCommit?.(target, probe);
    if (!sameBytes(fd, expected)) return { written: false, reason: 'it changed on disk while runbook-lint was fixing it' };
    hooks.beforeRename?.(target);
    try {
      writeAll(fd, data, 0);
      ftruncateSync(fd, data.length);
      fsyncSync(fd);
    } catch (error) {
      try {
        writeAll(fd, expected, 0);
        ftruncateSync(fd, expected.length);
      } catch {
        return { written: false, reason: `it could not be written (${code(error)}) and may be damaged; check it` };
      }
      return { written: false, reason: `it could not be written (${code(error)})` };
    }
    return { written: true };
  } finally {
    closeSync(fd);
  }
}

/**
 * Create the folders of `dir` one by one (like `mkdir -p`), stopping with the OS error at the first
 * one that cannot be made; bounded by the number of path components, so a path that cannot exist
 * (under /proc, below a regular file) ends at once.
 */
export function ensureDirectory(dir: string): void {
  const missing: string[] = [];
  let current = resolve(dir);
  const root = parse(current).root;
  for (;;) {
    let stats: Stats | undefined;
    try {
      stats = statSync(current);
    } catch (error) {
      if (code(error) !== 'ENOENT') throw error;
    }
    if (stats) {
      if (!stats.isDirectory()) throw Object.assign(new Error(`${current} is not a directory`), { code: 'ENOTDIR' });
      break;
    }
    if (current === root) throw Object.assign(new Error(`${root} does not exist`), { code: 'ENOENT' });
    missing.push(current);
    current = dirname(current);
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i]!);
    } catch (error) {
      if (code(error) === 'EEXIST' && lstatSync(missing[i]!).isDirectory()) continue;
      throw error;
    }
    if (!statSync(missing[i]!).isDirectory()) throw Object.assign(new Error(`${missing[i]} could not be created`), { code: 'ENOENT' });
  }
}

/**
 * Write a report, HTML export or cache: folders created as needed, content written to an exclusive
 * temp file and renamed over `path`, so a reader never sees half a file and a full disk leaves
 * neither a partial file nor a temp file behind.
 */
export function writeReport(path: string, content: string, mode = 0o666): void {
  ensureDirectory(dirname(path));
  const temp = tempName(path);
  try {
    writeExclusive(temp, Buffer.from(content, 'utf8'), mode & ~process.umask());
    renameSync(temp, path);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/** The real path of `path` (symlinks resolved), also when it does not exist yet (its folder's real path + name). */
export function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(realPathOf(parent), basename(path));
  }
}

/** A report written piece by piece: to an exclusive temp file, renamed over `path` by `commit`. */
export interface ReportWriter {
  /** Append these bytes, in order (one gathered write). */
  write(pieces: readonly Uint8Array[]): void;
  /** Rename the finished file into place. */
  commit(): void;
  /** Remove the temp file (the run failed before the report was complete). */
  abort(): void;
}

/** writeReport for a report that is never held whole in memory (--output with a streaming formatter). */
export function openReport(path: string, mode = 0o666): ReportWriter {
  ensureDirectory(dirname(path));
  const temp = tempName(path);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode & ~process.umask());
  let position = 0;
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write(pieces) {
      position += writevAll(fd, pieces, position);
    },
    commit() {
      try {
        fsyncSync(fd);
        close();
        renameSync(temp, path);
      } catch (error) {
        close();
        removeQuietly(temp);
        throw error;
      }
    },
    abort() {
      close();
      removeQuietly(temp);
    },
  };
}
