/**
 * A tiny virtual-DOM for the checklist: the renderer builds `VNode` trees, and two back ends turn
 * them into markup — `toHtml` (strings, for the standalone export and the panel's first paint) and
 * the webview script's DOM builder (createElement/textContent, never innerHTML). Both go through
 * `allowedAttribute`, so the security rules live in one place:
 *  - text is always text (escaped here, `textContent` in the webview);
 *  - no event-handler attributes, no `style`, no `src`: only a fixed list of attribute names;
 *  - `href` only for http(s), mailto and tel URLs (anything else is dropped and the link text
 *    stays plain text).
 * Pure: no DOM, no Node APIs (runs in the extension host, the CLI and the webview).
 */

export type VChild = VNode | string;
export type AttrValue = string | number | boolean | undefined | null;

export interface VNode {
  tag: string;
  attrs: Record<string, AttrValue>;
  children: VChild[];
}

/** Elements the renderer may emit (anything else is a programming error). */
export const ALLOWED_TAGS = new Set([
  'a', 'article', 'aside', 'button', 'code', 'details', 'div', 'em', 'footer', 'h1', 'h2', 'h3', 'h4', 'header',
  'input', 'label', 'li', 'main', 'nav', 'ol', 'p', 'progress', 'section', 'small', 'span', 'strong', 'summary',
  'table', 'tbody', 'td', 'th', 'thead', 'time', 'tr', 'ul', 'dl', 'dt', 'dd',
]);

const VOID_TAGS = new Set(['input']);

/** Attribute names the renderer may emit; `data-*` and `aria-*` are allowed too. */
const ALLOWED_ATTRS = new Set([
  'class', 'id', 'href', 'type', 'checked', 'disabled', 'for', 'title', 'role', 'tabindex', 'max', 'value', 'datetime',
  'open', 'hidden', 'lang', 'dir', 'scope', 'colspan', 'rel', 'target',
]);

/** `&<>"'` escaped: safe in text and in double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * The URL when it is an absolute http(s), mailto or tel URL, else undefined. Control characters and
 * whitespace are rejected outright (browsers strip them, which is how `java\tscript:` sneaks past
 * naive checks); the scheme is read by the URL parser, not by a regex on the raw string.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  // eslint-disable-next-line no-control-regex
  if (!trimmed || /[\u0000-\u0020\u007f-\u009f]/.test(trimmed)) return undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  if (!scheme || !SAFE_SCHEMES.has(`${scheme}:`)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!SAFE_SCHEMES.has(parsed.protocol)) return undefined;
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.hostname) return undefined;
  return parsed.href;
}

/**
 * Whether `name="value"` may be emitted; for `href` the sanitised URL is returned instead of true.
 * Shared by `toHtml` and the webview's DOM builder.
 */
export function allowedAttribute(name: string, value: AttrValue): string | boolean {
  if (value === undefined || value === null || value === false) return false;
  const n = name.toLowerCase();
  if (!/^[a-z][a-z0-9-]*$/.test(n) || n.startsWith('on')) return false;
  if (!(ALLOWED_ATTRS.has(n) || n.startsWith('data-') || n.startsWith('aria-'))) return false;
  if (n === 'href') return safeHref(String(value)) ?? false;
  if (n === 'target' && value !== '_blank') return false;
  return true;
}

/** Build a node; falsy children are skipped, arrays are flattened. */
/** What `h` accepts as children: nested arrays and falsy values (skipped) for conditional parts. */
export type Child = VChild | false | null | undefined | readonly Child[];

export function h(tag: string, attrs: Record<string, AttrValue> | null = null, ...children: Child[]): VNode {
  if (!ALLOWED_TAGS.has(tag)) throw new Error(`checklist renderer: element <${tag}> is not allowed`);
  const out: VChild[] = [];
  const add = (c: Child): void => {
    if (Array.isArray(c)) (c as readonly Child[]).forEach(add);
    else if (c !== false && c !== null && c !== undefined && c !== '') out.push(c as VChild);
  };
  children.forEach(add);
  return { tag, attrs: attrs ?? {}, children: out };
}

/** Serialise a tree to HTML: every text and attribute value escaped, disallowed attributes dropped. */
export function toHtml(node: VChild): string {
  const parts: string[] = [];
  const stack: Array<VChild | { close: string }> = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (typeof current === 'string') {
      parts.push(escapeHtml(current));
      continue;
    }
    if ('close' in current) {
      parts.push(current.close);
      continue;
    }
    if (!ALLOWED_TAGS.has(current.tag)) throw new Error(`checklist renderer: element <${current.tag}> is not allowed`);
    parts.push(`<${current.tag}`);
    for (const [name, value] of Object.entries(current.attrs)) {
      const ok = allowedAttribute(name, value);
      if (ok === false) continue;
      const shown = typeof ok === 'string' ? ok : value === true ? '' : String(value);
      parts.push(value === true ? ` ${name.toLowerCase()}` : ` ${name.toLowerCase()}="${escapeHtml(shown)}"`);
    }
    parts.push('>');
    if (VOID_TAGS.has(current.tag)) continue;
    stack.push({ close: `</${current.tag}>` });
    for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return parts.join('');
}
