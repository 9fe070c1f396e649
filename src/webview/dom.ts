/**
 * VNode → DOM for the webview: the counterpart of `toHtml`. Text goes through text nodes only
 * (never innerHTML) and attributes through the same `allowedAttribute` filter as the export.
 */
import { ALLOWED_TAGS, allowedAttribute, type VChild } from '../core/checklist/index.js';

export function toDom(doc: Document, node: VChild): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  if (!ALLOWED_TAGS.has(node.tag)) throw new Error(`element <${node.tag}> is not allowed`);
  const el = doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    const ok = allowedAttribute(name, value);
    if (ok === false) continue;
    el.setAttribute(name.toLowerCase(), typeof ok === 'string' ? ok : value === true ? '' : String(value));
  }
  if (node.tag === 'input' && node.attrs.checked === true) (el as HTMLInputElement).checked = true;
  for (const child of node.children) el.appendChild(toDom(doc, child));
  return el;
}
