/**
 * VS Code snippet bodies (`x-snippet`) turned into plain Markdown for `--fix` and `new`.
 * Tab stops become visible `[insert …]` text so `placeholder-text` keeps reporting them:
 * an inserted skeleton never passes by accident.
 */
export function snippetToText(body: string[] | string, now: Date = new Date()): string {
  let text = Array.isArray(body) ? body.join('\n') : body;
  const vars: Record<string, string> = {
    CURRENT_YEAR: String(now.getUTCFullYear()),
    CURRENT_MONTH: String(now.getUTCMonth() + 1).padStart(2, '0'),
    CURRENT_DATE: String(now.getUTCDate()).padStart(2, '0'),
  };
  // Innermost constructs first, so nested placeholders (`${1:a ${2:b}}`) resolve from the inside out.
  for (let guard = 0; guard < 50; guard++) {
    const next = text
      .replace(/\$\{(\d+)\|([^|}]*)\|\}/g, (_m, _n, choices: string) => choices.split(',')[0]!.replace(/\\,/g, ','))
      .replace(/\$\{(\d+):((?:[^${}\\]|\\.)*)\}/g, (_m, _n, label: string) => (label.trim() ? `[insert ${unescape(label).trim()}]` : '[insert value]'))
      .replace(/\$\{([A-Z_]+)(?::((?:[^${}\\]|\\.)*))?\}/g, (_m, name: string, fallback?: string) => vars[name] ?? fallback ?? '')
      .replace(/\$\{(\d+)\}/g, '');
    if (next === text) break;
    text = next;
  }
  return unescape(text.replace(/(?<!\\)\$(\d+)/g, '').replace(/(?<!\\)\$([A-Z_]+)/g, (_m, name: string) => vars[name] ?? ''));
}

function unescape(text: string): string {
  return text.replace(/\\([$}\\,|])/g, '$1');
}
