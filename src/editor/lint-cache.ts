/**
 * Incremental re-lint for editors (issue 12): each open document keeps the parsed pieces of its
 * last lint (the public API's `documentPieces()`), so after an edit only the pieces the edit
 * touched are parsed again; the model is rebuilt and every rule re-runs on it, so the findings
 * are exactly a full lint's. Results are kept per URI and version (asking again for the same version costs nothing)
 * and are dropped when the schema or rule settings change. Bounded: at most `maxDocuments`
 * documents and `maxChars` characters of text, least recently linted dropped first.
 */
import type { DocumentPieces, LintResult, LintTextOptions, PreparedSettings } from '../core/api.js';
import { core } from './engine.js';

/** Options of a cached lint; the document's pieces are the cache's own. */
export type CachedLintOptions = Omit<LintTextOptions, 'pieces'>;

interface Entry {
  pieces: DocumentPieces;
  version?: number;
  text?: string;
  settings?: PreparedSettings;
  now?: number;
  result?: LintResult;
}

export class DocumentLintCache {
  /** In the order they were last linted (a Map keeps insertion order): the first is dropped first. */
  private readonly docs = new Map<string, Entry>();

  constructor(
    readonly maxDocuments = 16,
    /** Text held over all documents; the pieces' trees are in proportion to it. */
    readonly maxChars = 24 * 1024 * 1024,
  ) {}

  /** Lint `text`, version `version` of `uri`: the same result as the public API's lintText(text, settings, options). */
  lint(uri: string, version: number, text: string, settings: PreparedSettings, options: CachedLintOptions = {}): LintResult {
    const entry = this.docs.get(uri) ?? { pieces: core().documentPieces() };
    this.docs.delete(uri);
    this.docs.set(uri, entry);
    const now = options.now?.getTime();
    if (entry.result && entry.version === version && entry.text === text && entry.settings === settings && entry.now === now) return entry.result;
    const result = core().lintText(text, settings, { ...options, pieces: entry.pieces });
    Object.assign(entry, { version, text, settings, now, result });
    this.evict(uri);
    return result;
  }

  /** Whether the next lint of `uri` can reuse parsed pieces (tests, logs). */
  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** Pieces parsed, reused in place and moved by the last lint of `uri`. */
  stats(uri: string): DocumentPieces['lastStats'] | undefined {
    return this.docs.get(uri)?.pieces.lastStats;
  }

  /**
   * A config or schema changed: no stored result is reused. The parsed pieces stay, since the
   * Markdown tree does not depend on the schema or the rules.
   */
  invalidate(): void {
    for (const entry of this.docs.values()) entry.result = entry.settings = undefined;
  }

  /** The document closed. */
  delete(uri: string): void {
    this.docs.delete(uri);
  }

  clear(): void {
    this.docs.clear();
  }

  private evict(keep: string): void {
    let chars = 0;
    for (const entry of this.docs.values()) chars += entry.text?.length ?? 0;
    for (const [uri, entry] of this.docs) {
      if (this.docs.size <= this.maxDocuments && chars <= this.maxChars) break;
      if (uri === keep) continue;
      chars -= entry.text?.length ?? 0;
      this.docs.delete(uri);
    }
  }
}
