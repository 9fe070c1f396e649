/**
 * The public API of runbook-lint, in the manner of vscode-markdown-languageservice: one factory
 * over an injected host, no file system or editor of its own. This module is the package's
 * `exports["."]`; everything else in src/core is internal and may change between versions (tests
 * import those modules directly). The CLI, the language server, the editor features and the
 * VS Code extension use only this module (test/core/api-boundary.test.ts).
 *
 * Two levels:
 * - by path ({@link Linter.lint}, {@link Linter.fix}): config and schema resolved for you;
 * - resolve once, then lint many texts synchronously ({@link Linter.resolve} →
 *   {@link Linter.prepare} → {@link Linter.lintText} / {@link Linter.fixText}), which is what a
 *   front end does on every keystroke or in a worker thread ({@link PortableSettings}).
 *
 * @example
 * ```ts
 * import { createLinter } from 'runbook-lint';
 * import { readFile, stat } from 'node:fs/promises';
 *
 * const linter = createLinter({
 *   host: {
 *     readFile: (path) => readFile(path, 'utf8'),
 *     stat: async (path) => { try { const s = await stat(path); return { type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other' }; } catch { return undefined; } },
 *   },
 * });
 * const { findings, schemaWhy } = await linter.lint('/repo/runbooks/payments.md', text);
 * ```
 * @packageDocumentation
 */
import type { SchemaChoice } from './config/resolver.js';
import { createResolver, preparedOf } from './resolve-api.js';
import type { ResolverHost } from './config/host.js';
import { ResolveError, type ConfigProblem } from './config/problems.js';
import { fatal, lintText as coreLint, type LintResult } from './lint.js';
import { LineIndex } from './text.js';
import { applyFixes as coreApplyFixes, sectionMarkdown } from './fix.js';
import { disableFix as coreDisableFix } from './disable.js';
import { resolveRuleConfigs } from './config.js';
import { builtinRules } from './rules/index.js';
import type { SchemaPayload } from './schemas/load.js';
import { compilePayload } from './schemas/compile.js';
import { snippetToText } from './snippet.js';
import { buildDocument } from './model.js';
import { parseMarkdown, PieceCache } from './parse.js';
import { headingReport, explainSection, sectionAtHeadingLine, type HeadingReport } from './sections/report.js';
import { describeRecognition, recogniser } from './sections/recognise.js';
import { buildChecklistView, renderExportHtml, type ChecklistView } from './checklist/index.js';
import type { CompiledSchema, FrontmatterKeySpec, SchemaInfo, SectionSpec } from './schema.js';
import type { RunbookDocument, SectionNode } from './model.js';
import type { Finding, Fix, Point, Range, RuleConfig, RuleMeta, RuleSetting, Severity, TextEdit } from './types.js';

export type { ResolverHost, ConfigProblem, Finding, Fix, TextEdit, Point, Range, Severity, RuleMeta, RuleSetting, RuleConfig };
export type { LintResult, SchemaPayload, SchemaInfo, SectionSpec, FrontmatterKeySpec, HeadingReport, ChecklistView, RunbookDocument, SectionNode };
export { ResolveError };
export { createResolver, createGlobSet, type ConfigResolution } from './resolve-api.js';
export { slugify } from './text.js';
export { builtinRuleMetas } from './rules/metas.js';
export { memoryHost, emptyHost } from './config/host.js';
export { BUILTIN_SCHEMA_ID, schemaCompileCount } from './schema.js';
export { CONFIG_NAMES, BUILTIN_SCHEMA_LABEL } from './config/resolver.js';
export { ALWAYS_IGNORED } from './config/globs.js';
export { DEFAULT_MAX_BYTES } from './lint.js';
export { PROJECT_URL, docsUrl, ruleDocsUrl } from './docs-links.js';
export { RUNBOOK_SCHEMA_KEY } from './schemas/runbook-schema-key.js';
/** 1-based line/column ↔ 0-based offset of a text, as findings count them (`\n`, `\r\n` and `\r` end lines). */
export { LineIndex } from './text.js';
/**
 * The checklist panel's pure pieces: its HTML shell (strict CSP with a nonce), a drill's state and
 * its run log. The panel's webview script re-renders the same view with src/core/checklist.
 */
export { renderPanelHtml, startDrill, toggleDrillItem, formatRunLog, escapeHtml, type DrillState } from './checklist/index.js';

/** A schema named outside config files (the CLI's `--schema`, the editor's `runbookLint.schema`). */
export interface SchemaOption {
  /** `runbook-lint:continuity`, a path relative to `baseDir`, or an absolute path. */
  value: string;
  /** Folder a relative `value` is resolved from. */
  baseDir?: string;
  /** Named in reasons and problems, e.g. `--schema flag` (default `schema option`). */
  origin?: string;
  /** A shorter name for problems, e.g. `--schema`. */
  name?: string;
}

/** Options of {@link createLinter}. */
export interface LinterOptions {
  /** File access for configs and schemas (paths: absolute POSIX paths or `scheme://authority/path`). */
  host: ResolverHost;
  /**
   * `false` for untrusted content (Restricted Mode): no config or schema file is read, the
   * bundled schema and default rules apply, and `runbook_schema` in front matter is ignored.
   * Default `true`.
   */
  trusted?: boolean;
  /** Use this config file for every runbook instead of discovering the nearest one. */
  configFile?: string;
  /** Named in reasons when `configFile` is set, e.g. `--config flag` (default `configFile option`). */
  configFileOrigin?: string;
  /** A schema that wins over every config (as the CLI's `--schema`), relative to `baseDir`. */
  schema?: SchemaOption;
}

/** Per-file options of {@link Linter.resolve}: what an editor knows that a config file does not. */
export interface ResolveFileOptions {
  /** The runbook's text (or its head), so its front matter `runbook_schema` can choose the schema. */
  text?: string;
  /** `false`: do not look for config files (untitled documents, schemes without a file system). */
  discover?: boolean;
  /** A schema used when the config names none (the editor's `runbookLint.schema` setting). */
  schemaFallback?: SchemaOption;
  /** Rule settings layered over the config's (the editor's `runbookLint.rules`); ignored when untrusted. */
  extraRules?: { settings: Record<string, RuleSetting>; origin: string };
}

/** Glob patterns from a config, the folder they are relative to, and a matcher. */
export interface GlobSet {
  dir: string;
  globs: readonly string[];
  /** Whether an absolute path matches one of the globs. */
  matches(path: string): boolean;
}

/** The config in force for a file, without its schema: what a file walker needs. */
export interface ConfigScope {
  /** The nearest config file (or the forced one). */
  file: string;
  /** Its folder. */
  dir: string;
  /** `include` in force (perhaps inherited from a parent folder's config), if any. */
  include?: GlobSet;
  /** `ignore` in force, if any (`node_modules` and `.git` are always ignored besides; see {@link ALWAYS_IGNORED}). */
  ignore?: GlobSet;
  /** The merged `schema` value, if any config sets one. */
  schema?: string;
  /** The merged rule settings, as written. */
  rules: Record<string, RuleSetting>;
}

/** The schema in force for a file, and why. */
export interface SchemaInUse {
  /** `runbook-lint:continuity` or the schema file's path. */
  ref: string;
  /** The value as written (`./schemas/alert.schema.json`), or `runbook-lint:continuity`. */
  value: string;
  /** Where it was named. */
  source: SchemaChoice['source'];
  /** The config file that named it or that was found without a `schema` key. */
  configFile?: string;
  /** E.g. `"schema" in teams/.runbook-lint.json`, `--schema flag`, `default: no config found`. */
  why: string;
  /** `built-in runbook-lint:continuity` or the display path of the schema file. */
  label: string;
  /** Every file read: the schema and the local files it `$ref`s (to watch them). */
  files: readonly string[];
  /** Hash of the schema and every file it `$ref`s. */
  hash: string;
  /** Sections, front-matter keys and snippets the schema declares (completion, hover, templates). */
  info: SchemaInfo;
}

/** Everything that applies to one file, from {@link Linter.resolve}. */
export interface FileSettings {
  /** The config in force, if any. */
  config?: ConfigScope;
  configSource: 'discovered' | 'forced' | 'none';
  schema: SchemaInUse;
  /** Rule settings as written (configs, then extra rules). */
  ruleSettings: Record<string, RuleSetting>;
  /** Severity and options of every rule, defaults merged. */
  ruleConfigs: ReadonlyMap<string, RuleConfig>;
  /** Every config file that contributed, in merge order, and what it set. */
  sources: Array<{ file: string; via: string; set: string[] }>;
  /** True/false when a config has `include` globs, undefined when none does. */
  isIncluded(path: string): boolean | undefined;
  /** `node_modules`, `.git`, or the config's `ignore` globs. */
  isIgnored(path: string): boolean;
  /** Identity of schema + rules, for caches. */
  key: string;
  /** The same settings as plain data (structured-clone safe), to lint in a worker thread. */
  portable: PortableSettings;
}

/** {@link FileSettings} as plain data: what a worker thread needs to lint under them. */
export interface PortableSettings {
  schema: SchemaPayload;
  rules: Record<string, RuleSetting>;
}

/** Settings compiled for synchronous linting ({@link Linter.prepare}); reuse it for many texts. */
export interface PreparedSettings {
  readonly info: SchemaInfo;
  readonly ruleConfigs: ReadonlyMap<string, RuleConfig>;
  /** @internal */
  readonly compiled: CompiledSchema;
}

/** Options of one lint. */
export interface LintTextOptions {
  /** "Today" for review-date rules (default: now). */
  now?: Date;
  /**
   * The parsed pieces of this document's earlier lints ({@link Linter.documentPieces}): only the
   * pieces an edit touched are parsed again. The findings are exactly those of a lint without it.
   */
  pieces?: DocumentPieces;
}

/**
 * One document's parsed Markdown pieces, kept between its lints for an editor's incremental
 * re-lint ({@link LintTextOptions.pieces}). One per open document; it holds trees in proportion
 * to the document's text. Only {@link Linter.documentPieces} makes them.
 */
export interface DocumentPieces {
  /** Pieces the last lint parsed, reused in place and shifted (moved by an edit, not re-parsed). */
  readonly lastStats: { readonly parsed: number; readonly reused: number; readonly shifted: number };
}

/** What {@link Linter.fixText} produced. */
export interface FixTextResult {
  /** The fixed text (a BOM kept if the input had one). */
  text: string;
  /** Whether any fix changed the text. */
  changed: boolean;
  /** The lint of the fixed text (what remains). */
  result: LintResult;
}

/** What linting one runbook produced. */
export interface LintOutcome {
  /** Findings in document order; 1-based lines and columns, 0-based offsets. */
  findings: Finding[];
  errorCount: number;
  warningCount: number;
  /** The schema in force: `built-in runbook-lint:continuity` or the schema file's path as displayed by the host. */
  schemaLabel: string;
  /** Why that schema applies, e.g. `"schema" in /repo/.runbook-lint.json (overrides[0])`. */
  schemaWhy: string;
  /** Every config file that contributed, in merge order, and what it set. */
  sources: Array<{ file: string; via: string; set: string[] }>;
}

/** What a heading is, for a hover: its schema section (if any) and why. */
export interface HeadingExplanation {
  /** The schema section the heading is (or continues), if any. */
  spec?: SectionSpec;
  /** Why the heading is, or is not, a schema section, in one sentence; undefined when nothing is known. */
  why?: string;
}

/** A linter bound to one host; caches configs and schemas until {@link Linter.invalidate}. */
export interface Linter {
  /**
   * Lint a runbook's text as the file at `path` (which decides the config and schema).
   * Rejects with a {@link ResolveError} when its config or schema cannot be used.
   */
  lint(path: string, text: string, options?: LintTextOptions): Promise<LintOutcome>;
  /** The text with every available fix applied (several passes, as `--fix`), and what remains. */
  fix(path: string, text: string, options?: LintTextOptions): Promise<{ text: string; outcome: LintOutcome }>;
  /**
   * Config, schema (and why) and rule settings for the file at `path`. Rejects with a
   * {@link ResolveError} (file, line, column, message) when a config or schema cannot be used.
   */
  resolve(path: string, options?: ResolveFileOptions): Promise<FileSettings>;
  /** The config in force for a file without loading its schema (for walking folders); undefined when none. */
  configFor(path: string): Promise<ConfigScope | undefined>;
  /** Compile settings for {@link Linter.lintText}; from plain data it compiles the schema (a {@link ResolveError} if it does not). */
  prepare(settings: FileSettings | PortableSettings): PreparedSettings;
  /** Parsed-piece storage for one document's incremental re-lints ({@link LintTextOptions.pieces}). */
  documentPieces(): DocumentPieces;
  /** Lint one text synchronously. Never throws: anything unexpected is a `fatal` finding. */
  lintText(text: string, settings: PreparedSettings, options?: LintTextOptions): LintResult;
  /** Apply every fix, re-linting between passes (at most 10), keeping a BOM. */
  fixText(text: string, settings: PreparedSettings, options?: LintTextOptions): FixTextResult;
  /**
   * A lint result for a runbook whose config or schema cannot be used: one `fatal` finding on its
   * first line with `message` (where the CLI prints it and exits 2, an editor shows it on the file).
   */
  problemResult(text: string, message: string): LintResult;
  /** The `runbook_schema` value in a runbook's front matter, if any (part of a cache key: it can choose the schema). */
  schemaReference(text: string): string | undefined;
  /** Apply the fixes of these findings to `text` (BOM-less, as findings' offsets are); overlapping fixes are skipped. */
  applyFixes(text: string, findings: readonly Finding[]): { text: string; applied: Finding[]; skipped: Finding[] };
  /** A fix that adds a `<!-- runbook-lint-disable-next-line rule -->` comment for one finding. */
  disableFix(result: LintResult, finding: Finding): Fix | undefined;
  /** Every heading below the title with its section id and the reason (`--print-sections`). */
  headings(text: string, settings: PreparedSettings | SchemaInfo): { title: string | null; headings: HeadingReport[] };
  /**
   * What the heading at 1-based `line` (text `title`) is: from a lint's document when there is one,
   * else from the schema's recogniser alone (before the first lint).
   */
  explainHeading(info: SchemaInfo, line: number, title: string, result?: LintResult): HeadingExplanation;
  /** A section's Markdown (heading and its `x-snippet` template, tab stops as `[insert …]`). */
  sectionText(spec: SectionSpec, level: number, options?: { eol?: string; now?: Date }): string;
  /** A snippet body (VS Code syntax) as plain text: tab stops become `[insert …]`, dates are filled. */
  snippetText(body: readonly string[] | string, now?: Date): string;
  /** The checklist model of a lint (the editor's panel, the CLI's export). */
  checklist(result: LintResult, options?: { now?: Date; fallbackTitle?: string }): ChecklistView;
  /** A checklist as a standalone printable HTML page. */
  checklistHtml(view: ChecklistView, options: { source?: string; generatedAt: Date }): string;
  /** Every schema file read so far (to watch them). */
  schemaFiles(): Promise<string[]>;
  /** Forget cached configs and schemas (files changed on disk). */
  invalidate(): void;
  /** Id, default severity, description, docs and options of every rule. */
  readonly rules: readonly RuleMeta[];
}

const MAX_FIX_PASSES = 10;

/** Create a {@link Linter} over a host. */
export function createLinter(options: LinterOptions): Linter {
  const resolution = createResolver(options);
  const { resolve } = resolution;
  const preparedFor = new WeakMap<object, PreparedSettings>();

  const prepare = (settings: FileSettings | PortableSettings): PreparedSettings => {
    let hit = preparedOf(settings) ?? preparedFor.get(settings);
    if (!hit) {
      const portable = 'portable' in settings ? settings.portable : settings;
      const compiled = compilePayload(portable.schema);
      hit = { info: compiled.info, ruleConfigs: resolveRuleConfigs(builtinRules, portable.rules), compiled };
      preparedFor.set(settings, hit);
    }
    return hit;
  };

  const lintText = (text: string, settings: PreparedSettings, o: LintTextOptions = {}): LintResult =>
    coreLint(text, { schema: settings.compiled, ruleConfigs: settings.ruleConfigs as Map<string, RuleConfig>, now: o.now, pieces: o.pieces as PieceCache | undefined });

  const fixText = (text: string, settings: PreparedSettings, o: LintTextOptions = {}): FixTextResult => {
    let result = lintText(text, settings, o);
    const bom = result.bom;
    let current = bom ? text.slice(1) : text;
    let changed = false;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      if (!result.findings.some((f) => f.fix && f.ruleId !== 'fatal')) break;
      const fixed = coreApplyFixes(current, result.findings);
      if (fixed.applied.length === 0 || fixed.text === current) break;
      current = fixed.text;
      changed = true;
      result = lintText(current, settings, o);
    }
    return { text: (bom ? '\ufeff' : '') + current, changed, result };
  };

  const outcome = (s: FileSettings, findings: Finding[]): LintOutcome => ({
    findings,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
    schemaLabel: s.schema.label,
    schemaWhy: s.schema.why,
    sources: s.sources,
  });

  return {
    async lint(path, text, o = {}) {
      const s = await resolve(path, { text });
      return outcome(s, lintText(text, prepare(s), o).findings);
    },
    async fix(path, text, o = {}) {
      const s = await resolve(path, { text });
      const fixed = fixText(text, prepare(s), o);
      return { text: fixed.text, outcome: outcome(s, fixed.result.findings) };
    },
    resolve,
    configFor: resolution.configFor,
    prepare,
    documentPieces: () => new PieceCache(),
    lintText,
    fixText,
    problemResult(text, message) {
      const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      return { findings: [fatal(message, new LineIndex(body).lineRange(1))], bom: body !== text, errorCount: 1, warningCount: 0 };
    },
    schemaReference: resolution.schemaReference,
    applyFixes: (text, findings) => coreApplyFixes(text, findings as Finding[]),
    disableFix: (result, finding) => (result.doc ? coreDisableFix(result.doc, finding) : undefined),
    headings(text, settings) {
      const info = 'sections' in settings ? settings : settings.info;
      const body = text.replace(/^\uFEFF/, '');
      const doc = buildDocument(body, parseMarkdown(body), info);
      return { title: doc.title?.text ?? null, headings: headingReport(doc) };
    },
    explainHeading(info, line, title, result) {
      const doc = result?.doc;
      const node = doc ? sectionAtHeadingLine(doc, line) : undefined;
      // Before the first lint, the recogniser alone says which section the heading would be, and why.
      const match = node ? undefined : recogniser(info).matchHeading(title);
      const why = doc && node ? explainSection(doc, node) : match ? describeRecognition({ id: match.id, known: true, recognition: match.recognition }, info) : undefined;
      const id = node ? (node.known ? (node.duplicateOf?.id ?? node.id) : undefined) : match?.id;
      return { spec: id ? info.sectionById.get(id) : undefined, why };
    },
    sectionText: (spec, level, o = {}) => sectionMarkdown(spec, level, o.eol ?? '\n', o.now ?? new Date()),
    snippetText: (body, now) => snippetToText(body as string[] | string, now),
    checklist: (result, o = {}) => buildChecklistView(result, o),
    checklistHtml: (view, o) => renderExportHtml(view, o),
    schemaFiles: resolution.schemaFiles,
    invalidate: resolution.invalidate,
    rules: builtinRules.map((r) => r.meta),
  };
}

