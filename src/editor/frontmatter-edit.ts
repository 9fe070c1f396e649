/** Text edits on the YAML front matter that keep everything else byte-identical (pure; no vscode). */

export interface PlainEdit {
  start: number;
  end: number;
  newText: string;
}

export interface FrontmatterBlock {
  /** Offset of the opening `---`. */
  start: number;
  /** Offset of the first YAML character (line after the opening fence). */
  yamlStart: number;
  /** Offset of the closing fence line (its first character). */
  closeStart: number;
  /** Offset just after the closing fence line's line break (or end of text). */
  end: number;
  /** 0-based line numbers of the opening and closing fences. */
  openLine: number;
  closeLine: number;
  eol: string;
}

/** Local calendar date as YYYY-MM-DD: "today" as the person reviewing sees it. */
export function localIsoDate(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The front-matter block at the top of `text` (after an optional BOM), if it is closed. */
export function findFrontmatter(text: string): FrontmatterBlock | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = /^---[ \t]*(\r?\n)/.exec(text.slice(start, start + 8));
  if (!open) return undefined;
  const eol = open[1]!;
  let pos = start + open[0].length;
  let line = 1;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const content = text.slice(pos, lineEnd).replace(/\r$/, '');
    if (/^(?:---|\.\.\.)[ \t]*$/.test(content)) {
      return { start, yamlStart: start + open[0].length, closeStart: pos, end: nl === -1 ? text.length : nl + 1, openLine: 0, closeLine: line, eol };
    }
    if (nl === -1) return undefined;
    pos = nl + 1;
    line++;
  }
  return undefined;
}

/** Offsets of a top-level `key:` line inside the front matter, with its value span (excluding quotes and comment). */
export function findTopLevelKey(text: string, block: FrontmatterBlock, key: string): { lineStart: number; valueStart: number; valueEnd: number; quoted: boolean } | undefined {
  let pos = block.yamlStart;
  while (pos < block.closeStart) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = Math.min(nl === -1 ? text.length : nl, block.closeStart);
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    const m = new RegExp(`^(["']?)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1[ \\t]*:`).exec(line);
    if (m) {
      let v = m[0].length;
      while (line[v] === ' ' || line[v] === '\t') v++;
      const rest = line.slice(v);
      const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : undefined;
      if (quote) {
        const close = rest.indexOf(quote, 1);
        if (close > 0) return { lineStart: pos, valueStart: pos + v + 1, valueEnd: pos + v + close, quoted: true };
      }
      const comment = rest.search(/(^|[ \t])#/);
      const value = (comment === -1 ? rest : rest.slice(0, comment)).replace(/[ \t]+$/, '');
      return { lineStart: pos, valueStart: pos + v, valueEnd: pos + v + value.length, quoted: false };
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  return undefined;
}

function eolOf(text: string): string {
  const crlf = text.split('\r\n').length - 1;
  return crlf > text.split('\n').length - 1 - crlf ? '\r\n' : '\n';
}

/**
 * The edit that sets `last_reviewed` to `today`: replaces only the value (quotes and comments
 * stay), adds the key before the closing fence when missing, or adds a front matter block when
 * there is none. Undefined when the value is already `today`; throws when the front matter is
 * not closed (editing it blindly could break the YAML).
 */
export function markReviewedEdit(text: string, today: string): PlainEdit | undefined {
  const block = findFrontmatter(text);
  if (!block) {
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (/^---[ \t]*\r?\n/.test(text.slice(bom))) throw new Error('The front matter has no closing "---" line; close it first.');
    const eol = eolOf(text);
    return { start: bom, end: bom, newText: `---${eol}last_reviewed: ${today}${eol}---${eol}${text.length > bom ? eol : ''}` };
  }
  const key = findTopLevelKey(text, block, 'last_reviewed');
  if (key) {
    if (text.slice(key.valueStart, key.valueEnd) === today) return undefined;
    const needsSpace = !key.quoted && key.valueStart === key.valueEnd && text[key.valueStart - 1] === ':';
    return { start: key.valueStart, end: key.valueEnd, newText: (needsSpace ? ' ' : '') + today };
  }
  return { start: block.closeStart, end: block.closeStart, newText: `last_reviewed: ${today}${block.eol}` };
}
