/**
 * A small, strict XML 1.0 reader for the JUnit tests: elements, attributes, text, comments, the
 * XML declaration and the five predefined entities plus character references. It throws on
 * anything not well-formed (unbalanced tags, bad names, raw `<` or `&`, duplicate attributes,
 * characters XML forbids), so "it parses" means "any JUnit consumer can read it".
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function decode(raw: string, at: number): string {
  if (/<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`unescaped < or & near offset ${at}: ${JSON.stringify(raw.slice(0, 60))}`);
  return raw.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e]) return named[e]!;
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

export function parseXml(xml: string): XmlElement {
  if (FORBIDDEN.test(xml)) throw new Error('document contains a character XML 1.0 forbids');
  let i = 0;
  const skipWs = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i++;
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end === -1) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const skipMisc = () => {
    for (;;) {
      skipWs();
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i);
        if (end === -1) throw new Error('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (xml[i] !== '<') throw new Error(`expected < at ${i}`);
    i++;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (!name) throw new Error(`bad element name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const ws = i;
      skipWs();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (i === ws) throw new Error(`expected whitespace before attribute at ${i}`);
      const attr = NAME.exec(xml.slice(i))?.[0];
      if (!attr) throw new Error(`bad attribute name at ${i}`);
      i += attr.length;
      if (xml[i] !== '=') throw new Error(`expected = at ${i}`);
      const quote = xml[i + 1];
      if (quote !== '"' && quote !== "'") throw new Error(`expected quote at ${i + 1}`);
      const end = xml.indexOf(quote, i + 2);
      if (end === -1) throw new Error('unterminated attribute');
      if (attr in el.attributes) throw new Error(`duplicate attribute ${attr}`);
      el.attributes[attr] = decode(xml.slice(i + 2, end), i);
      i = end + 1;
    }
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt === -1) throw new Error(`unclosed <${name}>`);
      el.text += decode(xml.slice(i, lt), i);
      i = lt;
      if (xml.startsWith('</', i)) {
        const close = NAME.exec(xml.slice(i + 2))?.[0];
        if (close !== name) throw new Error(`</${close}> closes <${name}>`);
        i += 2 + name.length;
        skipWs();
        if (xml[i] !== '>') throw new Error(`expected > at ${i}`);
        i++;
        return el;
      }
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i);
        if (end === -1) throw new Error('unterminated comment');
        i = end + 3;
        continue;
      }
      el.children.push(element());
    }
  };
  skipMisc();
  const rootEl = element();
  skipMisc();
  if (i !== xml.length) throw new Error(`content after the root element at ${i}`);
  return rootEl;
}
