import type { Nodes } from 'mdast';
import type { RunbookDocument } from '../../model.js';
import { NodeMemo } from '../../memo.js';

/**
 * HTML elements people actually write bare in Markdown (`<br>`, `<details>`, `<kbd>`…). A bare
 * `<word>` with one of these names is markup, never a placeholder.
 */
const COMMON_HTML = new Set(
  (
    'a abbr article aside audio b bdi bdo big blockquote body br caption center cite code col colgroup dd del details dfn div dl dt em ' +
    'embed figcaption figure font footer h1 h2 h3 h4 h5 h6 head header hr html i iframe img ins kbd li main mark nav nobr ol p picture pre ' +
    'q rp rt ruby s samp section small span strike strong sub summary sup svg table tbody td tfoot th thead tr tt u ul var video wbr'
  ).split(' '),
);

// Other element names (`<title>`, `<time>`, custom ones) are plausible placeholder words: they count as
// markup only when the document also closes them (`</time>`).

/** Names of elements the document closes somewhere (`</time>`), which makes a bare `<time>` markup. */
export function closedTagNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/<\/([A-Za-z][A-Za-z0-9-]*)\s*>/g)) out.add(m[1]!.toLowerCase());
  return out;
}

/** Whether `<name …>` is real HTML (or a custom element the document closes) rather than an angle-bracket placeholder. */
export function isHtmlTagName(name: string, closed: Set<string>): boolean {
  const lower = name.toLowerCase();
  // Any other name counts as markup when the document also closes it (`incident.<unlink></unlink>io`).
  return COMMON_HTML.has(lower) || closed.has(lower);
}

type Positioned = { position?: { start: { offset?: number }; end: { offset?: number } } };

function span(node: Positioned): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

export interface ProseMask {
  /** The document text with non-prose spans replaced by spaces (line breaks kept, so offsets are unchanged). */
  text: string;
  /** Link nodes (not autolinks) with their destinations, for checks on the URL itself. */
  links: Array<{ url: string; start: number; end: number }>;
  /** Inline code spans (`` `TODO: add…` ``), which placeholder-text judges on their own. */
  codeSpans: Array<{ value: string; start: number; end: number }>;
}

/**
 * Blank out what is not prose: front matter, fenced/indented code, inline code, HTML comments, real
 * HTML tags, thematic breaks (`____`), link destinations and link/reference brackets, autolinks, images and reference
 * definitions. Iterative, so deeply nested input cannot overflow the stack.
 */
export function maskNonProse(doc: RunbookDocument): ProseMask {
  const text = doc.text;
  const closed = closedTagNames(text);
  const closedKey = [...closed].sort().join(' ');
  // Block by block, each memoized on its node: an edit in the editor masks again only the blocks it
  // changed (a block's mask depends on its own text and the tag names the document closes). Every
  // blanked span lies inside its top-level block, and the text between blocks is kept as it is.
  const parts: string[] = [];
  const links: ProseMask['links'] = [];
  const codeSpans: ProseMask['codeSpans'] = [];
  let at = 0;
  for (const block of doc.root.children) {
    const [s, e] = span(block);
    if (s < at || e < s) {
      // Overlapping blocks (a paragraph read as plain text inside a list the parser continued around it): the whole tree at once.
      const { changed: _, ...whole } = maskNodes(text, [doc.root], closed);
      return whole;
    }
    const masked = maskedBlocks.get(block, () => maskBlock(text, block, s, closed, closedKey), (hit) => hit.closedKey === closedKey && hit.length === e - s);
    if (masked.text === undefined) parts.push(text.slice(at, e));
    else parts.push(text.slice(at, s), masked.text);
    for (const link of masked.links) links.push({ url: link.url, start: link.start + s, end: link.end + s });
    for (const code of masked.codeSpans) codeSpans.push({ value: code.value, start: code.start + s, end: code.end + s });
    at = e;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), links, codeSpans };
}

/** The same mask computed over the whole tree at once, without the per-block memo (the reference the tests compare with). */
export function maskNonProseWhole(doc: RunbookDocument): ProseMask {
  const { changed: _, ...whole } = maskNodes(doc.text, [doc.root], closedTagNames(doc.text));
  return whole;
}

interface MaskedBlock extends Omit<ProseMask, 'text'> {
  /** Undefined when nothing in the block is blanked (then the memo holds no text of the document). */
  text?: string;
  closedKey: string;
  length: number;
}

const maskedBlocks = new NodeMemo<MaskedBlock>();

/** One top-level block's mask, its offsets relative to the block's start `s`. */
function maskBlock(text: string, block: Nodes, s: number, closed: Set<string>, closedKey: string): MaskedBlock {
  const e = span(block)[1];
  const own = maskNodes(text, [block], closed, s, e);
  return {
    text: own.changed ? own.text : undefined,
    links: own.links.map((l) => ({ url: l.url, start: l.start - s, end: l.end - s })),
    codeSpans: own.codeSpans.map((c) => ({ value: c.value, start: c.start - s, end: c.end - s })),
    closedKey,
    length: e - s,
  };
}

/**
 * `text` between `from` and `to` with the non-prose parts of `roots`' subtrees blanked (the
 * returned text starts at `from`; links and code spans keep document offsets).
 */
function maskNodes(text: string, roots: Nodes[], closed: Set<string>, from = 0, to = text.length): ProseMask & { changed: boolean } {
  const blanks: Array<[number, number]> = [];
  const links: ProseMask['links'] = [];
  const codeSpans: ProseMask['codeSpans'] = [];
  const stack: Nodes[] = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const [s, e] = span(node);
    switch (node.type) {
      case 'inlineCode':
        codeSpans.push({ value: node.value, start: s, end: e });
        blanks.push([s, e]);
        continue;
      case 'yaml':
      case 'code':
      case 'thematicBreak':
      case 'image':
      case 'imageReference':
      case 'definition':
        blanks.push([s, e]);
        continue;
      case 'html':
        maskHtml(text, s, e, closed, blanks);
        continue;
      case 'link':
      case 'linkReference': {
        if (text[s] === '<') {
          blanks.push([s, e]); // autolink `<https://…>` / `<a@b.c>`
          continue;
        }
        const kids = node.children;
        if (kids.length === 0) {
          blanks.push([s, e]);
          continue;
        }
        const first = span(kids[0]!)[0];
        const last = span(kids[kids.length - 1]!)[1];
        blanks.push([s, first], [last, e]);
        if (node.type === 'link') links.push({ url: node.url, start: last, end: e });
        break;
      }
      default:
        break;
    }
    if ('children' in node) {
      const kids = node.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  const masked = applyBlanks(part, from === 0 ? blanks : blanks.map(([bs, be]): [number, number] => [bs - from, be - from]));
  return { text: masked, links, codeSpans, changed: masked !== part };
}

/** Inside an HTML node: comments and known tags are blanked; unknown `<word>`s stay for the placeholder check. */
function maskHtml(text: string, s: number, e: number, closed: Set<string>, blanks: Array<[number, number]>): void {
  const source = text.slice(s, e);
  for (const m of source.matchAll(/<!--[\s\S]*?(?:-->|$)|<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>|<![A-Za-z][^>]*>|<\?[\s\S]*?\?>/g)) {
    const name = m[1];
    if (name === undefined || m[0].startsWith('</') || isHtmlTagName(name, closed) || /[="']/.test(m[0])) blanks.push([s + m.index!, s + m.index! + m[0].length]);
  }
}

export function applyBlanks(text: string, blanks: Array<[number, number]>): string {
  if (blanks.length === 0) return text;
  // Merged spans in order, then one slice per span: no per-character array for a whole document.
  const spans = blanks.map(([s, e]): [number, number] => [Math.max(0, s), Math.min(e, text.length)]).filter(([s, e]) => s < e).sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < spans.length; ) {
    const start = spans[i]![0];
    let end = spans[i]![1];
    for (i++; i < spans.length && spans[i]![0] <= end; i++) end = Math.max(end, spans[i]![1]);
    parts.push(text.slice(at, start), text.slice(start, end).replace(/[^\r\n]/g, ' '));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
