import { createHash } from 'node:crypto';
import { applyFixes, builtinRules, lintText, resolveRuleConfigs, type CompiledSchema, type Finding, type RuleConfig, type RuleSetting } from '../core/index.js';
import { readSource, type ReadResult } from './read.js';
import { compilePayload } from './schema-loader.js';
import type { FileOutcome, FileResult, LintMessage, LintSettings } from './types.js';
import { writeFileAtomic, type WriteHooks } from './write.js';

export const MAX_FIX_PASSES = 10;

/** A compiled form of LintSettings; built once per thread. */
export interface PreparedSettings {
  schema: CompiledSchema;
  ruleConfigs: Map<string, RuleConfig>;
}

const prepared = new Map<string, PreparedSettings>();

export function prepareSettings(settings: LintSettings): PreparedSettings {
  let hit = prepared.get(settings.key);
  if (!hit) {
    hit = { schema: compilePayload(settings.schema), ruleConfigs: resolveRuleConfigs(builtinRules, settings.rules as Record<string, RuleSetting>) };
    prepared.set(settings.key, hit);
  }
  return hit;
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** ESLint's fix shape: one replacement; several edits are merged with the text between them. */
function eslintFix(finding: Finding, text: string): LintMessage['fix'] {
  const edits = finding.fix?.edits;
  if (!edits || edits.length === 0) return undefined;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const start = sorted[0]!.start;
  let end = start;
  let out = '';
  for (const e of sorted) {
    if (e.start > end) out += text.slice(end, e.start);
    out += e.newText;
    end = Math.max(end, e.end);
  }
  return { range: [start, end], text: out };
}

export function toResult(filePath: string, findings: Finding[], text: string): FileResult {
  const result: FileResult = { filePath, errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, messages: [] };
  for (const f of findings) {
    const fix = eslintFix(f, text);
    const severity = f.severity === 'error' ? 2 : 1;
    const message: LintMessage = {
      ruleId: f.ruleId,
      severity,
      message: f.message,
      line: f.range.start.line,
      column: f.range.start.column,
      endLine: f.range.end.line,
      endColumn: f.range.end.column,
      ...(fix ? { fix } : {}),
    };
    result.messages.push(message);
    if (severity === 2) {
      result.errorCount++;
      if (fix) result.fixableErrorCount++;
    } else {
      result.warningCount++;
      if (fix) result.fixableWarningCount++;
    }
  }
  return result;
}

export function fatalResult(filePath: string, message: string, line = 1, column = 1): FileResult {
  return {
    filePath,
    errorCount: 1,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [{ ruleId: 'fatal', severity: 2, message, line, column, endLine: line, endColumn: column }],
  };
}


export interface LintFileOptions {
  fix: boolean;
  /** With `fix`: keep the fixed text in `result.output` instead of writing it (--fix-dry-run, --stdin). */
  dryRun?: boolean;
  now: Date;
  hooks?: WriteHooks;
}

/**
 * Read, lint and (with `fix`) repair one file. Never throws: read and decode problems become a
 * single `fatal` message. Fixing loops lint → applyFixes → re-lint (at most MAX_FIX_PASSES), keeps
 * the BOM and line endings, and writes atomically unless the file changed meanwhile.
 */
export function lintFile(filePath: string, settings: PreparedSettings, options: LintFileOptions): FileOutcome {
  try {
    return lintSource(filePath, readSource(filePath), settings, options);
  } catch (error) {
    return { result: fatalResult(filePath, `runbook-lint could not process this file: ${(error as Error).message ?? String(error)}`) };
  }
}

/** lintFile for text already read (a file, or standard input with `dryRun`). */
export function lintSource(filePath: string, read: ReadResult, settings: PreparedSettings, options: LintFileOptions): FileOutcome {
  try {
    if (!read.ok) return { result: fatalResult(filePath, read.message, read.line, read.column) };
    const lintOptions = { schema: settings.schema, ruleConfigs: settings.ruleConfigs, now: options.now };
    const original = read.text;
    let lint = lintText(original, lintOptions);
    const bom = lint.bom;
    const strip = (t: string) => (bom ? t.slice(1) : t);
    let text = strip(original);
    if (!options.fix) return { result: toResult(filePath, lint.findings, text), contentHash: contentHash(read.bytes) };

    let changed = false;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      if (!lint.findings.some((f) => f.fix && f.ruleId !== 'fatal')) break;
      const fixed = applyFixes(text, lint.findings);
      if (fixed.applied.length === 0 || fixed.text === text) break;
      text = fixed.text;
      changed = true;
      lint = lintText(text, lintOptions);
    }
    if (!changed) return { result: toResult(filePath, lint.findings, text), contentHash: contentHash(read.bytes) };
    const output = (bom ? '\ufeff' : '') + text;
    // Dry run: the findings are those of the fixed text, so the result must not be cached for the bytes on disk.
    if (options.dryRun) return { result: { ...toResult(filePath, lint.findings, text), output } };
    const write = writeFileAtomic(filePath, read.bytes, output, options.hooks);
    if (!write.written) {
      // Report what is in the file we read, not a text that was never saved.
      const before = lintText(original, lintOptions);
      return { result: toResult(filePath, before.findings, strip(original)), notices: [`${filePath}: fixes not written because ${write.reason}. Run --fix again.`] };
    }
    return { result: toResult(filePath, lint.findings, text), contentHash: contentHash(Buffer.from(output, 'utf8')), fixed: true };
  } catch (error) {
    return { result: fatalResult(filePath, `runbook-lint could not process this file: ${(error as Error).message ?? String(error)}`) };
  }
}
