import type { Root, RootContent, Nodes, Heading, List, ListItem, Table, Html } from 'mdast';
import type { Range } from './types.js';
import type { SchemaInfo } from './schema.js';
import { recogniser, type ContentSummary, type HeadingMatch, type Recognition } from './sections/recognise.js';
import { LineIndex, joinPointer, kebabCase, normalizeHeading, slugify } from './text.js';
import { parseFrontmatter, unclosedFrontmatter, type FrontmatterResult } from './frontmatter.js';
import { NodeMemo, StringMemo } from './memo.js';
import { SourceMap } from './source-map.js';

/** The JSON the schema validates (design §2). */
export interface SectionModel {
  heading: string;
  level: number;
  text: string;
  items: string[];
  /** Ordered list items, and the rows of a step table ("| Step | Who | What |" numbered 1, 2, 3…). */
  steps: string[];
  checklist: Array<{ text: string; checked: boolean }>;
  tables: Array<Array<Record<string, string>>>;
  fields: Record<string, string>;
  sections: Record<string, SectionModel>;
}

export interface RunbookModel {
  frontmatter: Record<string, unknown>;
  title?: string;
  sections: Record<string, SectionModel>;
}

export interface ListEntry {
  text: string;
  range: Range;
  pointer: string;
}

export interface ChecklistEntry extends ListEntry {
  checked: boolean;
  /** Offset of the `[ ]` / `[x]` box in the source, for toggling. */
  boxOffset: number;
}

export interface TableInfo {
  headers: string[];
  rows: Array<Record<string, string>>;
  range: Range;
  /** Range of each data row. */
  rowRanges: Range[];
  /** Ranges of the data cells, row by row, in header order. */
  cellRanges: Range[][];
  pointer: string;
}

export interface FieldEntry {
  key: string;
  label: string;
  value: string;
  range: Range;
  valueRange: Range;
}

export interface SectionNode {
  id: string;
  pointer: string;
  heading: string;
  level: number;
  /** The heading matched one of the schema's `x-headings` (or its id). */
  known: boolean;
  /** Set on a second section with a known id; that copy is not in the model. */
  duplicateOf?: SectionNode;
  /** Why the heading maps to its id (alias, normalised alias, pattern, content signature); see describeRecognition. */
  recognition?: Recognition;
  /**
   * Set on a later heading of the same section (a sibling "Scope" after "Purpose", or a weak repeat):
   * it shares that section's model and pointer, and `subtree` of the first includes it.
   */
  partOf?: SectionNode;
  /** The later headings that continue this section (see `partOf`). */
  parts: SectionNode[];
  /** Nearest recognised ancestor of an unrecognised section: its lists, tables and fields count there too. */
  owner?: SectionNode;
  /** A template's colophon ("About this template"): neither it nor its subsections are recognised. */
  colophon?: boolean;
  headingRange: Range;
  /** The mdast heading, for rules that look at its inline content (e.g. a heading that is only a link). */
  headingNode: Heading;
  /** Heading start to the end of the section, children included. */
  range: Range;
  /** Body content (excluding child sections); empty when the heading is directly followed by another. */
  body: RootContent[];
  bodyRange: Range;
  parent?: SectionNode;
  children: SectionNode[];
  model: SectionModel;
  items: ListEntry[];
  steps: ListEntry[];
  checklist: ChecklistEntry[];
  tables: TableInfo[];
  fields: FieldEntry[];
}

export interface RunbookDocument {
  text: string;
  lines: LineIndex;
  root: Root;
  frontmatter?: FrontmatterResult;
  title?: { text: string; range: Range; fromFrontmatter: boolean };
  model: RunbookModel;
  /** All sections in document order. */
  sections: SectionNode[];
  /** First section of each known id (the one in the model). */
  byId: Map<string, SectionNode>;
  /** JSON pointer → source range (design §2); table rows and cells are answered from their tables (see SourceMap). */
  pointers: SourceMap;
  htmlComments: Array<{ value: string; range: Range }>;
  /** The schema the sections were recognised with. */
  schema: SchemaInfo;
}

type Positioned = { position?: { start: { offset?: number }; end: { offset?: number } } };

function offsets(node: Positioned): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/**
 * Plain text of a node, iteratively (10,000-deep nesting must not overflow the stack).
 * With `code: false`, code spans and blocks read as a space: prose only, so shell prompts
 * (`user@host`) are not taken for contact details.
 */
export function plainText(node: Nodes, options: { code?: boolean } = {}): string {
  const withCode = options.code ?? true;
  // A cell is cheap to read again, and a big table has millions: memo entries would cost more.
  if (node.type === 'tableCell') return computePlainText(node, withCode);
  return (withCode ? textWithCode : textWithoutCode).get(node, (n) => computePlainText(n, withCode));
}

// Model and rules ask for the same nodes' text several times (items, entries).
const textWithCode = new NodeMemo<string>();
const textWithoutCode = new NodeMemo<string>();

function computePlainText(node: Nodes, withCode: boolean): string {
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'text') parts.push(current.value);
    else if (current.type === 'inlineCode' || current.type === 'code') parts.push(withCode ? current.value : ' ');
    else if (current.type === 'image') parts.push(current.alt ?? '');
    else if (current.type === 'break') parts.push(' ');
    else if (current.type === 'html' || current.type === 'yaml') continue;
    if ('children' in current) {
      const children = current.children as Nodes[];
      const blockish = current.type === 'list' || current.type === 'listItem' || current.type === 'blockquote' || current.type === 'table' || current.type === 'tableRow' || current.type === 'root';
      for (let i = children.length - 1; i >= 0; i--) {
        stack.push(children[i]!);
        if (blockish && i > 0) stack.push({ type: 'break' });
      }
    }
  }
  return parts.join('').replace(/[ \t]+/g, ' ').trim();
}

function emptySectionModel(heading: string, level: number): SectionModel {
  return { heading, level, text: '', items: [], steps: [], checklist: [], tables: [], fields: {}, sections: {} };
}

// `Key: value`, `**Key:** value`, `**Key**: value`; the colon must be followed by space so URLs are not fields.
const FIELD_LINE = /^[ \t]*(?:[-*+][ \t]+)?(\*\*|__)?([\p{L}][\p{L}\p{N} /()&.'-]{0,47}?)[ \t]*(?:\1:|:\1|:)[ \t]+(\S.*)$/u;

/** Build the runbook model and its source map from parsed Markdown. */
export function buildDocument(text: string, root: Root, schema: SchemaInfo): RunbookDocument {
  const lines = new LineIndex(text);
  const pointers = new SourceMap();
  const htmlComments: RunbookDocument['htmlComments'] = [];
  const doc: RunbookDocument = { text, lines, root, model: { frontmatter: {}, sections: {} }, sections: [], byId: new Map(), pointers, htmlComments, schema };
  // Document-level findings (a missing section) land on line 1, as design §2 says.
  const docStart = lines.lineRange(1);
  pointers.set('', docStart);
  pointers.set('/sections', docStart);

  collectHtmlComments(root, lines, htmlComments);

  const children = root.children;
  let start = 0;
  if (children[0]?.type === 'yaml') {
    const [s, e] = offsets(children[0]);
    doc.frontmatter = parseFrontmatter(children[0].value, s, e, lines);
    doc.model.frontmatter = doc.frontmatter.data;
    pointers.set('/frontmatter', lines.range(s, Math.min(e, s + 3)));
    for (const [pointer, range] of doc.frontmatter.pointers) pointers.set(pointer, range);
    start = 1;
  } else {
    doc.frontmatter = unclosedFrontmatter(lines);
    pointers.set('/frontmatter', docStart);
  }

  let titleIndex = children.findIndex((n) => n.type === 'heading' && n.depth === 1);
  // Plans that use H1 for every section ("# Purpose and Scope", "# Background", …) have no H1 title.
  if (titleIndex >= 0 && children.some((n, i) => i > titleIndex && n.type === 'heading' && n.depth === 1)) {
    const by = recogniser(schema).matchHeading(plainText(children[titleIndex]!))?.recognition.by;
    if (by === 'alias' || by === 'normalised') titleIndex = -1;
  }
  if (titleIndex >= 0) {
    const heading = children[titleIndex] as Heading;
    const [s, e] = offsets(heading);
    doc.title = { text: plainText(heading), range: lines.range(s, e), fromFrontmatter: false };
  } else if (typeof doc.model.frontmatter.title === 'string') {
    const range = pointers.get('/frontmatter/title') ?? docStart;
    doc.title = { text: doc.model.frontmatter.title, range, fromFrontmatter: true };
  }
  if (doc.title) {
    doc.model.title = doc.title.text;
    pointers.set('/title', doc.title.range);
  }

  // Split the top-level flow into sections by heading; nesting follows heading depth.
  const stack: SectionNode[] = [];
  let current: SectionNode | undefined;
  for (let i = start; i < children.length; i++) {
    const node = children[i]!;
    if (node.type === 'heading' && i !== titleIndex) {
      while (stack.length > 0 && stack[stack.length - 1]!.level >= node.depth) stack.pop();
      const parent = stack[stack.length - 1];
      current = openSection(doc, schema, node, parent);
      stack.push(current);
      continue;
    }
    if (node.type === 'heading') {
      current = undefined;
      stack.length = 0;
      continue;
    }
    current?.body.push(node);
  }

  recogniseByContent(doc, schema);
  const siblingsIds = new Map<SectionNode | undefined, Set<string>>();
  const lastChild = new Map<SectionNode | undefined, SectionNode>();
  doc.sections.forEach((section, index) => {
    placeSection(doc, schema, section, index, lastChild.get(section.parent), siblingsIds);
    lastChild.set(section.parent, section);
  });
  // A model's text is joined once from all the sections that share it (a part appending to it
  // would copy the text so far each time: quadratic in a file of 15,000 repeated headings).
  const modelTexts = new Map<SectionModel, string[]>();
  for (const section of doc.sections) {
    const own = fillSection(section, text, lines, pointers);
    if (!own) continue;
    const list = modelTexts.get(section.model);
    if (list) list.push(own);
    else modelTexts.set(section.model, [own]);
  }
  for (const [model, texts] of modelTexts) model.text = texts.join('\n');
  // Section ranges extend to the start of the next heading at the same or a higher level.
  for (let i = 0; i < doc.sections.length; i++) {
    const section = doc.sections[i]!;
    let end = text.length;
    for (let j = i + 1; j < doc.sections.length; j++) {
      if (doc.sections[j]!.level <= section.level) {
        end = doc.sections[j]!.headingRange.start.offset;
        break;
      }
    }
    if (titleIndex >= 0 && doc.title && doc.title.range.start.offset > section.headingRange.start.offset) end = Math.min(end, doc.title.range.start.offset);
    section.range = lines.range(section.headingRange.start.offset, trimEnd(text, end));
  }
  return doc;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/** Next `-n` suffix to try per slug, for each set of sibling ids. */
const suffixCounters = new WeakMap<Set<string>, Map<string, number>>();

/** Trailing spaces and tabs off, by a loop (the regex `[ \t]+$` is quadratic in a long inner run of spaces). */
function trimSpacesEnd(value: string): string {
  let end = value.length;
  while (end > 0 && (value.charCodeAt(end - 1) === 32 || value.charCodeAt(end - 1) === 9)) end--;
  return value.slice(0, end);
}

/** Create the node for a heading and recognise it by its text; ids and pointers are assigned in `placeSection`. */
function openSection(doc: RunbookDocument, schema: SchemaInfo, node: Heading, parent: SectionNode | undefined): SectionNode {
  const heading = plainText(node);
  const recognise = recogniser(schema);
  const colophon = Boolean(parent?.colophon) || recognise.isColophon(heading);
  const match = colophon ? undefined : recognise.matchHeading(heading);
  const [s, e] = offsets(node);
  const headingRange = doc.lines.range(s, e);
  const section: SectionNode = {
    id: match?.id ?? '', pointer: '', heading, level: node.depth, known: Boolean(match), headingRange, headingNode: node, range: headingRange,
    body: [], bodyRange: doc.lines.range(e, e), parent, children: [], model: emptySectionModel(heading, node.depth),
    items: [], steps: [], checklist: [], tables: [], fields: [], parts: [],
    ...(match ? { recognition: match.recognition } : {}),
    ...(colophon ? { colophon } : {}),
  };
  parent?.children.push(section);
  doc.sections.push(section);
  return section;
}

/**
 * Headings that say little ("Appendix C", "Table 4") take a section by their content signature, but only
 * a section no heading claims: content is the weakest evidence, it never makes a second copy.
 */
function recogniseByContent(doc: RunbookDocument, schema: SchemaInfo): void {
  const recognise = recogniser(schema);
  // "About" whose subsections are "License" and "Instructions" is the template's colophon, not its purpose.
  for (const section of doc.sections) {
    if (section.colophon || !section.children.some((c) => c.colophon)) continue;
    section.colophon = true;
    section.known = false;
    section.id = '';
    delete section.recognition;
  }
  const candidates = new Set(schema.sections.filter((spec) => spec.patterns.some((p) => typeof p !== 'string')).map((spec) => spec.id));
  for (const section of doc.sections) if (section.known) candidates.delete(section.id);
  if (candidates.size === 0) return;
  for (const section of doc.sections) {
    if (section.known || section.colophon || section.body.length === 0) continue;
    const match: HeadingMatch | undefined = recognise.matchContent(contentSummary(section, doc.text), candidates, section.heading);
    if (!match) continue;
    section.id = match.id;
    section.known = true;
    section.recognition = match.recognition;
    candidates.delete(match.id);
    if (candidates.size === 0) return;
  }
}

function contentSummary(section: SectionNode, text: string): ContentSummary {
  const summary: ContentSummary = { tables: [], fieldKeys: [] };
  for (const node of section.body) {
    if (node.type === 'table') {
      const [head, ...rows] = node.children;
      summary.tables.push({ headers: head ? head.children.map((c) => plainText(c)) : [], firstColumn: rows.map((r) => (r.children[0] ? plainText(r.children[0]) : '')) });
    } else if (node.type === 'paragraph' || node.type === 'list') {
      const [s, e] = offsets(node);
      for (const line of text.slice(s, e).split(/\r?\n|\r/)) {
        const m = FIELD_LINE.exec(line);
        if (m) summary.fieldKeys.push(m[2]!.trim());
      }
    }
  }
  return summary;
}

const APPENDIX = /^\s*(?:appendix|annex|attachment|exhibit)\b/i;

function ancestorsOf(parent: SectionNode | undefined): SectionNode[] {
  const out: SectionNode[] = [];
  for (let p = parent; p; p = p.parent) out.push(p);
  return out;
}

function ancestors(section: SectionNode): SectionNode[] {
  const out: SectionNode[] = [];
  for (let p = section.parent; p; p = p.parent) out.push(p);
  return out;
}

function nearestKnown(section: SectionNode): SectionNode | undefined {
  for (let p = section.parent; p; p = p.parent) if (p.known) return p;
  return undefined;
}

/** Assign the id, JSON pointer and model slot of a section, in document order. */
function placeSection(doc: RunbookDocument, schema: SchemaInfo, section: SectionNode, index: number, previous: SectionNode | undefined, siblingsIds: Map<SectionNode | undefined, Set<string>>): void {
  const knownId = section.known ? section.id : undefined;
  const parent = section.parent;
  // Known sections live at the top of the model wherever they sit, so `required` finds them at any depth.
  const container = knownId ? undefined : parent;
  let id = knownId ?? slugify(section.heading);
  const target = container ? container.model.sections : doc.model.sections;
  if (!knownId) section.owner = nearestKnown(section);
  if (knownId && doc.byId.has(knownId)) {
    const first = doc.byId.get(knownId)!;
    const previousId = previous?.partOf ?? previous;
    // "Purpose" then "Scope", or a repeat only a pattern or content found: one section, not a duplicate.
    const weak = (n: SectionNode) => n.recognition?.by === 'pattern' || n.recognition?.by === 'content';
    // A subsection recognised as its own section again is part of it too (but already in its subtree).
    const inside = ancestors(section).some((a) => a === first || a.partOf === first);
    // The same heading twice in a row is a real repeat; "Purpose" then "Scope" are two halves of one section.
    // An appendix is a separate part of the document even right after the section: "Appendix B: Call Tree" repeats it.
    const sibling = previousId === first && normalizeHeading(previous!.heading) !== normalizeHeading(section.heading) && !APPENDIX.test(section.heading);
    if (inside) {
      // A subsection ("### Incident Commander" under "## Roles") stays a nested heading of its section's
      // model, so a schema can count one subsection per role; its lists and tables count for the section too.
      section.partOf = first;
      nestSection(doc, section, slugify(section.heading), parent!, siblingsIds);
      return;
    }
    if (sibling || weak(section) || weak(first)) {
      section.partOf = first;
      first.parts.push(section);
      section.pointer = first.pointer;
      section.model = first.model;
      return;
    }
    section.duplicateOf = first;
    section.pointer = joinPointer('/duplicates', index); // its index in doc.sections
    return;
  }
  if (!knownId) {
    const used = siblingsIds.get(container) ?? new Set<string>();
    siblingsIds.set(container, used);
    const base = id;
    // Resume numbering where the last heading with this slug stopped: 100,000 equal headings stay linear.
    const counters = suffixCounters.get(used) ?? new Map<string, number>();
    suffixCounters.set(used, counters);
    let n = counters.get(base) ?? 1;
    for (; used.has(id) || (!container && schema.sectionById.has(id)); n++) id = `${base}-${n}`;
    counters.set(base, n);
    used.add(id);
    section.id = id;
  } else {
    doc.byId.set(knownId, section);
  }
  section.pointer = joinPointer(container ? container.pointer + '/sections' : '/sections', id);
  target[id] = section.model;
  doc.pointers.set(section.pointer, section.headingRange);
  doc.pointers.set(section.pointer + '/heading', section.headingRange);
}

/** Place a section under its parent's `sections` by a slug unique among its siblings (its `id` is kept). */
function nestSection(doc: RunbookDocument, section: SectionNode, slug: string, parent: SectionNode, siblingsIds: Map<SectionNode | undefined, Set<string>>): void {
  const used = siblingsIds.get(parent) ?? new Set<string>();
  siblingsIds.set(parent, used);
  let key = slug;
  for (let n = 1; used.has(key); n++) key = `${slug}-${n}`;
  used.add(key);
  section.pointer = joinPointer(parent.pointer + '/sections', key);
  parent.model.sections[key] = section.model;
  doc.pointers.set(section.pointer, section.headingRange);
  doc.pointers.set(section.pointer + '/heading', section.headingRange);
}

/** Fill the section's entries into its model; returns its own body text, which goes to `model.text`. */
function fillSection(section: SectionNode, text: string, lines: LineIndex, pointers: SourceMap): string {
  const { body, model, pointer } = section;
  if (body.length > 0) {
    section.bodyRange = lines.range(offsets(body[0]!)[0], offsets(body[body.length - 1]!)[1]);
    // A part (Scope after Purpose) shares the pointer: the first body keeps `/text`.
    if (!pointers.has(pointer + '/text')) pointers.set(pointer + '/text', section.bodyRange);
  }
  const texts: string[] = [];
  for (const node of body) {
    if (node.type === 'html' || node.type === 'definition' || node.type === 'thematicBreak') continue;
    texts.push(plainText(node));
    if (node.type === 'list') addList(section, node, lines, pointers);
    else if (node.type === 'table') addTable(section, node, lines, pointers);
  }
  collectChecklist(section, lines, text, pointers);
  collectFields(section, text, lines, pointers);
  return texts.filter(Boolean).join('\n');
}

function addList(section: SectionNode, list: List, lines: LineIndex, pointers: SourceMap): void {
  for (const item of list.children) {
    if (item.checked !== null && item.checked !== undefined) continue; // task items go to the checklist
    const kind = list.ordered ? 'steps' : 'items';
    const index = section.model[kind].length;
    const entry = { text: plainText(item), range: positionRange(item, lines), pointer: joinPointer(section.pointer, kind, index) };
    section.model[kind].push(entry.text);
    section[kind].push(entry);
    pointers.set(entry.pointer, entry.range);
    for (const owner of ownersOf(section)) {
      pointers.set(joinPointer(owner.pointer, kind, owner.model[kind].length), entry.range);
      owner.model[kind].push(entry.text);
    }
  }
}

/** Task items anywhere in the body (nested lists and block quotes included). */
function collectChecklist(section: SectionNode, lines: LineIndex, text: string, pointers: SourceMap): void {
  const stack: Nodes[] = [...section.body].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'listItem' && typeof node.checked === 'boolean') addChecklistItem(section, node, lines, text, pointers);
    if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
      const kids = node.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
}

function addChecklistItem(section: SectionNode, item: ListItem, lines: LineIndex, text: string, pointers: SourceMap): void {
  const [s, e] = offsets(item);
  const first = item.children[0];
  const firstStart = first ? offsets(first)[0] : e;
  const box = /\[[ xX]\]/.exec(text.slice(s, Math.max(s, firstStart)));
  const boxOffset = box ? s + box.index : s;
  const ownText = first && first.type === 'paragraph' ? plainText(first) : plainText(item);
  const index = section.model.checklist.length;
  const entry: ChecklistEntry = { text: ownText, checked: Boolean(item.checked), range: lines.range(s, first ? offsets(first)[1] : e), pointer: joinPointer(section.pointer, 'checklist', index), boxOffset };
  section.checklist.push(entry);
  section.model.checklist.push({ text: entry.text, checked: entry.checked });
  pointers.set(entry.pointer, entry.range);
  for (const owner of ownersOf(section)) {
    pointers.set(joinPointer(owner.pointer, 'checklist', owner.model.checklist.length), entry.range);
    owner.model.checklist.push({ text: entry.text, checked: entry.checked });
  }
}

function addTable(section: SectionNode, table: Table, lines: LineIndex, pointers: SourceMap): void {
  const [headerRow, ...rows] = table.children;
  if (!headerRow) return;
  const seen = new Set<string>();
  const headers = headerRow.children.map((cell, i) => {
    let name = plainText(cell) || `column-${i + 1}`;
    if (seen.has(name)) name = `${name}-${i + 1}`;
    seen.add(name);
    return name;
  });
  const index = section.model.tables.length;
  const tablePointer = joinPointer(section.pointer, 'tables', index);
  const [ts, te] = offsets(table);
  const info: TableInfo = { headers, rows: new Array(rows.length), range: lines.range(ts, te), rowRanges: new Array(rows.length), cellRanges: new Array(rows.length), pointer: tablePointer };
  // Ranges reuse the parser's position objects where they are the same span (a big table has millions).
  rows.forEach((row, r) => {
    const record: Record<string, string> = {};
    const [, re] = offsets(row);
    info.rowRanges[r] = positionRange(row, lines);
    info.cellRanges[r] = headers.map((header, c) => {
      const cell = row.children[c];
      record[header] = cell ? plainText(cell) : '';
      // A missing trailing cell points at the row's end, so an "empty cell" finding still has a place.
      return cell ? cellContentRange(cell, lines) : lines.range(re, re);
    });
    info.rows[r] = record;
  });
  pointers.setTable(tablePointer, info.range, info);
  section.tables.push(info);
  section.model.tables.push(info.rows);
  addTableSteps(section, info, pointers);
  // The owner's copy points at the same cells, so a schema error on it lands in the subsection.
  for (const owner of ownersOf(section)) {
    pointers.setTable(joinPointer(owner.pointer, 'tables', owner.model.tables.length), info.range, info);
    owner.model.tables.push(info.rows);
  }
}

// A column that numbers the rows: "Step", "Step #", "#", "No.", "Seq", "Order".
const STEP_COLUMN = /^(?:steps?(?: ?(?:#|no\.?|number))?|#|no\.?|nr\.?|seq(?:uence)?|order)$/i;
const STEP_NUMBER = /^(?:step\s*)?(\d{1,3})[.):]?$/i;

/**
 * The numbering column of a step table, if it has one: a "Step"/"#" column whose cells count up
 * (1, 2, 3…), so "| Step | Who | What |" reads as an ordered procedure.
 */
function stepColumn(table: TableInfo): string | undefined {
  if (table.rows.length === 0) return undefined;
  for (const header of table.headers) {
    if (!STEP_COLUMN.test(header.trim())) continue;
    let last = 0;
    const ascending = table.rows.every((row) => {
      const n = Number(STEP_NUMBER.exec((row[header] ?? '').trim())?.[1] ?? NaN);
      const ok = n > last;
      last = n;
      return ok;
    });
    if (ascending) return header;
  }
  return undefined;
}

/**
 * The rows of a step table are the section's steps in the model too, as an ordered list's items are:
 * a procedure written as a numbered table is a numbered procedure. (Only the model: the checklist
 * view keeps showing the table as a table.)
 */
function addTableSteps(section: SectionNode, table: TableInfo, pointers: SourceMap): void {
  const column = stepColumn(table);
  if (!column) return;
  const owners = ownersOf(section);
  table.rows.forEach((row, r) => {
    const text = table.headers.filter((h) => h !== column).map((h) => row[h]!).filter(Boolean).join(' – ');
    const range = table.rowRanges[r]!;
    pointers.set(joinPointer(section.pointer, 'steps', section.model.steps.length), range);
    section.model.steps.push(text);
    for (const owner of owners) {
      pointers.set(joinPointer(owner.pointer, 'steps', owner.model.steps.length), range);
      owner.model.steps.push(text);
    }
  });
}

/** Where a subsection's entries count too: its nearest recognised ancestor's model (see placeSection). */
function ownerOf(section: SectionNode): SectionNode | undefined {
  if (!section.known) return section.owner;
  // A recognised subsection of its own section (nested, not sharing the model) counts for that section.
  return section.partOf && section.model !== section.partOf.model ? section.partOf : undefined;
}

/** Every model an entry of this section also counts in, nearest first ("### Notes" under "### Scribe" under "## Roles"). */
function ownersOf(section: SectionNode): SectionNode[] {
  const out: SectionNode[] = [];
  for (let owner = ownerOf(section); owner && !out.includes(owner); owner = ownerOf(owner)) out.push(owner);
  return out;
}

/** A node's position as a Range: the same object when it has offsets, as the parser's positions do. */
function positionRange(node: Positioned, lines: LineIndex): Range {
  const p = node.position;
  return p && p.start.offset !== undefined && p.end.offset !== undefined ? (p as Range) : lines.range(offsets(node)[0], offsets(node)[1]);
}

/** A cell's range without its pipes and padding, so findings underline just the value. */
function cellContentRange(cell: Positioned & { children?: Positioned[] }, lines: LineIndex): Range {
  let [s, e] = offsets(cell);
  const text = lines.text;
  if (text[s] === '|') s++;
  if (e > s && text[e - 1] === '|' && text[e - 2] !== '\\') e--;
  let cs = s;
  let ce = e;
  while (cs < ce && (text[cs] === ' ' || text[cs] === '\t')) cs++;
  while (ce > cs && (text[ce - 1] === ' ' || text[ce - 1] === '\t')) ce--;
  // An empty cell keeps its padding as the range, so the finding is visible between the pipes.
  if (cs >= ce) return lines.range(s, e);
  // Most often the value is the cell's one text node: its position is the range.
  const only = cell.children?.length === 1 ? cell.children[0]! : undefined;
  if (only && offsets(only)[0] === cs && offsets(only)[1] === ce) return positionRange(only, lines);
  return lines.range(cs, ce);
}

/** `Key: value` lines in paragraphs and list items of the body. */
/** FIELD_LINE's match of a line with the value's trailing spaces trimmed (memoized: the editor re-lints the same lines). */
function fieldLine(line: string): RegExpExecArray | null {
  return fieldLines.get(line, () => {
    const match = FIELD_LINE.exec(line);
    if (match) match[3] = trimSpacesEnd(match[3]!);
    return match;
  });
}

const fieldLines = new StringMemo<RegExpExecArray | null>();

/** A `Key: value` line of a paragraph, offsets relative to the paragraph's start. */
interface ParagraphField {
  key: string;
  label: string;
  value: string;
  line: number;
  lineLength: number;
  valueStart: number;
  valueLength: number;
}

/** The field lines of a paragraph (memoized on the node: the editor re-lints the same paragraphs, moved). */
function fieldsOf(node: Nodes, text: string, s: number, e: number): ParagraphField[] {
  return paragraphFields.get(node, () => {
    const out: ParagraphField[] = [];
    let lineStart = 0;
    const own = text.slice(s, e);
    for (const line of own.split(/\r?\n|\r/)) {
      const match = fieldLine(line);
      if (match) {
        const label = detached(match[2]!.trim());
        out.push({
          key: kebabCase(label), label, value: detached(match[3]!.replace(/^(\*\*|__)|(\*\*|__)$/g, '').trim()),
          line: lineStart, lineLength: line.length, valueStart: lineStart + line.lastIndexOf(match[3]!), valueLength: match[3]!.length,
        });
      }
      lineStart += line.length + (own[lineStart + line.length] === '\r' && own[lineStart + line.length + 1] === '\n' ? 2 : 1);
    }
    return out;
  });
}

const paragraphFields = new NodeMemo<ParagraphField[]>();

/**
 * A copy of `s` that does not keep the document's text alive: a slice of a string points into it,
 * and a memo on a node outlives the text it was computed from (the editor keeps nodes for hours).
 */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

function collectFields(section: SectionNode, text: string, lines: LineIndex, pointers: SourceMap): void {
  const stack: Nodes[] = [...section.body].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'paragraph') {
      const [s, e] = offsets(node);
      for (const field of fieldsOf(node, text, s, e)) {
        const { key, label, value } = field;
        {
          const lineStart = s + field.line;
          const valueStart = s + field.valueStart;
          const entry: FieldEntry = { key, label, value, range: lines.range(lineStart, lineStart + field.lineLength), valueRange: lines.range(valueStart, valueStart + field.valueLength) };
          // Rules see every line (a second "RTO: ASAP" is still checked); the model keeps the first.
          if (key) section.fields.push(entry);
          if (key && !(key in section.model.fields)) {
            section.model.fields[key] = value;
            pointers.set(joinPointer(section.pointer, 'fields', key), entry.valueRange);
          }
          for (const owner of key ? ownersOf(section) : []) {
            if (key in owner.model.fields) continue;
            owner.model.fields[key] = value;
            pointers.set(joinPointer(owner.pointer, 'fields', key), entry.valueRange);
          }
        }
      }
    } else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') {
      const kids = node.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
}

function collectHtmlComments(root: Root, lines: LineIndex, out: RunbookDocument['htmlComments']): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'html') {
      const value = (node as Html).value;
      if (value.includes('runbook-lint-')) {
        const [s, e] = offsets(node);
        out.push({ value, range: lines.range(s, e) });
      }
    } else if ('children' in node) {
      const kids = node.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  out.sort((a, b) => a.range.start.offset - b.range.start.offset);
}

/** The section and all its descendants, for rules that read a section with its subsections. */
export function subtree(section: SectionNode): SectionNode[] {
  const out: SectionNode[] = [];
  // Parts ("Scope" after "Purpose") are siblings, read after the section's own subsections.
  const stack = [...section.parts].reverse().concat(section);
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** Longest pointer prefix with a known range: a missing property lands on its parent. */
export function rangeForPointer(doc: RunbookDocument, pointer: string): Range {
  let p = pointer;
  for (;;) {
    const hit = doc.pointers.get(p);
    if (hit) return hit;
    if (p === '') return doc.lines.lineRange(1);
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
