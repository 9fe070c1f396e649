/**
 * The checklist view model (pure): what the panel and the printable export show, built from
 * `lintText`'s result. Plain JSON, so it can be posted to the webview as is.
 *
 * Runbook text reaches the view only as `Span.text` (always rendered as text, never as markup);
 * links keep an `href` only when `safeHref` accepts it (http, https, mailto, tel). Raw HTML in the
 * runbook (`<script>`, `<img onerror>`) becomes literal text, so what the author typed is what the
 * reader sees.
 */
import type { Heading, ListItem, Nodes, PhrasingContent, RootContent, Table } from 'mdast';
import type { LintResult } from '../lint.js';
import type { RunbookDocument, SectionNode } from '../model.js';
import type { Finding, Severity } from '../types.js';
import { safeHref } from './html.js';
import { scanContacts } from '../rules/util/contacts.js';
import { addInterval, formatDate, parseInterval, parseIsoDate, toDayNumber, utcDate } from '../rules/util/review-dates.js';

/** A run of inline text; `href` only for an allowed link. */
export interface Span {
  text: string;
  href?: string;
  strong?: boolean;
  em?: boolean;
  code?: boolean;
}
export type Rich = Span[];

export interface Progress {
  done: number;
  total: number;
}

export interface ChecklistItemView {
  /** Stable across edits that do not touch the item: section, text and occurrence. */
  key: string;
  text: Rich;
  /** Plain text (for labels, run logs). */
  plain: string;
  checked: boolean;
  /** 1-based source line of the item. */
  line: number;
  /** Offset of `[ ]`/`[x]` in the BOM-less text (the toggle edits exactly these 3 characters). */
  boxOffset: number;
}

export interface StepView {
  text: Rich;
  line: number;
}

/** One row of a contact table, as a call-list entry. */
export interface CallEntry {
  line: number;
  cells: Array<{ header: string; text: Rich }>;
}

export type ProseBlock = { kind: 'p'; text: Rich; line: number } | { kind: 'ul'; items: Array<{ text: Rich; line: number }> };

export type SectionKind = 'escalation' | 'backup-channels' | 'vendor-assistance' | 'generic';

export interface SectionView {
  id: string;
  heading: string;
  level: number;
  line: number;
  kind: SectionKind;
  checklist: ChecklistItemView[];
  steps: StepView[];
  calls: CallEntry[];
  prose: ProseBlock[];
  progress: Progress;
}

export interface FindingView {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
}

export interface MissingSectionView {
  sectionId: string;
  title: string;
  severity: Severity;
  message: string;
  /** The finding has the insert-section fix (the same one the quick fix applies). */
  fixable: boolean;
  line: number;
}

export type ReviewStatus = 'current' | 'due-soon' | 'overdue' | 'future' | 'invalid' | 'unknown';

export interface ReviewView {
  status: ReviewStatus;
  lastReviewed?: string;
  dueDate?: string;
  daysOverdue?: number;
  /** The stale-review finding's message, when there is one. */
  message?: string;
}

export interface ChecklistView {
  title: string;
  owner?: string;
  review: ReviewView;
  lint: { errors: number; warnings: number; findings: FindingView[] };
  missing: MissingSectionView[];
  sections: SectionView[];
  progress: Progress;
}

export interface ViewOptions {
  /** "Today" for the review-date fallback (when the stale-review rule is off). */
  now?: Date;
  /** Title when the runbook has none (e.g. the file name). */
  fallbackTitle?: string;
}

const KIND_OF: Record<string, SectionKind> = {
  'escalation-contacts': 'escalation',
  'backup-channels': 'backup-channels',
  'vendor-assistance': 'vendor-assistance',
};

/** Build the view model from a lint result. Never throws on odd runbooks. */
export function buildChecklistView(result: LintResult, options: ViewOptions = {}): ChecklistView {
  const doc = result.doc;
  const findings = result.findings.map(findingView);
  const view: ChecklistView = {
    title: options.fallbackTitle ?? 'Untitled runbook',
    review: { status: 'unknown' },
    lint: { errors: result.errorCount, warnings: result.warningCount, findings },
    missing: result.findings.filter((f) => f.ruleId === 'required-section').map(missingView),
    sections: [],
    progress: { done: 0, total: 0 },
  };
  if (!doc) return view;
  const ctx = new Context(doc);
  if (doc.title) view.title = doc.title.fromFrontmatter ? doc.title.text : ctx.headingText(doc.title.range.start.offset, doc.title.text);
  const owner = doc.frontmatter?.data.owner;
  if (typeof owner === 'string' && owner.trim()) view.owner = owner.trim();
  view.review = reviewView(doc, result.findings, options.now ?? new Date());

  for (const section of doc.sections) {
    const sv = ctx.section(section);
    view.progress.done += sv.progress.done;
    view.progress.total += sv.progress.total;
    if (sv.checklist.length + sv.steps.length + sv.calls.length + sv.prose.length > 0) view.sections.push(sv);
  }
  return view;
}

function findingView(f: Finding): FindingView {
  return { ruleId: f.ruleId, severity: f.severity, message: f.message, line: f.range.start.line, column: f.range.start.column };
}

function missingView(f: Finding): MissingSectionView {
  const data = f.data ?? {};
  return {
    sectionId: typeof data.sectionId === 'string' ? data.sectionId : '',
    title: typeof data.title === 'string' ? data.title : f.message,
    severity: f.severity,
    message: f.message,
    fixable: Boolean(f.fix && f.fix.edits.length > 0),
    line: f.range.start.line,
  };
}

/** The stale-review finding when the rule ran; otherwise the same calendar logic with the default interval. */
function reviewView(doc: RunbookDocument, findings: Finding[], now: Date): ReviewView {
  const raw = doc.frontmatter?.data.last_reviewed;
  const lastReviewed = typeof raw === 'string' ? raw : raw instanceof Date ? raw.toISOString().slice(0, 10) : undefined;
  const finding = findings.find((f) => f.ruleId === 'stale-review');
  if (finding) {
    const d = finding.data ?? {};
    const base = { lastReviewed, message: finding.message, ...(typeof d.dueDate === 'string' ? { dueDate: d.dueDate } : {}) };
    // The rule's verdict is in its data (data.status), never read from the message text.
    if (d.status === 'overdue' && typeof d.daysOverdue === 'number') return { ...base, status: 'overdue', daysOverdue: d.daysOverdue };
    if (d.status === 'due-soon' || d.status === 'future' || d.status === 'invalid') return { ...base, status: d.status };
  }
  if (lastReviewed === undefined) return { status: 'unknown' };
  const parsed = parseIsoDate(lastReviewed);
  if (!parsed.ok) return { status: 'invalid', lastReviewed };
  const rawInterval = doc.frontmatter?.data.review_interval;
  const interval = (typeof rawInterval === 'string' ? parseInterval(rawInterval) : undefined) ?? { years: 0, months: 0, days: 365 };
  const due = addInterval(parsed.date, interval);
  const today = toDayNumber(utcDate(now));
  const overdue = today - toDayNumber(due);
  if (toDayNumber(parsed.date) > today + 1) return { status: 'future', lastReviewed, dueDate: formatDate(due) };
  return overdue > 0 ? { status: 'overdue', lastReviewed, dueDate: formatDate(due), daysOverdue: overdue } : { status: 'current', lastReviewed, dueDate: formatDate(due) };
}

type Positioned = { position?: { start: { offset?: number }; end: { offset?: number } } };
const startOf = (n: Positioned) => n.position?.start.offset ?? -1;

class Context {
  private headings = new Map<number, Heading>();
  private definitions = new Map<string, string>();

  constructor(private doc: RunbookDocument) {
    for (const node of doc.root.children) {
      if (node.type === 'heading') this.headings.set(startOf(node), node);
      else if (node.type === 'definition') this.definitions.set(node.identifier.toLowerCase(), node.url);
    }
  }

  /** A heading's text with inline HTML kept as literal text (core's plainText drops it). */
  headingText(offset: number, fallback: string): string {
    const node = this.headings.get(offset);
    if (!node) return fallback;
    return plain(this.rich(node.children, false)) || fallback;
  }

  section(section: SectionNode): SectionView {
    const kind = KIND_OF[section.id] && section.known ? KIND_OF[section.id]! : 'generic';
    const items = listItemsByOffset(section.body);
    const seen = new Map<string, number>();
    const checklist = section.checklist.map((entry): ChecklistItemView => {
      const item = items.get(entry.range.start.offset);
      const first = item?.children[0];
      let text = first && first.type === 'paragraph' ? this.rich(first.children, false) : [];
      if (plain(text) === '') text = [{ text: entry.text }];
      const p = plain(text);
      const n = seen.get(p) ?? 0;
      seen.set(p, n + 1);
      return { key: `${section.pointer}\u241f${p}\u241f${n}`, text, plain: p, checked: entry.checked, line: entry.range.start.line, boxOffset: entry.boxOffset };
    });
    const autolink = kind !== 'generic';
    const steps = section.steps.map((entry): StepView => {
      const item = items.get(entry.range.start.offset);
      return { text: item ? this.itemText(item, autolink) : [{ text: entry.text }], line: entry.range.start.line };
    });
    const calls: CallEntry[] = [];
    const prose: ProseBlock[] = [];
    if (kind !== 'generic') {
      for (const node of section.body) this.block(node, calls, prose);
    }
    const done = checklist.filter((c) => c.checked).length;
    return {
      id: section.id, heading: this.headingText(section.headingRange.start.offset, section.heading), level: section.level,
      line: section.headingRange.start.line, kind, checklist, steps, calls, prose, progress: { done, total: checklist.length },
    };
  }

  /** Contact tables become call lists; paragraphs and bullet lists become prose (with phone/email links). */
  private block(node: RootContent, calls: CallEntry[], prose: ProseBlock[]): void {
    const line = node.position?.start.line ?? 1;
    if (node.type === 'table') calls.push(...this.table(node));
    else if (node.type === 'paragraph' || node.type === 'html') prose.push({ kind: 'p', text: node.type === 'html' ? [{ text: node.value }] : this.rich(node.children, true), line });
    else if (node.type === 'blockquote') for (const child of node.children) this.block(child, calls, prose);
    else if (node.type === 'list' && !node.ordered) {
      const items = node.children.filter((i) => typeof i.checked !== 'boolean').map((i) => ({ text: this.itemText(i, true), line: i.position?.start.line ?? line }));
      if (items.length > 0) prose.push({ kind: 'ul', items });
    }
  }

  private table(table: Table): CallEntry[] {
    const [head, ...rows] = table.children;
    if (!head) return [];
    const headers = head.children.map((c) => plain(this.rich(c.children, false)));
    return rows.map((row) => ({
      line: row.position?.start.line ?? 1,
      cells: headers.map((header, i) => ({ header, text: row.children[i] ? this.rich(row.children[i]!.children, true) : [] })).filter((c) => plain(c.text) !== ''),
    }));
  }

  private itemText(item: ListItem, autolink: boolean): Rich {
    const first = item.children[0];
    if (first && first.type === 'paragraph') return this.rich(first.children, autolink);
    if (first && first.type === 'html') return [{ text: first.value }];
    return [];
  }

  /** Inline content as spans; HTML stays literal text; unsafe links lose their href. */
  rich(nodes: readonly PhrasingContent[] | readonly Nodes[], autolink: boolean): Rich {
    const out: Span[] = [];
    const walk = (list: readonly Nodes[], style: Omit<Span, 'text'>) => {
      for (const node of list) {
        switch (node.type) {
          case 'text':
            out.push({ ...style, text: node.value });
            break;
          case 'html':
            out.push({ ...style, text: node.value });
            break;
          case 'inlineCode':
            out.push({ ...style, code: true, text: node.value });
            break;
          case 'break':
            out.push({ ...style, text: ' ' });
            break;
          case 'image':
          case 'imageReference':
            if (node.alt) out.push({ ...style, text: node.alt });
            break;
          case 'strong':
            walk(node.children, { ...style, strong: true });
            break;
          case 'emphasis':
            walk(node.children, { ...style, em: true });
            break;
          case 'link':
          case 'linkReference': {
            const url = node.type === 'link' ? node.url : this.definitions.get(node.identifier.toLowerCase());
            const href = safeHref(url);
            const { href: _ignored, ...rest } = style;
            walk(node.children, href ? { ...rest, href } : rest);
            break;
          }
          default:
            if ('children' in node) walk(node.children as Nodes[], style);
            else if ('value' in node && typeof node.value === 'string') out.push({ ...style, text: node.value });
        }
      }
    };
    walk(nodes as readonly Nodes[], {});
    const merged = mergeSpans(out);
    return autolink ? merged.flatMap(linkContacts) : merged;
  }
}

function listItemsByOffset(body: readonly RootContent[]): Map<number, ListItem> {
  const out = new Map<number, ListItem>();
  const stack: Nodes[] = [...body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'listItem') out.set(startOf(node), node);
    if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') stack.push(...(node.children as Nodes[]));
  }
  return out;
}

/** Joins neighbours with the same style and folds line breaks and runs of spaces into one space. */
function mergeSpans(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const text = s.code ? s.text : s.text.replace(/\s+/g, ' ');
    const last = out[out.length - 1];
    if (last && last.href === s.href && last.strong === s.strong && last.em === s.em && last.code === s.code) last.text += text;
    else out.push({ ...s, text });
  }
  if (out.length > 0) {
    out[0]!.text = out[0]!.text.replace(/^ +/, '');
    out[out.length - 1]!.text = out[out.length - 1]!.text.replace(/ +$/, '');
  }
  return out.filter((s) => s.text !== '');
}

/** Phone numbers and email addresses in plain spans become tel:/mailto: links. */
function linkContacts(span: Span): Span[] {
  if (span.href || span.code) return [span];
  const tokens = scanContacts(span.text).filter((t) => (t.kind === 'phone' || t.kind === 'email') && !t.problem);
  if (tokens.length === 0) return [span];
  const out: Span[] = [];
  let at = 0;
  for (const token of tokens) {
    // "(phone +1-555-0104)": the scanner may take the closing parenthesis of the prose.
    const unbalanced = token.text.endsWith(')') && !token.text.includes('(');
    const t = unbalanced ? { ...token, text: token.text.slice(0, -1), end: token.end - 1 } : token;
    const href = t.kind === 'email' ? safeHref(`mailto:${t.text}`) : telHref(t.text);
    if (!href) continue;
    if (t.index > at) out.push({ ...span, text: span.text.slice(at, t.index) });
    out.push({ ...span, text: span.text.slice(t.index, t.end), href });
    at = t.end;
  }
  if (at < span.text.length) out.push({ ...span, text: span.text.slice(at) });
  return out;
}

/** `+1-555-0101 ext 12` → `tel:+15550101;ext=12`. */
export function telHref(number: string): string | undefined {
  const ext = /(?:ext\.?|extension|x)\s*(\d{1,6})\s*$/i.exec(number);
  const main = ext ? number.slice(0, ext.index) : number;
  const digits = main.replace(/\D/g, '');
  if (digits.length < 3) return undefined;
  const plus = /^\s*(\+|00)/.exec(main);
  const national = plus?.[1] === '00' ? digits.slice(2) : digits;
  return safeHref(`tel:${plus ? '+' : ''}${national}${ext ? `;ext=${ext[1]}` : ''}`);
}

export function plain(rich: Rich): string {
  return rich.map((s) => s.text).join('');
}
