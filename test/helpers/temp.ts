/**
 * Temp folders for tests, removed when the test process exits: a CLI suite makes hundreds of small
 * projects, and the inner loop runs them many times a day. Set RUNBOOK_LINT_KEEP_TEMP=1 to keep
 * them for a post-mortem. Removal is best effort (a test may leave a folder it made unreadable).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

function removeAll(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // left behind; nothing depends on it
    }
  }
}

/** A fresh folder under the OS temp folder, named `prefix` plus a random suffix. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (made.length === 0 && !process.env.RUNBOOK_LINT_KEEP_TEMP) process.once('exit', removeAll);
  made.push(dir);
  return dir;
}
