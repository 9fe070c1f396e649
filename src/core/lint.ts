import { DEFAULT_MAX_BYTES } from './limits.js';
import { MAX_INLINE_DELIMITERS, parseRunbook, type PieceCache, type PlainBlock } from './parse.js';
import { buildDocument, type RunbookDocument } from './model.js';
import type { CompiledSchema } from './schema.js';
import { reportMessage, type Rule, type RuleContext } from './rule.js';
import type { Finding, RuleConfig, Severity } from './types.js';
import { validateModel } from './validate.js';
import { filterDisabled } from './disable.js';
import { LineIndex } from './text.js';
import { builtinRules } from './rules/index.js';
import { resolveRuleConfigs } from './config.js';
import { everySegment, scanText, type ScanMemo } from './scan-memo.js';

export interface LintOptions {
  schema: CompiledSchema;
  /** Resolved rule settings (see resolveRuleConfigs); defaults when omitted. */
  ruleConfigs?: Map<string, RuleConfig>;
  rules?: readonly Rule[];
  now?: Date;
  /** Files larger than this are not parsed (a `fatal` finding says why). */
  maxBytes?: number;
  /**
   * The parsed pieces of an earlier version of this document (an editor's incremental re-lint):
   * only the pieces an edit changed are parsed again. The result is the same as without it.
   */
  pieces?: PieceCache;
}

export interface LintResult {
  findings: Finding[];
  /** The parsed runbook (absent when the text could not be parsed). */
  doc?: RunbookDocument;
  /** The text started with a byte-order mark, which was removed before parsing (offsets exclude it). */
  bom: boolean;
  errorCount: number;
  warningCount: number;
}

export { DEFAULT_MAX_BYTES };

const defaultConfigs = new WeakMap<readonly Rule[], Map<string, RuleConfig>>();

/** Lint one in-memory document. Never throws: anything unexpected becomes a `fatal` finding. */
export function lintText(input: string, options: LintOptions): LintResult {
  const bom = input.charCodeAt(0) === 0xfeff;
  const text = bom ? input.slice(1) : input;
  const rules = options.rules ?? builtinRules;
  try {
    const refusal = refuse(text, options.maxBytes ?? DEFAULT_MAX_BYTES, options.pieces?.scans);
    if (refusal) return result([refusal], undefined, bom);
    const parsed = parseRunbook(text, options.pieces);
    const doc = buildDocument(text, parsed.root, options.schema.info);
    let configs = options.ruleConfigs;
    if (!configs) {
      configs = defaultConfigs.get(rules) ?? resolveRuleConfigs(rules);
      defaultConfigs.set(rules, configs);
    }
    const scans = options.pieces?.scans;
    let findings: Finding[];
    try {
      findings = runRules(doc, options.schema, rules, configs, options.now ?? new Date(), scans);
    } finally {
      scans?.endLint();
    }
    for (const block of parsed.plainBlocks) findings.push(plainBlockFinding(doc.lines, block));
    return result(sortFindings(filterDisabled(doc, findings)), doc, bom);
  } catch (error) {
    return result([fatal(`runbook-lint could not process this file: ${errorMessage(error)}`, new LineIndex(text).lineRange(1))], undefined, bom);
  }
}

function runRules(doc: RunbookDocument, schema: CompiledSchema, rules: readonly Rule[], configs: Map<string, RuleConfig>, now: Date, scans: ScanMemo | undefined): Finding[] {
  const schemaErrors = validateModel(doc, schema);
  const findings: Finding[] = [];
  const scan: RuleContext['scanText'] = (scanner, text) => scanText(scans, scanner, text);
  for (const rule of rules) {
    const config = configs.get(rule.meta.id);
    if (!config || config.severity === 'off') continue;
    const configured: Severity = config.severity;
    let listed = 0;
    let unlisted: { count: number; severity: Severity; range: Finding['range'] } | undefined;
    const context: RuleContext = {
      doc, schema, schemaErrors, options: config.options, now, scanText: scan,
      report: (r) => {
        const severity: Severity = configured === 'warning' || r.severity === 'warning' ? 'warning' : 'error';
        if (listed >= MAX_FINDINGS_PER_RULE) {
          unlisted ??= { count: 0, severity, range: r.range };
          unlisted.count++;
          if (severity === 'error') unlisted.severity = 'error';
          return;
        }
        listed++;
        const message = reportMessage(rule.meta, r);
        findings.push({ ruleId: rule.meta.id, severity, message, range: r.range, ...(r.fix ? { fix: r.fix } : {}), ...(r.data ? { data: r.data } : {}), ...(r.messageId ? { messageId: r.messageId } : {}) });
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      // One broken rule must not hide the others' findings.
      findings.push(fatal(`Rule "${rule.meta.id}" failed: ${errorMessage(error)}`, doc.lines.lineRange(1)));
    }
    if (unlisted) findings.push(unlistedFinding(rule.meta.id, unlisted));
  }
  return findings;
}

/**
 * Findings one rule lists per file. A generated or hostile file (a 100,000-row table of contacts
 * without a method) would otherwise hold hundreds of thousands of findings in memory and in the
 * report; past this many, one finding says how many more there are.
 */
export const MAX_FINDINGS_PER_RULE = 1000;

function unlistedFinding(ruleId: string, unlisted: { count: number; severity: Severity; range: Finding['range'] }): Finding {
  const more = unlisted.count.toLocaleString('en-US');
  return {
    ruleId,
    severity: unlisted.severity,
    message: `${more} more "${ruleId}" ${unlisted.count === 1 ? 'finding' : 'findings'} in this file, from this line on, are not listed: runbook-lint lists at most ${MAX_FINDINGS_PER_RULE.toLocaleString('en-US')} per rule and file.`,
    range: unlisted.range,
    data: { unlisted: unlisted.count },
  };
}

/** Say so when a block was read without its inline markup (parse.ts: parseRunbook). */
function plainBlockFinding(lines: LineIndex, block: PlainBlock): Finding {
  const first = lines.point(block.start).line;
  const last = lines.point(block.end).line;
  return fatal(
    `${first === last ? `Line ${first}` : `Lines ${first}-${last}`}: ${block.delimiters.toLocaleString('en-US')} emphasis, link or code delimiters in one paragraph (more than ${MAX_INLINE_DELIMITERS.toLocaleString('en-US')}); runbook-lint read it as plain text, without its formatting and links (the Markdown parser's time grows quadratically with them). The rest of the file was checked.`,
    lines.range(block.start, lines.lineEnd(first)),
  );
}

/** Whatever was thrown (an Error, a string, null), as text; never throws itself. */
function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error) return error.message;
    return String(error);
  } catch {
    return 'unknown error';
  }
}

/** Binary and oversized input are refused up front, with a message that says why. */
function refuse(text: string, maxBytes: number, scans: ScanMemo | undefined): Finding | undefined {
  // UTF-16 length is a cheap lower bound of the UTF-8 size; good enough for a guard.
  if (text.length > maxBytes) {
    return fatal(`File is ${(text.length / 1048576).toFixed(1)} MB; runbook-lint skips files over ${(maxBytes / 1048576).toFixed(0)} MB (a runbook that large cannot be read in an outage).`, { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } });
  }
  // The checks below look at one line at a time (a delimiter run holds no line break): the text
  // passes them when every segment does, and an editor's re-lint checks only the segments it changed.
  if (scans && everySegment(scans, 'lint-guards', text, (segment) => !findDeepNesting(segment, MAX_NESTING) && !LONG_DELIMITER_RUN.test(segment) && !segment.includes('\0'))) return undefined;
  const deep = findDeepNesting(text, MAX_NESTING);
  if (deep) {
    return fatal(`Lists or block quotes nest ${deep.depth}+ levels deep at line ${deep.line}; runbook-lint stops at ${MAX_NESTING} levels (the Markdown parser slows down sharply past that, and no runbook needs it).`, deep.range);
  }
  const run = LONG_DELIMITER_RUN.exec(text);
  if (run) {
    const at = new LineIndex(text.slice(0, run.index + 1)).point(run.index);
    return fatal(`A run of 1,000 or more "${run[1]}" characters at line ${at.line}, column ${at.column}; runbook-lint does not parse such runs (the Markdown parser's time grows quadratically with them, and no runbook needs one).`, { start: at, end: at });
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const lines = new LineIndex(text.slice(0, nul + 1));
    const at = lines.point(nul);
    return fatal(`File looks binary (NUL byte at line ${at.line}, column ${at.column}); expected Markdown text.`, { start: at, end: at });
  }
  return undefined;
}

/** Emphasis and link delimiters are matched pairwise by the parser; thousands in a row take minutes. */
const LONG_DELIMITER_RUN = /([*_[\]~`])\1{999}/;

/** Real runbooks nest a handful of levels; the parser's cost grows quadratically with depth. */
export const MAX_NESTING = 100;

/**
 * A cheap per-line estimate of container depth: block-quote markers, bullet and ordered (`1.`, `1)`)
 * list markers, and the indentation before them (two columns per level; the one space that belongs
 * to a marker does not count). Indentation alone (code, ASCII art) never counts.
 */
function findDeepNesting(text: string, limit: number): { depth: number; line: number; range: Finding['range'] } | undefined {
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lineStart = i;
    let depth = 0;
    let columns = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32) columns++;
      else if (c === 9) columns += 4;
      else if (c === 62) depth++; // '>'
      else if ((c === 45 || c === 42 || c === 43) && isBlank(text.charCodeAt(i + 1))) {
        depth++; // '-', '*', '+' and its space
        i++;
      } else if (c >= 48 && c <= 57) {
        // Ordered marker: up to 9 digits, then '.' or ')' and a space.
        let j = i;
        while (j < n && j - i < 10 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        const d = text.charCodeAt(j);
        if (j - i > 9 || (d !== 46 && d !== 41) || !isBlank(text.charCodeAt(j + 1))) break;
        depth++;
        i = j + 1;
      } else break;
      if (c === 62 && isBlank(text.charCodeAt(i + 1))) i++; // '>' and its optional space
      i++;
      if (depth > 0 && depth + (columns >> 1) > limit) {
        const point = { line, column: i - lineStart + 1, offset: i };
        return { depth: limit, line, range: { start: { line, column: 1, offset: lineStart }, end: point } };
      }
    }
    // Next line: LF, CRLF or a lone CR (CommonMark line endings; LineIndex counts them the same way).
    let next = i;
    while (next < n && text.charCodeAt(next) !== 10 && text.charCodeAt(next) !== 13) next++;
    if (next >= n) break;
    i = next + (text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1);
    line++;
  }
  return undefined;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

export function fatal(message: string, range: Finding['range']): Finding {
  return { ruleId: 'fatal', severity: 'error', message, range };
}

/**
 * Position order; ties keep the order rules reported them (a stable sort), which is deterministic
 * and lets fixes inserted at one offset (several missing sections) apply in schema order.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
}

function result(findings: Finding[], doc: RunbookDocument | undefined, bom: boolean): LintResult {
  let errorCount = 0;
  for (const f of findings) if (f.severity === 'error') errorCount++;
  return { findings, doc, bom, errorCount, warningCount: findings.length - errorCount };
}
