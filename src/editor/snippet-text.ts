/**
 * Schema `x-snippet` bodies turned into editor snippets (pure; no vscode): tab stops renumbered so
 * several sections combine into one snippet, and each placeholder's default text wrapped as
 * `[insert …]` so an untouched placeholder is still reported by `placeholder-text` (the same
 * visible form the core's `snippetToText` produces for `--fix` and `new`).
 */
import type { SchemaInfo, SectionSpec } from '../core/api.js';

/** Rewrite one snippet body: tab stop n → n + offset; `$0` dropped; defaults wrapped. Returns the highest stop used. */
export function rewriteSnippet(body: string, offset: number): { text: string; max: number } {
  let out = '';
  let max = offset;
  const stack: Array<'placeholder' | 'other'> = [];
  let i = 0;
  const renumber = (n: number) => {
    const m = n + offset;
    if (m > max) max = m;
    return m;
  };
  while (i < body.length) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) {
      out += body.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '$') {
      let m = /^\$(\d+)/.exec(body.slice(i));
      if (m) {
        const n = Number(m[1]);
        if (n !== 0) out += `\${${renumber(n)}}`;
        i += m[0].length;
        continue;
      }
      m = /^\$\{(\d+)\}/.exec(body.slice(i));
      if (m) {
        const n = Number(m[1]);
        if (n !== 0) out += `\${${renumber(n)}}`;
        i += m[0].length;
        continue;
      }
      m = /^\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/.exec(body.slice(i));
      if (m) {
        out += `\${${renumber(Number(m[1]))}|${m[2]}|}`;
        i += m[0].length;
        continue;
      }
      m = /^\$\{(\d+):/.exec(body.slice(i));
      if (m) {
        const label = body.slice(i + m[0].length);
        const wrap = !/^\[insert\b/i.test(label);
        out += `\${${renumber(Number(m[1]))}:${wrap ? '[insert ' : ''}`;
        stack.push(wrap ? 'placeholder' : 'other');
        i += m[0].length;
        continue;
      }
      m = /^\$\{[A-Za-z_]+:?/.exec(body.slice(i));
      if (m) {
        out += m[0];
        stack.push(m[0].endsWith(':') ? 'other' : 'other');
        i += m[0].length;
        continue;
      }
    }
    if (c === '}' && stack.length > 0) {
      out += stack.pop() === 'placeholder' ? ']}' : '}';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return { text: out, max };
}

/** Escape plain text for a snippet. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** Heading plus body of one section, as a snippet with stops from `offset + 1`. */
export function sectionSnippet(spec: SectionSpec, level: number, offset = 0, eol = '\n'): { text: string; max: number } {
  const heading = `${'#'.repeat(Math.max(1, Math.min(6, level)))} ${escapeSnippet(spec.title)}`;
  if (!spec.snippet) {
    const n = offset + 1;
    return { text: `${heading}${eol}${eol}\${${n}:[insert ${escapeSnippet(spec.title.toLowerCase())}]}`, max: n };
  }
  const body = rewriteSnippet(spec.snippet.join('\n'), offset);
  return { text: `${heading}${eol}${eol}${body.text.replace(/\n/g, eol)}`.trimEnd(), max: body.max };
}

/** A whole new runbook from the schema: front matter, title, every section in schema order. */
export function runbookSkeleton(info: SchemaInfo, title: string, eol = '\n'): string {
  const parts: string[] = [];
  let max = 0;
  if (info.frontmatterSnippet) {
    const fm = rewriteSnippet(info.frontmatterSnippet.join('\n'), 0);
    max = fm.max;
    parts.push(`---${eol}${fm.text.replace(/\n/g, eol)}${eol}---`);
  } else {
    const keys = info.frontmatterKeys.filter((k) => k.required);
    if (keys.length > 0) {
      const lines = keys.map((k) => {
        const n = ++max;
        return k.enum && k.enum.length > 0
          ? `${k.key}: \${${n}|${k.enum.map((v) => String(v).replace(/[,|\\]/g, '\\$&')).join(',')}|}`
          : `${k.key}: "\${${n}:[insert ${escapeSnippet(k.key.replace(/_/g, ' '))}]}"`;
      });
      parts.push(`---${eol}${lines.join(eol)}${eol}---`);
    }
  }
  parts.push(`# ${escapeSnippet(title)}`);
  for (const spec of info.sections) {
    const s = sectionSnippet(spec, 2, max, eol);
    max = Math.max(max, s.max);
    parts.push(s.text);
  }
  return parts.join(eol + eol) + eol;
}
