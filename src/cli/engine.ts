/**
 * The lint engine's side of the CLI (rules, parser, schema compiler): the worker threads import it,
 * the main thread only when it lints something itself (src/cli/main.ts loadEngine), so a run served
 * wholly from the cache never loads it.
 */
import { createLinter, emptyHost, ResolveError, type Finding, type PreparedSettings } from '../core/api.js';
import { UsageError } from './errors.js';
import { fatalResult } from './fatal.js';
import { contentHash, readSource, type ReadResult } from './read.js';
import type { FileOutcome, FileResult, LintMessage, LintSettings } from './types.js';
import { writeFileAtomic, type WriteHooks } from './write.js';

export type { PreparedSettings };
export { schemaCompileCount } from '../core/api.js';
export { fatalResult };

/** Linting needs no files once settings are resolved (a worker has only their plain data). */
const engine = createLinter({ host: emptyHost });

/** The engine's linter, for the commands that render from a schema or a lint (print-sections, new, init, export). */
export const linter = engine;

const prepared = new Map<string, PreparedSettings>();

/**
 * Compile the built-in schema now (core keeps one compiled copy per thread): a worker does it
 * before its first file arrives, while the main thread is still resolving configs.
 */
export function prepareBuiltinSchema(): void {
  engine.prepare({ schema: { kind: 'builtin' }, rules: {} });
}

/** Compile settings once per thread (by key); a schema that does not compile is a UsageError (exit 2). */
export function prepareSettings(settings: LintSettings): PreparedSettings {
  let hit = prepared.get(settings.key);
  if (!hit) {
    try {
      hit = engine.prepare(settings);
    } catch (error) {
      if (error instanceof ResolveError) throw new UsageError(error.message);
      throw error;
    }
    prepared.set(settings.key, hit);
  }
  return hit;
}

/**
 * The result without the text of its fixes, for reports that never show them (all but json and
 * formatter modules): the fixable counts stay. Never cached (a cache entry must be whole).
 */
export function withoutFixTexts(result: FileResult): FileResult {
  if (!result.messages.some((m) => m.fix)) return result;
  return { ...result, messages: result.messages.map(({ fix: _fix, ...m }) => m) };
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



export interface LintFileOptions {
  fix: boolean;
  /** With `fix`: keep the fixed text in `result.output` instead of writing it (--fix-dry-run, --stdin). */
  dryRun?: boolean;
  now: Date;
  hooks?: WriteHooks;
}

/**
 * Read, lint and (with `fix`) repair one file. Never throws: read and decode problems become a
 * single `fatal` message. Fixing loops lint → fix → re-lint (the core's fixText), keeps
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
    const original = read.text;
    const strip = (t: string) => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
    if (!options.fix) return { result: toResult(filePath, engine.lintText(original, settings, { now: options.now }).findings, strip(original)), contentHash: contentHash(read.bytes) };
    const fixed = engine.fixText(original, settings, { now: options.now });
    const lint = fixed.result;
    const text = strip(fixed.text);
    if (!fixed.changed) return { result: toResult(filePath, lint.findings, text), contentHash: contentHash(read.bytes) };
    const output = fixed.text;
    // Dry run: the findings are those of the fixed text, so the result must not be cached for the bytes on disk.
    if (options.dryRun) return { result: { ...toResult(filePath, lint.findings, text), output } };
    const write = writeFileAtomic(filePath, read.bytes, output, options.hooks);
    if (!write.written) {
      // Report what is in the file we read, not a text that was never saved.
      const before = engine.lintText(original, settings, { now: options.now });
      return { result: toResult(filePath, before.findings, strip(original)), notices: [`${filePath}: fixes not written because ${write.reason}. Run --fix again.`] };
    }
    return { result: toResult(filePath, lint.findings, text), contentHash: contentHash(Buffer.from(output, 'utf8')), fixed: true };
  } catch (error) {
    return { result: fatalResult(filePath, `runbook-lint could not process this file: ${(error as Error).message ?? String(error)}`) };
  }
}
