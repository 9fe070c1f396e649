/**
 * Live diagnostics for open runbooks: debounced per document, with a generation counter so a
 * result computed for an older text (or an older config) never overwrites a newer one; cleared
 * when the document closes or its file is deleted.
 */
import * as vscode from 'vscode';
import type { LintResult } from '../core/api.js';
import { DocumentLintCache, HEAD_CHARS, isRunbookText } from '../editor/index.js';
import { toDiagnostic } from './convert.js';
import type { Resolved, Resolver } from './resolver.js';
import type { Log } from './log.js';

export interface DocState {
  uri: vscode.Uri;
  version: number;
  result: LintResult;
  resolved: Resolved;
}

export function isMarkdown(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown';
}

/** Runbook or not: ignore globs, then include globs, then the front matter of the first few KB. */
export function isRunbook(doc: vscode.TextDocument, resolved: Resolved): boolean {
  const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 200), 0)).slice(0, HEAD_CHARS);
  return isRunbookText(head, { ignored: resolved.isIgnored(doc.uri), included: resolved.isIncluded(doc.uri) });
}

export class Linter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('runbook-lint');
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly states = new Map<string, DocState>();
  /** Documents linted on request (`runbookLint.lint`) although not detected as runbooks. */
  readonly forced = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics changed (linted or cleared). */
  readonly onDidLint = this.emitter.event;
  /** Dropped results, for tests of the generation counter. */
  staleDropped = 0;
  /** How long the last lint of each document took: big files wait longer between keystrokes. */
  private readonly durations = new Map<string, number>();
  /** Parsed pieces and results per document: an edit re-parses only what it touched. */
  readonly cache = new DocumentLintCache();

  constructor(
    private readonly resolver: Resolver,
    private readonly log: Log,
    /** Results of `lintWorkspace` for files that were not open; superseded by live results. */
    private readonly workspaceCollection: vscode.DiagnosticCollection,
  ) {}

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('runbookLint').get<boolean>('enable', true);
  }

  /** A debounced lint is waiting for this document (tests of `runbookLint.run`). */
  pending(uri: vscode.Uri): boolean {
    return this.timers.has(uri.toString());
  }

  state(uri: vscode.Uri): DocState | undefined {
    return this.states.get(uri.toString());
  }

  /** Lint after `delayMs` unless another change comes first. */
  schedule(doc: vscode.TextDocument, delayMs: number): void {
    if (!isMarkdown(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    // Bump now: a lint already in flight for the older text must not publish.
    this.bump(key);
    // A document that takes long to lint is linted less often while typing (no typing lag on big files).
    if (delayMs > 0) delayMs = Math.max(delayMs, Math.min(5000, 3 * (this.durations.get(key) ?? 0)));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lint(doc);
      }, Math.max(0, delayMs)),
    );
  }

  private bump(key: string): number {
    const g = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, g);
    return g;
  }

  /** Lint now. Resolves to the new state, or undefined when the document is not a runbook or the result went stale. */
  async lint(doc: vscode.TextDocument, force = false): Promise<DocState | undefined> {
    const key = doc.uri.toString();
    if (force) this.forced.add(key);
    const generation = this.bump(key);
    if (!this.enabled || doc.isClosed || !isMarkdown(doc)) {
      this.clear(doc.uri);
      return undefined;
    }
    let resolved: Resolved;
    try {
      resolved = await this.resolver.resolve(doc.uri, doc.getText());
    } catch (error) {
      this.log.error(`cannot resolve settings for ${doc.uri.toString(true)}: ${(error as Error).message}`);
      return undefined;
    }
    if (this.generations.get(key) !== generation || doc.isClosed) {
      this.staleDropped++;
      return undefined;
    }
    if (!this.forced.has(key) && !isRunbook(doc, resolved)) {
      if (this.states.has(key) || this.collection.has(doc.uri)) this.clear(doc.uri);
      return undefined;
    }
    const version = doc.version;
    const text = doc.getText();
    const started = Date.now();
    const result: LintResult = resolved.problem ? resolved.core.problemResult(text, resolved.problem) : this.cache.lint(key, version, text, resolved.prepared);
    const ms = Date.now() - started;
    this.durations.set(key, ms);
    if (ms > 200) this.log.warn(`linting ${vscode.workspace.asRelativePath(doc.uri)} took ${ms} ms (${text.length} characters)`);
    else this.log.debug(`linted ${vscode.workspace.asRelativePath(doc.uri)} v${version} in ${ms} ms: ${result.errorCount} error(s), ${result.warningCount} warning(s)`);
    if (this.generations.get(key) !== generation || doc.isClosed) {
      this.staleDropped++;
      return undefined;
    }
    const state: DocState = { uri: doc.uri, version, result, resolved };
    this.states.set(key, state);
    this.workspaceCollection.delete(doc.uri);
    this.collection.set(doc.uri, result.findings.map(toDiagnostic));
    this.emitter.fire(doc.uri);
    return state;
  }

  /** The state for the document's current version, linting first when it is out of date. */
  async fresh(doc: vscode.TextDocument): Promise<DocState | undefined> {
    const s = this.states.get(doc.uri.toString());
    if (s && s.version === doc.version) return s;
    return this.lint(doc);
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.bump(key);
    this.states.delete(key);
    this.collection.delete(uri);
    this.emitter.fire(uri);
  }

  closed(doc: vscode.TextDocument): void {
    this.forced.delete(doc.uri.toString());
    this.cache.delete(doc.uri.toString());
    this.clear(doc.uri);
    this.generations.delete(doc.uri.toString());
    this.durations.delete(doc.uri.toString());
  }

  /** Re-lint every open Markdown document (config, schema, settings or trust changed). */
  relintAll(): void {
    this.cache.invalidate();
    for (const doc of vscode.workspace.textDocuments) if (isMarkdown(doc)) void this.lint(doc);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.collection.dispose();
    this.emitter.dispose();
    this.cache.clear();
  }
}
