/**
 * The part of the public API that resolves configs and schemas without the lint engine: no rule
 * code, Markdown parser or schema compiler is imported here, so a front end can find out which
 * settings apply to a file (and serve cached results: the CLI's warm `--cache` run) without loading
 * them. src/core/api.ts re-exports it; its {@link createLinter} builds on {@link createResolver}.
 */
import { ConfigResolver, type ResolvedSettings, type ResolveOptions } from './config/resolver.js';
import { globMatcher } from './config/globs.js';
import { runbookSchemaRef } from './schemas/runbook-schema-key.js';
import { builtinRuleMetas } from './rules/metas.js';
import type { ConfigScope, FileSettings, GlobSet, LinterOptions, PreparedSettings, ResolveFileOptions } from './api.js';
import type { RuleMeta } from './types.js';

// What a front end needs besides resolving, from modules that do not load the engine either.
export { builtinRuleMetas } from './rules/metas.js';
export { BUILTIN_SCHEMA_ID } from './schema-base.js';
export { DEFAULT_MAX_BYTES } from './limits.js';
export { ResolveError } from './config/problems.js';
export { emptyHost, memoryHost } from './config/host.js';
export { ALWAYS_IGNORED } from './config/globs.js';
export { CONFIG_NAMES, BUILTIN_SCHEMA_LABEL } from './config/resolver.js';
export { PROJECT_URL, docsUrl, ruleDocsUrl } from './docs-links.js';
export { LineIndex } from './text.js';

/** What {@link createResolver} returns: the resolving half of a {@link Linter}, with the same methods. */
export interface ConfigResolution {
  /** As {@link Linter.resolve}. */
  resolve(path: string, options?: ResolveFileOptions): Promise<FileSettings>;
  /** As {@link Linter.configFor}. */
  configFor(path: string): Promise<ConfigScope | undefined>;
  /** As {@link Linter.schemaReference}. */
  schemaReference(text: string): string | undefined;
  /** As {@link Linter.schemaFiles}. */
  schemaFiles(): Promise<string[]>;
  /** As {@link Linter.invalidate}. */
  invalidate(): void;
  /** As {@link Linter.rules}: id, default severity, description, docs and options of every rule. */
  readonly rules: readonly RuleMeta[];
}

/** Settings compiled on first use, for the FileSettings that resolve() handed out. */
const prepared = new WeakMap<object, PreparedSettings>();

/** @internal The prepared form of settings from {@link ConfigResolution.resolve} (compiling on first use). */
export function preparedOf(settings: object): PreparedSettings | undefined {
  return prepared.get(settings);
}

/**
 * A matcher for glob patterns relative to `dir` (absolute POSIX paths or `scheme://authority/path`),
 * with the config files' `include`/`ignore` semantics: for globs a front end adds of its own (the
 * editor's `runbookLint.include` setting).
 */
export function createGlobSet(dir: string, globs: readonly string[]): GlobSet {
  return { dir, globs, matches: globMatcher(dir, globs) };
}

function toGlobSet(set: { globs: string[]; from: { dir: string } } | undefined): GlobSet | undefined {
  if (!set || set.globs.length === 0) return undefined;
  return createGlobSet(set.from.dir, set.globs);
}

/** Resolve configs and schemas over a host, without the lint engine (see {@link createLinter} for linting). */
export function createResolver(options: LinterOptions): ConfigResolution {
  const resolver = new ConfigResolver({ host: options.host, trusted: options.trusted, configFile: options.configFile, configFileOrigin: options.configFileOrigin ?? 'configFile option' });
  const schemaOverride = options.schema ? { value: options.schema.value, baseDir: options.schema.baseDir, origin: options.schema.origin ?? 'schema option', name: options.schema.name } : undefined;
  const fileSettings = new WeakMap<ResolvedSettings, FileSettings>();
  const scopes = new Map<string, ConfigScope>();

  const scopeOf = (r: { config?: { file: string; dir: string }; merged: ResolvedSettings['merged'] }): ConfigScope | undefined => {
    if (!r.config) return undefined;
    const m = r.merged;
    // One matcher pair per config and include/ignore origin, not per file.
    const key = `${r.config.file}\u0000${m.include?.from.file ?? ''}\u0000${m.ignore?.from.file ?? ''}\u0000${m.schema?.value ?? ''}\u0000${JSON.stringify(m.rules)}`;
    let hit = scopes.get(key);
    if (!hit) {
      hit = { file: r.config.file, dir: r.config.dir, include: toGlobSet(m.include), ignore: toGlobSet(m.ignore), schema: m.schema?.value, rules: m.rules };
      scopes.set(key, hit);
    }
    return hit;
  };

  const publicSettings = (r: ResolvedSettings): FileSettings => {
    let hit = fileSettings.get(r);
    if (!hit) {
      const c = r.schemaChoice;
      hit = {
        config: scopeOf(r),
        configSource: r.configSource,
        // `info` compiles the schema (the built-in one lazily): only when asked, so a run whose
        // every file comes from the CLI's cache never compiles it.
        schema: {
          ref: c.ref,
          value: c.value,
          source: c.source,
          configFile: c.configFile,
          why: c.why,
          label: c.label,
          files: r.schema.files,
          hash: r.schema.hash,
          get info() {
            return r.schema.compiled.info;
          },
        },
        ruleSettings: r.ruleSettings,
        ruleConfigs: r.ruleConfigs,
        sources: r.merged.sources,
        isIncluded: r.isIncluded,
        isIgnored: r.isIgnored,
        key: r.key,
        portable: { schema: r.schema.payload, rules: r.ruleSettings },
      };
      prepared.set(hit, {
        get info() {
          return r.schema.compiled.info;
        },
        ruleConfigs: r.ruleConfigs,
        get compiled() {
          return r.schema.compiled;
        },
      });
      fileSettings.set(r, hit);
    }
    return hit;
  };

  const resolve = async (path: string, o: ResolveFileOptions = {}): Promise<FileSettings> => {
    const ro: ResolveOptions = {
      runbookText: o.text,
      discover: o.discover,
      schemaOverride,
      schemaFallback: o.schemaFallback ? { value: o.schemaFallback.value, baseDir: o.schemaFallback.baseDir, origin: o.schemaFallback.origin ?? 'schema setting', name: o.schemaFallback.name } : undefined,
      extraRules: o.extraRules,
    };
    return publicSettings(await resolver.resolve(path, ro));
  };

  return {
    resolve,
    async configFor(path) {
      return scopeOf(await resolver.mergedFor(path));
    },
    schemaReference: (text) => runbookSchemaRef(text)?.value,
    schemaFiles: () => resolver.schemaFiles(),
    invalidate: () => {
      resolver.invalidate();
      scopes.clear();
    },
    rules: builtinRuleMetas,
  };
}
