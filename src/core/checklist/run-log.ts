/**
 * Drill / incident mode (pure): the run state kept beside the runbook (never written into it) and
 * the Markdown run log exported at the end.
 */

/** A drill or incident run: when it started and when each checklist item was checked. */
export interface DrillState {
  /** ISO 8601 instant. */
  startedAt: string;
  /** Item key (ChecklistItemView.key) → ISO instant it was checked in this run. */
  checked: Record<string, string>;
  /** What each checked item said when it was checked (the runbook may change during the run). */
  labels?: Record<string, { section: string; text: string; line: number }>;
}

export function startDrill(now: Date): DrillState {
  return { startedAt: now.toISOString(), checked: {}, labels: {} };
}

/** Check or uncheck an item in the run; returns a new state. */
export function toggleDrillItem(state: DrillState, item: { key: string; section: string; text: string; line: number }, now: Date): DrillState {
  const checked = { ...state.checked };
  const labels = { ...(state.labels ?? {}) };
  if (checked[item.key]) {
    delete checked[item.key];
    delete labels[item.key];
  } else {
    checked[item.key] = now.toISOString();
    labels[item.key] = { section: item.section, text: item.text, line: item.line };
  }
  return { startedAt: state.startedAt, checked, labels };
}

/** `+01:02:03` (hours may exceed 24); negative spans (clock changes) read as `+00:00:00`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const p = (n: number) => String(n).padStart(2, '0');
  return `+${p(Math.floor(total / 3600))}:${p(Math.floor((total % 3600) / 60))}:${p(total % 60)}`;
}

/**
 * `2026-11-23 14:03:12 UTC`, or in the given offset from UTC (minutes east, as
 * `-new Date().getTimezoneOffset()` gives): `2026-11-23 15:03:12 +01:00`.
 */
export function formatInstant(iso: string, offsetMinutes = 0): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const zone = offsetMinutes === 0 ? 'UTC' : `${offsetMinutes < 0 ? '-' : '+'}${p(Math.floor(Math.abs(offsetMinutes) / 60))}:${p(Math.abs(offsetMinutes) % 60)}`;
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${zone}`;
}

export interface RunLogInput {
  title: string;
  /** Workspace-relative path (or name) of the runbook. */
  file?: string;
  drill: DrillState;
  /** Who ran it: git user.name, else the OS user name, else "unknown". */
  runner: string;
  /** When the log is written. */
  exportedAt: Date;
  /** Checklist items of the runbook as it is now, to list what was not done. */
  items: Array<{ key: string; section: string; text: string; line: number }>;
  offsetMinutes?: number;
}

/** One table cell: no line breaks, pipes and backslashes escaped, no HTML interpretation. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

/** One line of Markdown prose: no line breaks, and `<` cannot open HTML. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/</g, '&lt;');
}

/** The Markdown run log: header facts, the checked items in time order with elapsed time, then what is still open. */
export function formatRunLog(input: RunLogInput): string {
  const { drill, offsetMinutes = 0 } = input;
  const start = Date.parse(drill.startedAt);
  const labels = drill.labels ?? {};
  const current = new Map(input.items.map((i) => [i.key, i]));
  const done = Object.entries(drill.checked)
    .map(([key, at]) => ({ key, at, label: current.get(key) ?? labels[key] ?? { section: '', text: key, line: 0 } }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.label.line - b.label.line);
  const open = input.items.filter((i) => !drill.checked[i.key]);
  const total = input.items.length;
  const doneNow = input.items.length - open.length;

  const lines: string[] = [];
  lines.push(`# Run log: ${inline(input.title)}`, '');
  if (input.file) lines.push(`- Runbook: ${inline(input.file)}`);
  lines.push(`- Started: ${formatInstant(drill.startedAt, offsetMinutes)}`);
  lines.push(`- Run by: ${inline(input.runner) || 'unknown'}`);
  lines.push(`- Log written: ${formatInstant(input.exportedAt.toISOString(), offsetMinutes)} (${formatElapsed(input.exportedAt.getTime() - start)} after the start)`);
  lines.push(`- Completed: ${doneNow} of ${total} checklist items`, '');
  lines.push('## Steps completed', '');
  if (done.length === 0) lines.push('No checklist item was checked during this run.');
  else {
    lines.push('| # | Time | Elapsed | Section | Step | Line |', '| ---: | --- | --- | --- | --- | ---: |');
    done.forEach((d, i) => {
      lines.push(`| ${i + 1} | ${formatInstant(d.at, offsetMinutes)} | ${formatElapsed(Date.parse(d.at) - start)} | ${cell(d.label.section)} | ${cell(d.label.text)} | ${d.label.line || ''} |`);
    });
  }
  lines.push('', '## Not completed', '');
  if (open.length === 0) lines.push('Every checklist item was completed.');
  else for (const o of open) lines.push(`- [ ] ${inline(o.text)} (${inline(o.section)}, line ${o.line})`);
  lines.push('');
  return lines.join('\n');
}
