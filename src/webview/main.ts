/**
 * The checklist panel's script (bundled to dist/webview/checklist.js, loaded with the CSP nonce).
 * The first paint is server-rendered HTML; every later state message is rebuilt with the same
 * renderer as DOM (text nodes only), keeping scroll position and keyboard focus. All interaction
 * is event delegation on data attributes: there are no inline handlers to allow.
 */
import { checklistTree, progressText, type ChecklistView, type DrillState } from '../core/checklist/index.js';
import { toDom } from './dom.js';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface StateMessage {
  type: 'state';
  /** Echoed back in the 'rendered' acknowledgement. */
  seq: number;
  uri: string;
  version: number;
  view: ChecklistView;
  drill?: DrillState;
  notice?: string;
}

const vscode = acquireVsCodeApi();
let version = Number(document.getElementById('content')?.getAttribute('data-version') ?? '-1');

function render(msg: StateMessage): void {
  version = msg.version;
  const old = document.getElementById('content');
  const active = document.activeElement as HTMLElement | null;
  // Focus is restored by checkbox key (stable across edits), else by element id.
  const focusKey = active?.getAttribute('data-key');
  const focusId = active?.id;
  const scrollY = window.scrollY;
  const main = toDom(document, checklistTree(msg.view, { mode: 'panel', drill: msg.drill, notice: msg.notice, version: msg.version })) as HTMLElement;
  if (old) old.replaceWith(main);
  else document.body.appendChild(main);
  // The live region stays the same element, so screen readers announce the new text.
  const live = document.getElementById('live');
  const text = progressText(msg.view, msg.drill);
  if (live && live.textContent !== text) live.textContent = text;
  let target: HTMLElement | null = null;
  if (focusKey) target = Array.from(document.querySelectorAll<HTMLElement>('input[data-key]')).find((e) => e.getAttribute('data-key') === focusKey) ?? null;
  if (!target && focusId) target = document.getElementById(focusId);
  if (target) target.focus({ preventScroll: true });
  window.scrollTo(0, scrollY);
  vscode.setState(msg.drill ? { uri: msg.uri, drill: msg.drill } : { uri: msg.uri });
  vscode.postMessage({ type: 'rendered', seq: msg.seq });
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = event.data as StateMessage | undefined;
  if (msg && msg.type === 'state') render(msg);
});

document.addEventListener('change', (event) => {
  const box = event.target as HTMLInputElement;
  if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox' || !box.hasAttribute('data-box')) return;
  vscode.postMessage({
    type: 'toggle', version, key: box.getAttribute('data-key'),
    line: Number(box.getAttribute('data-line')), boxOffset: Number(box.getAttribute('data-box')), checked: box.checked,
  });
});

document.addEventListener('click', (event) => {
  const el = event.target as Element | null;
  if (!el || el.closest('a')) return; // links open as links
  const action = el.closest('[data-action]');
  if (action) {
    const name = action.getAttribute('data-action');
    if (name === 'insert-section') vscode.postMessage({ type: 'insertSection', sectionId: action.getAttribute('data-section'), version });
    else if (name === 'drill-start' || name === 'drill-stop' || name === 'drill-export') vscode.postMessage({ type: 'drill', action: name.slice(6) });
    return;
  }
  const reveal = el.closest('[data-reveal]');
  if (reveal) vscode.postMessage({ type: 'reveal', line: Number(reveal.getAttribute('data-reveal')), column: Number(reveal.getAttribute('data-column') ?? '1') });
});

// Keyboard: Enter toggles a checkbox like Space does; Up/Down move between checkboxes.
document.addEventListener('keydown', (event) => {
  const el = event.target as HTMLElement;
  if (!(el instanceof HTMLInputElement) || el.type !== 'checkbox') return;
  if (event.key === 'Enter') {
    event.preventDefault();
    el.click();
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    const boxes = Array.from(document.querySelectorAll<HTMLInputElement>('input[type=checkbox]'));
    const next = boxes[boxes.indexOf(el) + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }
});

vscode.postMessage({ type: 'ready' });
