import { DEFAULT_MAX_BYTES } from '../core/resolve-api.js';

export type StdinRead = { ok: true; bytes: Buffer } | { ok: false; message: string };

/** The name ESLint gives standard input without --stdin-filename. */
export const STDIN_NAME = '<text>';

/**
 * Read standard input to its end, but never more than `maxBytes` (the limit files have): past it,
 * reading stops and the caller reports the document as too large instead of buffering without end.
 */
export async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number = DEFAULT_MAX_BYTES): Promise<StdinRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
      size += buffer.length;
      if (size > maxBytes) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        return { ok: false, message: `Standard input is over ${(maxBytes / 1048576).toFixed(0)} MB; runbook-lint reads at most ${(maxBytes / 1048576).toFixed(0)} MB from it, as from any file (a runbook that large cannot be read in an outage).` };
      }
      chunks.push(buffer);
    }
  } catch (error) {
    return { ok: false, message: `Cannot read standard input: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.` };
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}
