/**
 * The runbook-lint language server (design §7a) on a vscode-languageserver connection:
 * diagnostics, code actions (quick fixes, `source.fixAll.runbook-lint`), completion and hover
 * from the editor layer (src/editor), config and schema files watched through
 * workspace/didChangeWatchedFiles. Every handler is guarded: bad input is logged and answered
 * with nothing, never a crash.
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, codeActionsWanted, completionItems, COMPLETION_TRIGGERS, EditorText, FIX_ALL_KIND, hoverAt, localIsoDate, siteAt } from '../editor/index.js';
import { linted, Linting } from './linting.js';
import { createLog, describeError, type Log } from './log.js';
import { filePathOf, SettingsSource } from './settings.js';

/** Default pause after the last change before linting (initializationOptions.debounceMs overrides; 0 = every change). */
export const DEFAULT_DEBOUNCE_MS = 200;

/** Files whose changes can change findings: configs by name, schemas by extension (filtered by what was read). */
export const WATCHED_GLOBS = ['**/.runbook-lint.json', '**/.runbook-lint.jsonc', '**/*.json'];

export interface ServerInfo {
  name: string;
  version: string;
}

function isMarkdown(doc: TextDocument): boolean {
  return doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri);
}

/** The debounce the client asked for, or the default when it asked for nothing sensible. */
export function debounceOption(options: unknown, log?: Log): number {
  const value = options && typeof options === 'object' ? (options as Record<string, unknown>).debounceMs : undefined;
  if (value === undefined) return DEFAULT_DEBOUNCE_MS;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.min(value, 10_000);
  log?.warn(`runbook-lint: initializationOptions.debounceMs must be a number of milliseconds ≥ 0 (got ${JSON.stringify(value)?.slice(0, 40)}); using ${DEFAULT_DEBOUNCE_MS}.`);
  return DEFAULT_DEBOUNCE_MS;
}

function cancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

export function startServer(connection: Connection, info: ServerInfo, settings = new SettingsSource()): void {
  const log = createLog(connection);
  const documents = new TextDocuments(TextDocument);
  const linting = new Linting(settings, { publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }) }, log);
  let canRegisterWatchers = false;

  /** Run a handler; log what went wrong (without document text) and answer `fallback` instead of failing. */
  async function guard<T>(what: string, uri: string | undefined, fallback: T, fn: () => Promise<T> | T): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log.error(`runbook-lint: ${what}${uri ? ` for ${uri}` : ''} failed: ${describeError(error)}`);
      return fallback;
    }
  }

  const relintAll = () => {
    for (const doc of documents.all()) if (isMarkdown(doc)) void guard('lint', doc.uri, undefined, () => linting.lint(doc));
  };

  connection.onInitialize((params): InitializeResult => {
    linting.debounceMs = debounceOption(params.initializationOptions, log);
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        hoverProvider: true,
      },
      serverInfo: info,
    };
  });

  connection.onInitialized(() => {
    if (canRegisterWatchers) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) })
        .catch((error: unknown) => log.warn(`runbook-lint: could not register file watchers: ${describeError(error)}`));
    } else {
      log.info('runbook-lint: the client cannot watch files for the server; configs and schemas are read again whenever a runbook is opened or saved.');
    }
  });

  // Without file watching, opening or saving a runbook is when a changed config or schema is noticed.
  const rereadUnwatched = () => {
    if (!canRegisterWatchers) {
      settings.invalidate();
      linting.invalidate();
    }
  };
  documents.onDidOpen((e) => {
    if (!isMarkdown(e.document)) return;
    rereadUnwatched();
    void guard('lint', e.document.uri, undefined, () => linting.lint(e.document));
  });
  documents.onDidChangeContent((e) => {
    // onDidChangeContent also fires for the open; that lint already ran.
    if (isMarkdown(e.document) && e.document.version !== linting.current(e.document)?.version) void guard('lint', e.document.uri, undefined, () => linting.changed(e.document));
  });
  documents.onDidSave((e) => {
    if (!isMarkdown(e.document)) return;
    rereadUnwatched();
    void guard('lint', e.document.uri, undefined, () => linting.lint(e.document));
  });
  documents.onDidClose((e) => linting.closed(e.document.uri));

  connection.onDidChangeWatchedFiles((params) =>
    guard('didChangeWatchedFiles', undefined, undefined, async () => {
      let relevant = false;
      for (const change of params.changes ?? []) {
        const path = filePathOf(change.uri) ?? change.uri;
        if (await settings.watches(path)) relevant = true;
      }
      if (!relevant) return;
      log.info('runbook-lint: config or schema changed; re-linting open runbooks');
      settings.invalidate();
      linting.invalidate();
      relintAll();
    }),
  );

  connection.onCodeAction((params, token) =>
    guard('codeAction', params.textDocument?.uri, null, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const options = { diagnostics: params.context?.diagnostics ?? [], only: params.context?.only, today: localIsoDate() };
      if (!codeActionsWanted(options)) return null;
      const state = await linting.fresh(doc);
      cancelled(token);
      if (!state?.result) return null;
      return codeActions(linted(doc.uri, { ...state, result: state.result }, settings), options);
    }),
  );

  connection.onCompletion((params, token) =>
    guard('completion', params.textDocument?.uri, null, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const text = new EditorText(doc.getText());
      const site = siteAt(text, params.position);
      if (!site) return null;
      // Completion in a runbook that is not linted yet (just opened) lints it first.
      const state = await linting.fresh(doc);
      cancelled(token);
      if (!state?.result) return null;
      return completionItems(text, params.position, { info: state.settings.prepared.info, label: state.settings.schemaLabel }, state.result) ?? null;
    }),
  );

  connection.onHover((params, token) =>
    guard('hover', params.textDocument?.uri, null, async () => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const text = new EditorText(doc.getText());
      if (!siteAt(text, params.position)) return null;
      const state = linting.current(doc) ?? (await linting.fresh(doc));
      cancelled(token);
      if (!state?.result) return null;
      return hoverAt(text, params.position, { info: state.settings.prepared.info, label: state.settings.schemaLabel }, state.result) ?? null;
    }),
  );

  connection.onShutdown(() => {
    linting.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
