/**
 * The checklist preview panel (design §7: viewType `runbookLint.checklist`). One panel, beside the
 * editor like Markdown's preview; it follows the active runbook editor, re-renders on edits, and
 * writes checkbox clicks back to the source as undoable WorkspaceEdits — only when the document is
 * still at the version the panel showed.
 */
import * as vscode from 'vscode';
import {
  escapeHtml, formatRunLog, renderPanelHtml, startDrill, toggleDrillItem,
  type ChecklistView, type DrillState, type LintResult,
} from '../../core/api.js';
import { fixToEdit } from '../code-actions.js';
import { positionAt } from '../convert.js';

export const VIEW_TYPE = 'runbookLint.checklist';
export const STALE_NOTICE = 'The runbook changed; the checklist was refreshed — click again.';
const DEBOUNCE_MS = 250;

export interface ChecklistDeps {
  /**
   * The lint result of the document's current text. With `force` false, undefined for Markdown
   * that is not a runbook (the panel then does not follow it).
   */
  lint(doc: vscode.TextDocument, force: boolean): Promise<LintResult | undefined>;
  /** Fires after a document was linted (e.g. config changed): the panel re-renders. */
  onDidLint?: vscode.Event<vscode.Uri>;
  /** The checklist model of a lint result (core's `Linter.checklist`). */
  view(result: LintResult, fallbackTitle: string): ChecklistView;
  /** Who runs a drill: git user.name, then the OS user name; "unknown" when neither is known. */
  runnerName(): Promise<string>;
  log?: { info(m: string): void; warn(m: string): void };
}

export interface PanelContext {
  extensionUri: vscode.Uri;
  deps: ChecklistDeps;
}

/** What the webview keeps with vscode.setState, so the serializer can restore the panel. */
export interface PersistedState {
  uri?: string;
  drill?: DrillState;
}

type Incoming =
  | { type: 'ready' }
  | { type: 'rendered'; seq: number }
  | { type: 'toggle'; version: number; line: number; boxOffset: number; key: string; checked: boolean }
  | { type: 'reveal'; line: number; column?: number }
  | { type: 'insertSection'; sectionId: string; version: number }
  | { type: 'drill'; action: 'start' | 'stop' | 'export' };

function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export class ChecklistPanel implements vscode.Disposable {
  static current: ChecklistPanel | undefined;

  private uri: vscode.Uri;
  private result: LintResult | undefined;
  private view: ChecklistView | undefined;
  /** Version of the document the webview shows; clicks carry it back. */
  shownVersion = -1;
  private notice: string | undefined;
  private readonly drills = new Map<string, DrillState>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private held = false;
  /** The webview's script has loaded and asked for its state. */
  webviewReady = false;
  /** State messages posted, and the last one the webview acknowledged having rendered. */
  private postSeq = 0;
  private ackSeq = -1;
  /** What was last posted, to skip re-renders that would change nothing (e.g. a re-lint of the same text). */
  private lastPosted = '';
  /** The first paint is the panel's HTML; every later update is a state message. */
  private htmlWritten = false;
  private readonly rendered = new vscode.EventEmitter<number>();
  /** Fires with the document version after each state message posted to the webview. */
  readonly onDidRender = this.rendered.event;

  static async createOrShow(ctx: PanelContext, doc: vscode.TextDocument): Promise<ChecklistPanel> {
    if (ChecklistPanel.current) {
      ChecklistPanel.current.panel.reveal(undefined, true);
      await ChecklistPanel.current.show(doc, true);
      return ChecklistPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Checklist: ${baseName(doc.uri)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, ChecklistPanel.webviewOptions(ctx));
    const p = new ChecklistPanel(ctx, panel, doc.uri);
    await p.show(doc, true);
    return p;
  }

  /** The serializer's way back after a reload: same document, same drill. */
  static async revive(ctx: PanelContext, panel: vscode.WebviewPanel, state: PersistedState | undefined): Promise<ChecklistPanel> {
    panel.webview.options = ChecklistPanel.webviewOptions(ctx);
    const uri = state?.uri ? vscode.Uri.parse(state.uri) : vscode.window.activeTextEditor?.document.uri;
    ChecklistPanel.current?.dispose();
    const p = new ChecklistPanel(ctx, panel, uri ?? vscode.Uri.parse('untitled:runbook.md'));
    if (uri && state?.drill) p.drills.set(uri.toString(), state.drill);
    try {
      if (!uri) panel.webview.html = p.emptyHtml('Open a Markdown runbook and run "runbook-lint: Open the runbook checklist".');
      else await p.show(await vscode.workspace.openTextDocument(uri), true);
    } catch {
      panel.webview.html = p.emptyHtml(`The runbook ${uri?.toString(true)} could not be opened.`);
    }
    return p;
  }

  private static webviewOptions(ctx: PanelContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, enableFindWidget: true, localResourceRoots: [vscode.Uri.joinPath(ctx.extensionUri, 'dist', 'webview')] };
  }

  private constructor(private readonly ctx: PanelContext, readonly panel: vscode.WebviewPanel, uri: vscode.Uri) {
    this.uri = uri;
    ChecklistPanel.current = this;
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: Incoming) => void this.onMessage(m).catch((e) => ctx.deps.log?.warn(`checklist: ${(e as Error).message}`))),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri.toString() && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => void this.follow(editor)),
      this.rendered,
    );
    if (ctx.deps.onDidLint) {
      this.disposables.push(ctx.deps.onDidLint((u) => {
        if (u.toString() === this.uri.toString()) this.schedule();
      }));
    }
  }

  /** The webview shows the latest state posted to it (nothing in flight). */
  get settled(): boolean {
    return this.webviewReady && this.ackSeq === this.postSeq;
  }

  get documentUri(): vscode.Uri {
    return this.uri;
  }

  get drill(): DrillState | undefined {
    return this.drills.get(this.uri.toString());
  }

  /** Show `doc` in the panel: lint, build the view, post it (or write the first HTML). */
  async show(doc: vscode.TextDocument, force: boolean): Promise<boolean> {
    const result = await this.ctx.deps.lint(doc, force);
    if (!result) return false;
    const switched = doc.uri.toString() !== this.uri.toString();
    this.uri = doc.uri;
    this.panel.title = `Checklist: ${baseName(doc.uri)}`;
    if (switched) this.notice = undefined;
    this.post(doc, result);
    return true;
  }

  private async follow(editor: vscode.TextEditor | undefined): Promise<void> {
    const doc = editor?.document;
    if (!doc || doc.languageId !== 'markdown' || doc.uri.toString() === this.uri.toString()) return;
    await this.show(doc, false);
  }

  /** Tests: stop (and cancel pending) re-renders on edits, to click a stale checklist on purpose. */
  set holdUpdates(on: boolean) {
    this.held = on;
    if (on) clearTimeout(this.timer);
  }

  get holdUpdates(): boolean {
    return this.held;
  }

  private schedule(): void {
    if (this.held) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  /** Re-lint and re-render the current document. */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const doc = await this.document();
    const result = await this.ctx.deps.lint(doc, true);
    if (result) this.post(doc, result);
  }

  private post(doc: vscode.TextDocument, result: LintResult, always = false): void {
    this.result = result;
    this.view = this.ctx.deps.view(result, baseName(doc.uri));
    this.shownVersion = doc.version;
    const drill = this.drill;
    const key = JSON.stringify([doc.uri.toString(), doc.version, this.view, drill, this.notice]);
    if (key === this.lastPosted && !always) return;
    this.lastPosted = key;
    if (!this.htmlWritten) {
      // First paint: server-rendered HTML; later updates are messages, so scroll and focus survive.
      const scriptUri = this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.ctx.extensionUri, 'dist', 'webview', 'checklist.js')).toString();
      this.panel.webview.html = renderPanelHtml(this.view, { drill, notice: this.notice, version: doc.version }, { cspSource: this.panel.webview.cspSource, nonce: nonce(), scriptUri });
      this.htmlWritten = true;
    } else {
      void this.panel.webview.postMessage({ type: 'state', seq: ++this.postSeq, uri: doc.uri.toString(), version: doc.version, view: this.view, drill, notice: this.notice });
    }
    this.rendered.fire(doc.version);
  }

  private emptyHtml(message: string): string {
    return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escapeHtml(message)}</p></body></html>`;
  }

  /** The open document (openTextDocument returns the already-open one). */
  private async document(): Promise<vscode.TextDocument> {
    return vscode.workspace.openTextDocument(this.uri);
  }

  private async onMessage(m: Incoming): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.webviewReady = true;
        // The webview (re)loaded: send the state it should show, including the uri for setState.
        const doc = await this.document();
        if (this.result && this.shownVersion === doc.version) this.post(doc, this.result, true);
        else await this.refresh();
        return;
      }
      case 'rendered':
        this.ackSeq = m.seq;
        this.rendered.fire(this.shownVersion);
        return;
      case 'toggle':
        return this.toggle(m);
      case 'reveal':
        return this.reveal(m.line, m.column ?? 1);
      case 'insertSection':
        return this.insertSection(m.sectionId, m.version);
      case 'drill':
        return this.drillAction(m.action);
    }
  }

  private async stale(): Promise<void> {
    this.notice = STALE_NOTICE;
    await this.refresh();
  }

  private async toggle(m: Extract<Incoming, { type: 'toggle' }>): Promise<void> {
    const doc = await this.document();
    const drill = this.drill;
    if (drill) {
      // Drill: the run records the time; the runbook is not touched.
      const item = this.view?.sections.flatMap((s) => s.checklist.map((c) => ({ c, s }))).find((x) => x.c.key === m.key);
      if (!item) return this.stale();
      this.drills.set(this.uri.toString(), toggleDrillItem(drill, { key: item.c.key, section: item.s.heading, text: item.c.plain, line: item.c.line }, new Date()));
      this.notice = undefined;
      if (this.result) this.post(doc, this.result);
      return;
    }
    if (m.version !== doc.version || m.version !== this.shownVersion || !this.result) return this.stale();
    const bom = this.result.bom;
    const range = new vscode.Range(positionAt(doc, m.boxOffset, bom), positionAt(doc, m.boxOffset + 3, bom));
    const current = doc.getText(range);
    if (!/^\[[ xX]\]$/.test(current) || range.start.line !== m.line - 1) return this.stale();
    const next = current === '[ ]' ? '[x]' : '[ ]';
    this.notice = undefined;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, next);
    if (!(await vscode.workspace.applyEdit(edit))) return this.stale();
  }

  private async reveal(line: number, column: number): Promise<void> {
    const doc = await this.document();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const pos = new vscode.Position(Math.max(0, Math.min(line - 1, doc.lineCount - 1)), Math.max(0, column - 1));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(pos, pos), preserveFocus: false });
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** "Insert section": the required-section finding's own fix, as the quick fix applies it. */
  private async insertSection(sectionId: string, version: number): Promise<void> {
    const doc = await this.document();
    if (version !== doc.version) return this.stale();
    const result = await this.ctx.deps.lint(doc, true);
    const finding = result?.findings.find((f) => f.ruleId === 'required-section' && f.data?.sectionId === sectionId && f.fix);
    if (!result || !finding?.fix) return this.stale();
    this.notice = undefined;
    await vscode.workspace.applyEdit(fixToEdit(doc, finding.fix));
  }

  private async drillAction(action: 'start' | 'stop' | 'export'): Promise<void> {
    const key = this.uri.toString();
    if (action === 'start') this.drills.set(key, startDrill(new Date()));
    else if (action === 'stop') {
      const drill = this.drills.get(key);
      if (drill && Object.keys(drill.checked).length > 0) {
        const choice = await vscode.window.showWarningMessage('End the drill? Its timestamps are lost unless you export the run log first.', { modal: true }, 'Export run log', 'End drill');
        if (choice === 'Export run log') await this.exportRunLog();
        else if (choice !== 'End drill') return;
      }
      this.drills.delete(key);
    } else await this.exportRunLog();
    if (this.result) this.post(await this.document(), this.result);
  }

  /** Writes the Markdown run log to a path chosen in the save dialog (or `target`, for tests). */
  async exportRunLog(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const drill = this.drill;
    if (!drill || !this.view) return undefined;
    const stamp = drill.startedAt.replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
    const folder = vscode.Uri.joinPath(this.uri, '..');
    const uri = target ?? (await vscode.window.showSaveDialog({
      title: 'Export run log', saveLabel: 'Export run log',
      defaultUri: vscode.Uri.joinPath(folder, `${baseName(this.uri).replace(/\.md$/i, '')}-run-${stamp}.md`),
      filters: { Markdown: ['md'] },
    }));
    if (!uri) return undefined;
    const items = this.view.sections.flatMap((s) => s.checklist.map((c) => ({ key: c.key, section: s.heading, text: c.plain, line: c.line })));
    const text = formatRunLog({
      title: this.view.title, file: vscode.workspace.asRelativePath(this.uri), drill, items,
      runner: await this.ctx.deps.runnerName(), exportedAt: new Date(), offsetMinutes: -new Date().getTimezoneOffset(),
    });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    this.ctx.deps.log?.info(`checklist: run log written to ${uri.toString(true)}`);
    return uri;
  }

  dispose(): void {
    if (ChecklistPanel.current === this) ChecklistPanel.current = undefined;
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
