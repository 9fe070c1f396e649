/** The structured content of a section and its subsections, with source ranges (pure). */
import type { List, ListItem, Nodes, RootContent } from 'mdast';
import type { RunbookDocument, SectionNode } from '../../model.js';
import { plainText, subtree } from '../../model.js';
import type { Range } from '../../types.js';

type Positioned = { position?: { start: { offset?: number }; end: { offset?: number } } };

export function nodeOffsets(node: Positioned): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/** The prose a reader sees as words: `plainText` without code and HTML. */
export function proseText(node: Nodes): string {
  return plainText(node, { code: false });
}

export interface ItemEntry {
  node: ListItem;
  /** Plain text of the whole item, nested lists included. */
  text: string;
  /** Plain text of the item's first paragraph only (its own line, without nested lists). */
  ownText: string;
  /** `text` and `ownText` without code and HTML (see `proseText`). */
  prose: string;
  ownProse: string;
  range: Range;
  /** Range of the first paragraph (the item's own lines). */
  ownRange: Range;
  ordered: boolean;
  /** A task item (`- [ ]`). */
  task: boolean;
  /** Position in its list (0-based). */
  index: number;
  list: List;
  section: SectionNode;
}

/** Top-level list items of a section's body (lists inside block quotes included), in order. */
export function sectionItems(doc: RunbookDocument, section: SectionNode): ItemEntry[] {
  const out: ItemEntry[] = [];
  const visit = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'list') {
        node.children.forEach((item, index) => {
          const [s, e] = nodeOffsets(item);
          const first = item.children[0];
          const [fs, fe] = first ? nodeOffsets(first) : [s, e];
          const own = first && first.type === 'paragraph' ? first : item;
          out.push({
            node: item, text: plainText(item), ownText: plainText(own), prose: proseText(item), ownProse: proseText(own),
            range: doc.lines.range(s, e), ownRange: doc.lines.range(first && first.type === 'paragraph' ? fs : s, first && first.type === 'paragraph' ? fe : e),
            ordered: Boolean(node.ordered), task: typeof item.checked === 'boolean', index, list: node, section,
          });
        });
      } else if (node.type === 'blockquote') {
        visit(node.children);
      }
    }
  };
  visit(section.body);
  return out;
}

/** Items of the section and of all its subsections. */
export function subtreeItems(doc: RunbookDocument, section: SectionNode): ItemEntry[] {
  return subtree(section).flatMap((s) => sectionItems(doc, s));
}

export interface LinkEntry {
  url: string;
  text: string;
  range: Range;
  start: number;
  end: number;
}

/** Every link (inline, reference-resolved or autolink) inside the given nodes. */
/** Link definitions by identifier, collected once per tree: linksIn runs for every list item and row. */
const definitionsByRoot = new WeakMap<object, Map<string, string>>();

function definitionsOf(doc: RunbookDocument): Map<string, string> {
  let definitions = definitionsByRoot.get(doc.root);
  if (!definitions) {
    definitions = new Map();
    for (const node of doc.root.children) if (node.type === 'definition') definitions.set(node.identifier.toLowerCase(), node.url);
    definitionsByRoot.set(doc.root, definitions);
  }
  return definitions;
}

export function linksIn(doc: RunbookDocument, nodes: readonly Nodes[]): LinkEntry[] {
  const out: LinkEntry[] = [];
  const definitions = definitionsOf(doc);
  const stack: Nodes[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'link' || node.type === 'linkReference') {
      const url = node.type === 'link' ? node.url : (definitions.get(node.identifier.toLowerCase()) ?? '');
      const [s, e] = nodeOffsets(node);
      out.push({ url, text: plainText(node), range: doc.lines.range(s, e), start: s, end: e });
      continue;
    }
    if ('children' in node) {
      const kids = node.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return out;
}

export interface TextUnit {
  kind: 'heading' | 'paragraph' | 'row';
  text: string;
  /** `text` without code and HTML. */
  prose: string;
  range: Range;
  section: SectionNode;
}

/**
 * The readable units of a section and its subsections: the heading of each subsection, each
 * paragraph, each list item's own paragraph (nested items separately), each table row (cells joined
 * with " | ") and block quotes' paragraphs. Code blocks and HTML are skipped.
 */
export function textUnits(doc: RunbookDocument, section: SectionNode): TextUnit[] {
  return unitsOf(doc, subtree(section), new Set([section]));
}

/** `textUnits` of several sections read as one (see `ruleContent`); the headings of `roots` are not content. */
export function unitsOf(doc: RunbookDocument, sections: readonly SectionNode[], roots: ReadonlySet<SectionNode>): TextUnit[] {
  const out: TextUnit[] = [];
  for (const s of sections) {
    if (!roots.has(s)) out.push({ kind: 'heading', text: s.heading, prose: s.heading, range: s.headingRange, section: s });
    const stack: Nodes[] = [...s.body].reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      const [a, b] = nodeOffsets(node);
      if (node.type === 'paragraph' || node.type === 'heading') {
        out.push({ kind: node.type === 'heading' ? 'heading' : 'paragraph', text: plainText(node), prose: proseText(node), range: doc.lines.range(a, b), section: s });
      } else if (node.type === 'tableRow') {
        out.push({ kind: 'row', text: node.children.map((c) => plainText(c)).join(' | '), prose: node.children.map((c) => proseText(c)).join(' | '), range: doc.lines.range(a, b), section: s });
      } else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote' || node.type === 'table') {
        const kids = node.children as Nodes[];
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
      }
    }
  }
  return out;
}

/** Split prose into sentences (on `.`, `!`, `?`, `;` followed by space, and line breaks). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+(?=\S)|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The raw source slice of a range (for tight sub-ranges of a token inside a cell or an item). */
export function sourceOf(doc: RunbookDocument, range: Range): string {
  return doc.text.slice(range.start.offset, range.end.offset);
}

/**
 * The range of `needle` inside `within` in the source, or `within` itself when the source spells
 * it differently (Markdown escapes, emphasis).
 */
export function tightRange(doc: RunbookDocument, within: Range, needle: string): Range {
  const i = sourceOf(doc, within).indexOf(needle);
  if (i < 0 || !needle) return within;
  const start = within.start.offset + i;
  return doc.lines.range(start, start + needle.length);
}
