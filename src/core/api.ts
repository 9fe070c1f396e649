/**
 * The public API of runbook-lint, in the manner of vscode-markdown-languageservice: one factory
 * over an injected host, no file system or editor of its own. This module is the package's
 * `exports["."]`; everything else in src/core is internal and may change between versions.
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
import { ConfigResolver, type ResolvedSettings, type ResolveOptions } from './config/resolver.js';
import type { ResolverHost } from './config/host.js';
import { ResolveError, type ConfigProblem } from './config/problems.js';
import { lintText } from './lint.js';
import { applyFixes } from './fix.js';
import { builtinRules } from './rules/index.js';
import type { Finding, RuleMeta } from './types.js';

export type { ResolverHost, ConfigProblem, Finding, RuleMeta };
export { ResolveError };
export { memoryHost, emptyHost } from './config/host.js';
export { BUILTIN_SCHEMA_ID } from './schema.js';

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
  /** A schema that wins over every config (as the CLI's `--schema`), relative to `baseDir`. */
  schema?: { value: string; baseDir?: string };
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

/** A linter bound to one host; caches configs and schemas until {@link Linter.invalidate}. */
export interface Linter {
  /**
   * Lint a runbook's text as the file at `path` (which decides the config and schema).
   * Rejects with a {@link ResolveError} when its config or schema cannot be used.
   */
  lint(path: string, text: string, options?: { now?: Date }): Promise<LintOutcome>;
  /** The text with every available fix applied (several passes, as `--fix`), and what remains. */
  fix(path: string, text: string, options?: { now?: Date }): Promise<{ text: string; outcome: LintOutcome }>;
  /** Forget cached configs and schemas (files changed on disk). */
  invalidate(): void;
  /** Id, default severity, description, docs and options of every rule. */
  readonly rules: readonly RuleMeta[];
}

const MAX_FIX_PASSES = 10;

/** Create a {@link Linter} over a host. */
export function createLinter(options: LinterOptions): Linter {
  const resolver = new ConfigResolver({ host: options.host, trusted: options.trusted, configFile: options.configFile, configFileOrigin: 'configFile option' });
  const resolveOptions = (text: string): ResolveOptions => ({
    runbookText: text,
    schemaOverride: options.schema ? { value: options.schema.value, baseDir: options.schema.baseDir, origin: 'schema option' } : undefined,
  });
  const outcome = (settings: ResolvedSettings, findings: Finding[]): LintOutcome => ({
    findings,
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
    schemaLabel: settings.schemaChoice.label,
    schemaWhy: settings.schemaChoice.why,
    sources: settings.merged.sources,
  });
  return {
    async lint(path, text, lintOptions = {}) {
      const settings = await resolver.resolve(path, resolveOptions(text));
      const result = lintText(text, { schema: settings.schema.compiled, ruleConfigs: settings.ruleConfigs, now: lintOptions.now });
      return outcome(settings, result.findings);
    },
    async fix(path, text, lintOptions = {}) {
      const settings = await resolver.resolve(path, resolveOptions(text));
      const run = (t: string) => lintText(t, { schema: settings.schema.compiled, ruleConfigs: settings.ruleConfigs, now: lintOptions.now });
      const bom = text.charCodeAt(0) === 0xfeff;
      let current = bom ? text.slice(1) : text;
      let result = run(current);
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const fixed = applyFixes(current, result.findings);
        if (fixed.applied.length === 0 || fixed.text === current) break;
        current = fixed.text;
        result = run(current);
      }
      return { text: (bom ? '\ufeff' : '') + current, outcome: outcome(settings, result.findings) };
    },
    invalidate: () => resolver.invalidate(),
    rules: builtinRules.map((r) => r.meta),
  };
}
