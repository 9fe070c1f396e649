import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { FileResult } from '../types.js';

/** Where a formatter's output goes, piece by piece. */
export type Sink = (text: string) => void;

/**
 * A formatter that is fed results one file at a time, in report order, and writes its output as it
 * goes (design: bounded memory, issue 12), so a run never holds every result or the whole report.
 * The bytes written are exactly those of formatting the whole array at once.
 */
export interface StreamFormatter {
  add(result: FileResult): void;
  end(): void;
}

/** The whole report as one string (tests, small runs): the streamed pieces joined. */
export function collect(make: (sink: Sink) => StreamFormatter, results: Iterable<FileResult>): string {
  const parts: string[] = [];
  const f = make((text) => parts.push(text));
  for (const r of results) f.add(r);
  f.end();
  return parts.join('');
}

/** `JSON.stringify(value, null, 2)` of an element nested `depth` levels deep in an indented document. */
export function nestedJson(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  // JSON strings never hold a raw newline, so every newline is a line break of the layout.
  return pad + JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

/**
 * Text that must wait for the end of the run (junit's and sarif's totals and rule list come first):
 * kept in memory up to `memoryChars`, then appended to an unlinked-at-the-end temp file, so a huge
 * report does not sit in memory. `drain` writes it all, in order, and frees it.
 */
export interface Spool {
  append(text: string): void;
  drain(write: Sink): void;
}

export function createSpool(memoryChars = 4 * 1024 * 1024): Spool {
  let parts: string[] = [];
  let held = 0;
  let file: { path: string; fd: number } | undefined;
  const spill = () => {
    if (!file) {
      const path = join(tmpdir(), `runbook-lint-report-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
      file = { path, fd: openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600) };
    }
    const data = Buffer.from(parts.join(''), 'utf8');
    let done = 0;
    while (done < data.length) done += writeSync(file.fd, data, done);
    parts = [];
    held = 0;
  };
  return {
    append(text) {
      parts.push(text);
      held += text.length;
      if (held >= memoryChars) spill();
    },
    drain(write) {
      if (file) {
        const { fd, path } = file;
        try {
          spill();
          const decoder = new StringDecoder('utf8');
          const chunk = Buffer.allocUnsafe(1 << 20);
          for (let position = 0; ; ) {
            const n = readSync(fd, chunk, 0, chunk.length, position);
            if (n === 0) break;
            position += n;
            const text = decoder.write(chunk.subarray(0, n));
            if (text) write(text);
          }
          const rest = decoder.end();
          if (rest) write(rest);
        } finally {
          closeSync(fd);
          rmSync(path, { force: true });
          file = undefined;
        }
        return;
      }
      for (const p of parts) write(p);
      parts = [];
      held = 0;
    },
  };
}
