/**
 * The checklist renderer (pure): view model → VNode tree, used by the panel (first paint as HTML,
 * then the webview script rebuilds the same tree as DOM on every state message) and by the
 * standalone export (HTML string, print CSS, no script at all).
 *
 * Panel interactions are declared with data attributes only (`data-action`, `data-reveal`,
 * `data-line`/`data-box`/`data-key` on checkboxes); the webview script listens on the document.
 * There are no inline handlers, so the CSP forbids every script but the nonce'd bundle.
 */
import { plural } from '../text.js';
import { escapeHtml, h, toHtml, type Child, type VChild, type VNode } from './html.js';
import { formatElapsed, type DrillState } from './run-log.js';
import { CHECKLIST_CSS } from './styles.js';
import type { ChecklistItemView, ChecklistView, Progress, ProseBlock, Rich, SectionView } from './view-model.js';

export interface RenderOptions {
  mode: 'panel' | 'export';
  /** Active drill: checkboxes show the run's state and timestamps instead of the source's. */
  drill?: DrillState;
  /** A message shown above the checklist (e.g. the stale-version notice). */
  notice?: string;
  /** Document version the panel shows; echoed back with every toggle. */
  version?: number;
}

export function richNodes(rich: Rich): VChild[] {
  return rich.map((s) => {
    let node: VChild = s.text;
    if (s.code) node = h('code', null, node);
    if (s.em) node = h('em', null, node);
    if (s.strong) node = h('strong', null, node);
    if (s.href) node = h('a', { href: s.href, ...(/^https?:/.test(s.href) ? { rel: 'noopener noreferrer' } : {}) }, node);
    return node;
  });
}

function isChecked(item: ChecklistItemView, drill?: DrillState): boolean {
  return drill ? Boolean(drill.checked[item.key]) : item.checked;
}

/** Progress as the panel shows it: the run's when a drill is active, the source's otherwise. */
export function progressOf(items: readonly ChecklistItemView[], drill?: DrillState): Progress {
  return { done: items.filter((i) => isChecked(i, drill)).length, total: items.length };
}

export function overallProgress(view: ChecklistView, drill?: DrillState): Progress {
  if (!drill) return view.progress;
  const p = { done: 0, total: 0 };
  for (const s of view.sections) {
    const sp = progressOf(s.checklist, drill);
    p.done += sp.done;
    p.total += sp.total;
  }
  // Sections without anything to show are not in view.sections but still count in view.progress.
  p.total = Math.max(p.total, view.progress.total);
  return p;
}

/** The text of the aria-live progress region. */
export function progressText(view: ChecklistView, drill?: DrillState): string {
  const p = overallProgress(view, drill);
  if (p.total === 0) return drill ? 'Drill running: this runbook has no checklist items.' : 'No checklist items in this runbook.';
  const pct = Math.round((p.done / p.total) * 100);
  return `${drill ? 'Drill: ' : ''}${p.done} of ${p.total} checklist items done (${pct}%)`;
}


function reviewNodes(view: ChecklistView): Child[] {
  const r = view.review;
  const date = r.lastReviewed ?? 'not recorded';
  switch (r.status) {
    case 'overdue':
      return [date, ' ', h('span', { class: 'badge bad', title: r.message }, `Overdue${r.daysOverdue ? ` by ${plural(r.daysOverdue, 'day')}` : ''}${r.dueDate ? ` (due ${r.dueDate})` : ''}`)];
    case 'due-soon':
      return [date, ' ', h('span', { class: 'badge warn', title: r.message }, `Review due ${r.dueDate ?? 'soon'}`)];
    case 'future':
      return [date, ' ', h('span', { class: 'badge bad', title: r.message }, 'In the future')];
    case 'invalid':
      return [date, ' ', h('span', { class: 'badge bad', title: r.message }, 'Not a valid date')];
    case 'current':
      return [date, ' ', h('span', { class: 'badge ok' }, `Current${r.dueDate ? ` (next review due ${r.dueDate})` : ''}`)];
    default:
      return [h('span', { class: 'badge warn' }, 'No last_reviewed date')];
  }
}

function lineButton(line: number, panel: boolean): Child {
  return panel && h('button', { class: 'line', type: 'button', 'data-reveal': line, title: `Show line ${line} in the editor`, 'aria-label': `Show line ${line} in the editor` }, `L${line}`);
}

/** The whole checklist (everything inside `<main>`). */
export function checklistTree(view: ChecklistView, opts: RenderOptions): VNode {
  const panel = opts.mode === 'panel';
  const drill = panel ? opts.drill : undefined;
  const overall = overallProgress(view, drill);
  const counter = { n: 0 };

  const header = h('header', { class: 'head' },
    h('h1', null, view.title),
    h('dl', { class: 'meta' },
      h('dt', null, 'Owner'), h('dd', null, view.owner ?? h('span', { class: 'badge warn' }, 'No owner named')),
      h('dt', null, 'Last review'), h('dd', null, reviewNodes(view)),
      h('dt', null, 'Lint'), h('dd', null, h('span', { class: `badge ${view.lint.errors > 0 ? 'bad' : view.lint.warnings > 0 ? 'warn' : 'ok'}` }, `${plural(view.lint.errors, 'error')}, ${plural(view.lint.warnings, 'warning')}`)),
      h('dt', null, 'Progress'), h('dd', null, `${overall.done} / ${overall.total}`, h('progress', { max: Math.max(overall.total, 1), value: overall.done, 'aria-hidden': 'true' })),
    ),
  );

  const toolbar = panel && h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Drill' },
    drill
      ? [
        h('span', null, 'Drill started ', h('time', { datetime: drill.startedAt }, drill.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))),
        h('button', { type: 'button', id: 'drill-export', 'data-action': 'drill-export' }, 'Export run log'),
        h('button', { type: 'button', id: 'drill-stop', class: 'secondary', 'data-action': 'drill-stop' }, 'End drill'),
      ]
      : [
        h('button', { type: 'button', id: 'drill-start', 'data-action': 'drill-start', title: 'Check items to time-stamp them; the runbook file is not changed' }, 'Start drill'),
        h('span', { class: 'count' }, 'Checking an item writes [x] into the runbook (undo with Ctrl+Z).'),
      ],
  );

  const notice = opts.notice && h('div', { class: 'notice', role: 'alert', id: 'notice' }, opts.notice);

  const findings = view.lint.findings;
  const lint = h('section', { class: 'lint', 'aria-labelledby': 'lint-h' },
    h('h2', { id: 'lint-h' }, `Lint: ${plural(view.lint.errors, 'error')}, ${plural(view.lint.warnings, 'warning')}`),
    findings.length > 0 && h('ul', null, findings.map((f) => h('li', { class: `finding ${f.severity}` },
      h('span', { class: 'sev' }, f.severity === 'error' ? 'Error' : 'Warning'), ' ',
      panel ? h('button', { class: 'line', type: 'button', 'data-reveal': f.line, 'data-column': f.column, title: `Show line ${f.line} in the editor` }, `L${f.line}`) : `line ${f.line}`,
      ' ', f.message, ' ', h('small', { class: 'count' }, `(${f.ruleId})`)))),
  );

  const missing = view.missing.length > 0 && h('section', { class: 'missing', 'aria-labelledby': 'missing-h' },
    h('h2', { id: 'missing-h' }, `Missing sections: ${view.missing.length}`),
    h('ul', null, view.missing.map((m) => h('li', { class: `finding ${m.severity}` },
      h('span', { class: 'sev' }, m.severity === 'error' ? 'Required' : 'Recommended'), ' ', h('strong', null, m.title), ' — ', m.message, ' ',
      panel && m.fixable && m.sectionId && h('button', { type: 'button', id: `insert-${m.sectionId}`, 'data-action': 'insert-section', 'data-section': m.sectionId }, 'Insert section')))),
  );

  const sections = view.sections.map((s, i) => sectionTree(s, i, panel, drill, counter));
  return h('main', { id: 'content', 'data-version': opts.version }, header, toolbar, notice, missing, sections, lint);
}

function sectionTree(s: SectionView, index: number, panel: boolean, drill: DrillState | undefined, counter: { n: number }): VNode {
  const p = progressOf(s.checklist, drill);
  const headingId = `s-${index}`;
  const subTitle = (text: string) => h('h3', { class: 'sub' }, text);
  return h('section', { class: `group ${s.kind}`, 'aria-labelledby': headingId, 'data-section': s.id },
    h('h2', { id: headingId }, s.heading, p.total > 0 && h('span', { class: 'count' }, `${p.done}/${p.total}`), lineButton(s.line, panel)),
    p.total > 0 && h('progress', { max: p.total, value: p.done, 'aria-label': `${s.heading}: ${p.done} of ${p.total} done` }),
    s.checklist.length > 0 && h('ul', { class: 'checklist' }, s.checklist.map((item) => itemTree(item, s, panel, drill, counter))),
    s.steps.length > 0 && [s.checklist.length > 0 ? subTitle('Steps') : false, h('ol', { class: 'steps' }, s.steps.map((st) => h('li', null, richNodes(st.text), lineButton(st.line, panel))))],
    s.calls.length > 0 && [subTitle(s.kind === 'escalation' ? 'Call list' : s.kind === 'vendor-assistance' ? 'Vendor contacts' : 'Channels'),
      h('ul', { class: 'calls' }, s.calls.map((c) => h('li', null,
        c.cells.map((cell, ci) => h('span', { class: 'field' }, ci === 0 ? h('strong', null, richNodes(cell.text)) : [h('span', { class: 'label' }, `${cell.header}: `), richNodes(cell.text)])),
        lineButton(c.line, panel))))],
    s.prose.length > 0 && proseTree(s.prose, panel),
  );
}

function proseTree(blocks: readonly ProseBlock[], panel: boolean): Child[] {
  return blocks.map((b) => b.kind === 'p'
    ? h('p', null, richNodes(b.text))
    : h('ul', null, b.items.map((i) => h('li', null, richNodes(i.text), lineButton(i.line, panel)))));
}

function itemTree(item: ChecklistItemView, s: SectionView, panel: boolean, drill: DrillState | undefined, counter: { n: number }): VNode {
  const n = counter.n++;
  const checked = isChecked(item, drill);
  const textId = `t-${n}`;
  const text = h('span', { class: 'text', id: textId, 'data-reveal': panel ? item.line : undefined }, richNodes(item.text));
  if (!panel) {
    return h('li', { class: checked ? 'done' : undefined },
      h('span', { class: 'box', role: 'img', 'aria-label': checked ? 'done' : 'not done' }, checked ? '☑' : '☐'),
      text, h('span', { class: 'write-in', 'aria-hidden': 'true' }, 'time ______'));
  }
  const at = drill?.checked[item.key];
  return h('li', { class: checked ? 'done' : undefined },
    h('input', {
      type: 'checkbox', id: `cb-${n}`, checked, 'aria-labelledby': textId, 'data-line': item.line, 'data-box': item.boxOffset, 'data-key': item.key,
      'aria-describedby': at ? `st-${n}` : undefined,
    }),
    text,
    at && h('span', { class: 'stamp', id: `st-${n}` }, h('time', { datetime: at }, `${formatElapsed(Date.parse(at) - Date.parse(drill!.startedAt))}`)),
    lineButton(item.line, true),
  );
}

/** Content-Security-Policy of the standalone export: no script, no network, styles from the document only. */
export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** The standalone printable HTML: readable without any script, nothing loaded from anywhere. */
export function renderExportHtml(view: ChecklistView, meta: { source?: string; generatedAt: Date }): string {
  const body = toHtml(h('div', { class: 'live' }, progressText(view))) + toHtml(checklistTree(view, { mode: 'export' }));
  const footer = toHtml(h('footer', null, `Printed checklist generated by runbook-lint${meta.source ? ` from ${meta.source}` : ''} on ${meta.generatedAt.toISOString().slice(0, 10)}.`));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="runbook-lint">
<title>${escapeHtml(view.title)} — checklist</title>
<style>${CHECKLIST_CSS}</style>
</head>
<body class="export">
${body}
${footer}
</body>
</html>
`;
}

export interface PanelShell {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce per render (base64/hex, no quotes). */
  nonce: string;
  /** `webview.asWebviewUri(dist/webview/checklist.js)` as a string. */
  scriptUri: string;
}

export function panelCsp(shell: Pick<PanelShell, 'cspSource' | 'nonce'>): string {
  return `default-src 'none'; style-src ${shell.cspSource} 'nonce-${shell.nonce}'; script-src 'nonce-${shell.nonce}'; img-src ${shell.cspSource} data:`;
}

/** The panel's HTML: first paint of the checklist plus the nonce'd script that takes over. */
export function renderPanelHtml(view: ChecklistView, opts: Omit<RenderOptions, 'mode'>, shell: PanelShell): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(shell.nonce)) throw new Error('renderPanelHtml: the nonce must be 16+ base64/hex characters');
  const nonce = escapeHtml(shell.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(panelCsp(shell))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)} — checklist</title>
<style nonce="${nonce}">${CHECKLIST_CSS}</style>
</head>
<body class="panel">
${toHtml(h('div', { class: 'live', id: 'live', role: 'status', 'aria-live': 'polite' }, progressText(view, opts.drill)))}
${toHtml(checklistTree(view, { ...opts, mode: 'panel' }))}
<script nonce="${nonce}" src="${escapeHtml(shell.scriptUri)}"></script>
</body>
</html>
`;
}
