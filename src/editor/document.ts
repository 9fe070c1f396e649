/** What the editor features need to know about one open runbook: its text, its lint result, how to re-lint it. */
import type { Finding, LintResult, SchemaInfo } from '../core/api.js';

export interface LintedDocument {
  /** The document's URI as the client names it (LSP `DocumentUri`). */
  uri: string;
  /** The full text as the editor holds it (a BOM, if the client kept one, included). */
  text: string;
  /** Core's lint of `text`. */
  result: LintResult;
  /**
   * Lint another text with the same schema and rules (fix-all re-lints after each pass).
   * Absent when the config or schema could not be loaded: nothing is fixable then.
   */
  lint?: (text: string) => Finding[];
}

/** The schema in force for a document, and how to name it in hovers ("built-in runbook-lint:continuity"). */
export interface SchemaContext {
  info: SchemaInfo;
  label: string;
}
