/**
 * Logging through `window/logMessage`. Messages name the handler, the document and what went
 * wrong, never document text or file contents (a runbook may hold the very secrets no-secrets
 * reports); an error's message is cut to its first line.
 */
import type { Connection } from 'vscode-languageserver/node';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLog(connection: Connection): Log {
  return {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
}

/** The first line of an error's message, at most 300 characters; no stack. */
export function describeError(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    text = 'unknown error';
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 300 ? line.slice(0, 299) + '…' : line;
}
