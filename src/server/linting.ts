/**
 * Live diagnostics for the documents the client has open: lint on open and save, debounced on
 * change (`debounceMs`, 0 = every change), a generation counter so a result computed for an older
 * text or older settings is never published, and empty diagnostics when a document closes.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult } from '../core/api.js';
import { DocumentLintCache, HEAD_CHARS, isRunbookText, toLspDiagnostic, type LintedDocument } from '../editor/index.js';
import { describeError, type Log } from './log.js';
import { filePathOf, type DocumentSettings, type SettingsSource } from './settings.js';

export interface DocState {
  version: number;
  text: string;
  settings: DocumentSettings;
  /** Undefined when the document is not a runbook (nothing is published for it). */
  result?: LintResult;
}

export interface Publisher {
  publish(uri: string, version: number | undefined, diagnostics: ReturnType<typeof toLspDiagnostic>[]): void;
}

export class Linting {
  private readonly states = new Map<string, DocState>();
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** How long each document's last lint took: big files wait longer between keystrokes. */
  private readonly durations = new Map<string, number>();
  private readonly published = new Set<string>();
  /** Parsed pieces and results per document: an edit re-parses only what it touched. */
  readonly cache = new DocumentLintCache();

  constructor(
    private readonly settings: SettingsSource,
    private readonly publisher: Publisher,
    private readonly log: Log,
    /** Milliseconds after the last change before linting; 0 lints on every change. */
    public debounceMs = 200,
  ) {}

  /** After a change: lint at once (debounceMs 0) or once the typing pauses. */
  changed(doc: TextDocument): void {
    if (this.debounceMs <= 0) {
      void this.lint(doc);
      return;
    }
    const key = doc.uri;
    clearTimeout(this.timers.get(key));
    this.bump(key); // a lint in flight for the older text must not publish
    const delay = Math.max(this.debounceMs, Math.min(5000, 3 * (this.durations.get(key) ?? 0)));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lint(doc);
      }, delay),
    );
  }

  private bump(key: string): number {
    const g = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, g);
    return g;
  }

  /** Lint now and publish. Resolves to the new state, or undefined when the result went stale. */
  async lint(doc: TextDocument): Promise<DocState | undefined> {
    const key = doc.uri;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const generation = this.bump(key);
    const version = doc.version;
    const text = doc.getText();
    let settings: DocumentSettings;
    try {
      settings = await this.settings.forDocument(key, text);
    } catch (error) {
      this.log.error(`runbook-lint: cannot resolve settings for ${key}: ${describeError(error)}`);
      return undefined;
    }
    if (this.generations.get(key) !== generation) return undefined;
    const path = filePathOf(key);
    const runbook = isRunbookText(text.slice(0, HEAD_CHARS), { included: path ? settings.included : undefined, ignored: settings.ignored });
    let result: LintResult | undefined;
    if (runbook) {
      const started = Date.now();
      const { prepared, problem } = settings;
      result = problem ? this.settings.linter.problemResult(text, problem) : this.cache.lint(key, version, text, prepared);
      this.durations.set(key, Date.now() - started);
    }
    const state: DocState = { version, text, settings, result };
    this.states.set(key, state);
    if (result) {
      this.publisher.publish(key, version, result.findings.map((f) => toLspDiagnostic(f, text.charCodeAt(0) === 0xfeff)));
      this.published.add(key);
    } else if (this.published.delete(key)) {
      this.publisher.publish(key, version, []);
    }
    return state;
  }

  /** The state for the document's current version, linting first when it is out of date. */
  async fresh(doc: TextDocument): Promise<DocState | undefined> {
    const s = this.states.get(doc.uri);
    if (s && s.version === doc.version) return s;
    return this.lint(doc);
  }

  /** The last state if it matches the document's version (hover uses it without linting). */
  current(doc: TextDocument): DocState | undefined {
    const s = this.states.get(doc.uri);
    return s && s.version === doc.version ? s : undefined;
  }

  /** A config or schema changed: no stored result may be reused. */
  invalidate(): void {
    this.cache.invalidate();
  }

  /** The document closed: drop everything and clear its diagnostics (no problems left listed). */
  closed(uri: string): void {
    this.cache.delete(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.bump(uri);
    this.states.delete(uri);
    this.durations.delete(uri);
    if (this.published.delete(uri)) this.publisher.publish(uri, undefined, []);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.cache.clear();
  }
}

/** A state as the editor layer sees it; `lint` re-lints with the same settings (fix-all). */
export function linted(uri: string, state: DocState & { result: LintResult }, settings: SettingsSource): LintedDocument {
  const { prepared, problem } = state.settings;
  return { uri, text: state.text, result: state.result, lint: problem ? undefined : (t) => settings.linter.lintText(t, prepared).findings };
}
