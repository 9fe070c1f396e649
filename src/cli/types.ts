/** Serializable results shared by the in-process linter, the worker threads, the cache and the formatters. */

/** One finding in ESLint's JSON shape (1-based lines and columns; `fix.range` offsets into the BOM-less text). */
export interface LintMessage {
  ruleId: string;
  severity: 2 | 1;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { range: [number, number]; text: string };
}

/** One file's result in ESLint's JSON shape (`filePath` absolute). */
export interface FileResult {
  filePath: string;
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  messages: LintMessage[];
  /** --fix-dry-run only, and only when fixes changed the text: the fixed text, BOM included (ESLint's `output`). */
  output?: string;
}

/** What linting one file produced, besides the result: for the cache and stderr. */
export interface FileOutcome {
  result: FileResult;
  /** sha256 of the file's bytes as read (absent when it could not be read). */
  contentHash?: string;
  /** The file was rewritten by --fix. */
  fixed?: boolean;
  /** Messages for stderr (e.g. a fix skipped because the file changed on disk). */
  notices?: string[];
}

/** Everything a worker needs to lint files under one resolved configuration. */
export interface LintSettings extends PortableSettings {
  /** Hash of everything that influences results (schema content, rule settings); cache and worker key. */
  key: string;
}

export type { SchemaPayload } from '../core/api.js';
import type { PortableSettings } from '../core/api.js';

export interface LintTask {
  filePath: string;
  settingsKey: string;
}

export interface LintJobOptions {
  fix: boolean;
  dryRun?: boolean;
  /** "Today" as an ISO string, identical for every worker. */
  now: string;
}
