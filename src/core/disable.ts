import type { RunbookDocument } from './model.js';
import type { Finding, Fix } from './types.js';
import { detectEol } from './text.js';

type Kind = 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';

interface Directive {
  kind: Kind;
  /** Empty means every rule. */
  rules: string[];
  offset: number;
  line: number;
  endLine: number;
}

const DIRECTIVE = /<!--\s*runbook-lint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->/g;

export function parseDirectives(doc: RunbookDocument): Directive[] {
  const out: Directive[] = [];
  for (const comment of doc.htmlComments) {
    for (const match of comment.value.matchAll(DIRECTIVE)) {
      const rules = match[2]!.split(/[\s,]+/).filter((r) => r && r !== '--');
      // A comment may hold several directives; the line of each is the comment's start line plus its own offset.
      const before = comment.value.slice(0, match.index);
      const line = comment.range.start.line + (before.match(/\n/g)?.length ?? 0);
      out.push({ kind: match[1] as Kind, rules, offset: comment.range.start.offset + (match.index ?? 0), line, endLine: line + (match[0].match(/\n/g)?.length ?? 0) });
    }
  }
  return out;
}

function applies(d: Directive, ruleId: string): boolean {
  return d.rules.length === 0 || d.rules.includes(ruleId);
}

/** Drop findings silenced by inline comments. `fatal` cannot be silenced. */
export function filterDisabled(doc: RunbookDocument, findings: Finding[]): Finding[] {
  const directives = parseDirectives(doc);
  if (directives.length === 0) return findings;
  return findings.filter((f) => f.ruleId === 'fatal' || !isDisabled(directives, f));
}

function isDisabled(directives: Directive[], f: Finding): boolean {
  const line = f.range.start.line;
  let disabled = false;
  for (const d of directives) {
    if (!applies(d, f.ruleId)) continue;
    if (d.kind === 'disable-file') return true;
    if (d.kind === 'disable-next-line' && d.endLine + 1 === line) return true;
    if (d.kind === 'disable-line' && d.line <= line && line <= d.endLine) return true;
    if (d.offset <= f.range.start.offset) {
      if (d.kind === 'disable') disabled = true;
      else if (d.kind === 'enable') disabled = false;
    }
  }
  return disabled;
}

/**
 * A fix that silences one finding with the least intrusive comment that works at its place:
 * front matter and document-level findings need `disable-file` (HTML comments cannot go inside YAML);
 * findings inside a table or list get a disable/enable pair around the block (a comment line would
 * split a table); anything else gets `disable-next-line`.
 */
export function disableFix(doc: RunbookDocument, finding: Finding): Fix {
  const eol = detectEol(doc.text);
  const rule = finding.ruleId;
  const fm = doc.frontmatter?.range;
  const offset = finding.range.start.offset;
  const inFrontmatter = fm && offset <= fm.end.offset;
  const documentLevel = finding.range.start.line === 1 && (!doc.title || doc.title.range.start.line !== 1);
  if (inFrontmatter || documentLevel) {
    const at = fm ? fm.end.offset : 0;
    const text = fm ? `${eol}${eol}<!-- runbook-lint-disable-file ${rule} -->` : `<!-- runbook-lint-disable-file ${rule} -->${eol}${eol}`;
    return { title: `Disable ${rule} for this file`, edits: [{ start: at, end: at, newText: text }] };
  }
  const block = doc.root.children.find((n) => {
    const s = n.position?.start.offset ?? 0;
    const e = n.position?.end.offset ?? 0;
    return s <= offset && offset <= e;
  });
  if (block && (block.type === 'table' || block.type === 'list' || block.type === 'blockquote') && block.position!.start.line !== finding.range.start.line) {
    const s = block.position!.start.offset!;
    const e = block.position!.end.offset!;
    return {
      title: `Disable ${rule} for this ${block.type === 'table' ? 'table' : 'block'}`,
      edits: [
        { start: s, end: s, newText: `<!-- runbook-lint-disable ${rule} -->${eol}${eol}` },
        { start: e, end: e, newText: `${eol}${eol}<!-- runbook-lint-enable ${rule} -->` },
      ],
    };
  }
  const lineStart = doc.lines.lineStart(finding.range.start.line);
  const indent = /^[ \t]*/.exec(doc.text.slice(lineStart))![0];
  return { title: `Disable ${rule} for this line`, edits: [{ start: lineStart, end: lineStart, newText: `${indent}<!-- runbook-lint-disable-next-line ${rule} -->${eol}` }] };
}
