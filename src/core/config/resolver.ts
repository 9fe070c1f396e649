/**
 * Which config, schema and rule settings apply to a file, and why (design §5): discovery of the
 * nearest `.runbook-lint.jsonc` / `.runbook-lint.json`, validation, rule merging, schema choice
 * with its reason, schema loading. Every file access goes through the injected host, so the CLI,
 * the editor (desktop and web) and the language server share this code.
 */
import { BUILTIN_SCHEMA_ID } from '../schema-base.js';
import { LineIndex } from '../text.js';
import { RUNBOOK_SCHEMA_KEY, runbookSchemaRef } from '../schemas/runbook-schema-key.js';
import { resolveRuleConfigs, type RunbookLintConfig } from '../config.js';
import { builtinRuleMetas } from '../rules/metas.js';
import type { RuleConfig, RuleSetting } from '../types.js';
import { builtinLoaded, loadSchemaFile, type LoadedSchema } from '../schemas/load.js';
import { globMatcher, isAlwaysIgnored } from './globs.js';
import { isFile, type ResolverHost } from './host.js';
import { nodeAt, parseJsonDoc, problemAt, type JsonDoc } from './json.js';
import { dirname, hasScheme, isAbsolute, joinPath } from './paths.js';
import { ResolveError } from './problems.js';
import { extendsError, extendsList, isPathEntry, mergeFor, ownContributions, resolvePackageConfig, type Contribution, type MergedSettings } from './layers.js';

/** Config file names, in order of preference within one folder. */
export const CONFIG_NAMES = ['.runbook-lint.jsonc', '.runbook-lint.json'] as const;

export const BUILTIN_SCHEMA_LABEL = `built-in ${BUILTIN_SCHEMA_ID}`;

/** One config file, parsed and validated. */
export interface LoadedConfig {
  file: string;
  dir: string;
  config: RunbookLintConfig;
  doc: JsonDoc;
}

/** A schema named outside config files: the CLI's --schema, the editor's runbookLint.schema setting. */
export interface SchemaSource {
  /** `runbook-lint:continuity`, a path relative to `baseDir`, or an absolute path / file URI. */
  value: string;
  baseDir?: string;
  /** Named in the reason, e.g. `--schema flag` or `setting runbookLint.schema`. */
  origin: string;
  /** Named in problems, when shorter than `origin` (e.g. `--schema`). */
  name?: string;
}

/** Why a schema applies: where it was named, in words for the status bar and --print-config. */
export interface SchemaChoice {
  /** `runbook-lint:continuity` or the schema file's path. */
  ref: string;
  /** The value as written (`./schemas/alert.schema.json`), or BUILTIN_SCHEMA_ID. */
  value: string;
  source: 'flag' | 'frontmatter' | 'config' | 'setting' | 'default' | 'untrusted';
  /** The config file that named it (source `config`) or that was found without a `schema` key. */
  configFile?: string;
  /** E.g. `"schema" in teams/.runbook-lint.json`, `--schema flag`, `default: no config found`. */
  why: string;
  /** `built-in runbook-lint:continuity` or the display path of the schema file. */
  label: string;
}

export interface ResolveOptions {
  /** Wins over every config (the CLI's --schema). */
  schemaOverride?: SchemaSource;
  /** Applies when the config names no schema (the editor's runbookLint.schema setting). */
  schemaFallback?: SchemaSource;
  /** Rule settings layered over the config's (the editor's runbookLint.rules setting). */
  extraRules?: { settings: Record<string, RuleSetting>; origin: string };
  /** false: do not look for config files (untitled documents, schemes without a file system). */
  discover?: boolean;
  /** The runbook's text (or its head), so a `runbook_schema` in its front matter can choose the schema. */
  runbookText?: string;
}

/** Everything that applies to one file. */
export interface ResolvedSettings {
  /** The config in force (nearest, or the one forced by `configFile`), if any. */
  config?: LoadedConfig;
  /** What applies to this file after extends, parent folders and overrides, and which file set what. */
  merged: MergedSettings;
  configSource: 'discovered' | 'forced' | 'none';
  schema: LoadedSchema;
  schemaChoice: SchemaChoice;
  /** Rule settings as written (config, then extra rules on top). */
  ruleSettings: Record<string, RuleSetting>;
  /** Severity and options of every rule, defaults merged. */
  ruleConfigs: Map<string, RuleConfig>;
  /** True/false when the config has include globs, undefined when it has none. */
  isIncluded(path: string): boolean | undefined;
  /** `node_modules`, `.git`, or the config's ignore globs. */
  isIgnored(path: string): boolean;
  /** The include globs in force and the folder they are relative to. */
  includeGlobs?: { dir: string; globs: string[] };
  /** Identity of schema + rules, for caches. */
  key: string;
}

export interface ResolverOptions {
  host: ResolverHost;
  /** Use this config file for every document instead of discovery (the CLI's --config). */
  configFile?: string;
  /** Named in reasons when `configFile` is set, e.g. `--config flag`. */
  configFileOrigin?: string;
  /** false: configs and schema files are never read; the bundled schema and default rules apply. */
  trusted?: boolean;
}

/** The rules as resolveRuleConfigs sees them: their metadata only (no rule code is loaded to resolve configs). */
const metaRules = builtinRuleMetas.map((meta) => ({ meta }));

/** The chain of files no config applies to. */
const NO_CONTRIBUTIONS: readonly Contribution[] = Object.freeze([]);

const UNTRUSTED_WHY = 'workspace not trusted: workspace configs, schemas and rule settings are ignored (Restricted Mode)';

/** Finds, loads, validates and caches configs and schemas. Problems are ResolveErrors. */
export class ConfigResolver {
  private readonly dirConfig = new Map<string, Promise<string | undefined>>();
  private readonly configs = new Map<string, Promise<LoadedConfig>>();
  private readonly schemas = new Map<string, Promise<LoadedSchema>>();
  private readonly chains = new Map<string, Promise<Contribution[]>>();
  private readonly layers = new Map<string, Promise<Contribution[]>>();
  /** resolve()'s results shared by files that resolve alike, by config chain (see resolve). */
  private alike = new WeakMap<readonly Contribution[], Map<string, ResolvedSettings>>();
  private readonly builtin = builtinLoaded();
  readonly host: ResolverHost;
  readonly trusted: boolean;

  constructor(readonly options: ResolverOptions) {
    this.host = options.host;
    this.trusted = options.trusted ?? true;
  }

  display(path: string): string {
    return this.host.displayPath?.(path) ?? path;
  }

  /** Forget every cached config and schema (files changed). */
  invalidate(): void {
    this.dirConfig.clear();
    this.configs.clear();
    this.schemas.clear();
    this.chains.clear();
    this.layers.clear();
    this.alike = new WeakMap();
  }

  /** Every schema file read so far (to watch them). */
  async schemaFiles(): Promise<string[]> {
    const out: string[] = [];
    for (const p of this.schemas.values()) {
      try {
        out.push(...(await p).files);
      } catch {
        // a schema that failed to load is reported where it is used
      }
    }
    return out;
  }

  /** Path of the nearest config file walking up from a folder, or undefined. */
  findConfigFile(dir: string): Promise<string | undefined> {
    let hit = this.dirConfig.get(dir);
    if (!hit) {
      hit = (async () => {
        for (const name of CONFIG_NAMES) {
          const candidate = joinPath(dir, name);
          if (await isFile(this.host, candidate)) return candidate;
        }
        const parent = dirname(dir);
        return parent === dir ? undefined : this.findConfigFile(parent);
      })();
      this.dirConfig.set(dir, hit);
    }
    return hit;
  }

  /** The config that applies to a file: the forced one, else the nearest; none when untrusted. */
  async configFor(file: string): Promise<LoadedConfig | undefined> {
    if (!this.trusted) return undefined;
    const path = this.options.configFile ?? (await this.findConfigFile(dirname(file)));
    return path === undefined ? undefined : this.loadConfig(path);
  }

  /** Read, parse and validate one config file. */
  loadConfig(file: string): Promise<LoadedConfig> {
    let hit = this.configs.get(file);
    if (!hit) {
      hit = (async () => {
        let text: string;
        try {
          text = await this.host.readFile(file);
        } catch (error) {
          throw new ResolveError('config', file, `Cannot read config file ${this.display(file)}: ${(error as Error).message}`);
        }
        const { doc, problems: syntax } = parseJsonDoc(file, text, { jsonc: true });
        const shown = (p: string) => this.display(p);
        if (syntax.length > 0) throw new ResolveError('config', file, `Config file ${this.display(file)} is not valid JSON (comments and trailing commas are allowed)`, syntax, shown);
        // Validation compiles the config schema with ajv: loaded with the first config file, not before.
        const { validateConfigDoc } = await import('./validate.js');
        const { config, problems } = validateConfigDoc(doc);
        if (!config) throw new ResolveError('config', file, `Invalid config file ${this.display(file)}`, problems, shown);
        return { file, dir: dirname(file), config, doc };
      })();
      this.configs.set(file, hit);
    }
    return hit;
  }

  /**
   * A config file's contributions with what it extends before it (recursively; later entries win,
   * its own keys last). `stack` holds the files being extended, to report cycles.
   */
  private layersOf(file: string, via: string, stack: readonly string[]): Promise<Contribution[]> {
    const key = `${file}\u0000${via}`;
    const cached = stack.length === 0 ? this.layers.get(key) : undefined;
    if (cached) return cached;
    const work = (async () => {
      const loaded = await this.loadConfig(file);
      const entries = extendsList(loaded.config);
      const isArray = Array.isArray(loaded.config.extends);
      const out: Contribution[] = [];
      for (const [i, entry] of entries.entries()) {
        let target: string | undefined;
        if (isPathEntry(entry)) {
          target = joinPath(loaded.dir, entry);
          if (!(await isFile(this.host, target))) throw extendsError(loaded.doc, i, isArray, `Extended config ${this.display(target)} does not exist ("extends" paths are relative to the config file).`, (p) => this.display(p));
        } else {
          const found = await resolvePackageConfig(this.host, entry, loaded.dir);
          if (!found.file) throw extendsError(loaded.doc, i, isArray, `Cannot find the shared config package "${entry}" from ${this.display(loaded.dir)} (looked for node_modules/${entry.split('/').slice(0, entry.startsWith('@') ? 2 : 1).join('/')} with a JSON "main" or a runbook-lint.json(c) at its root; install it with npm install --save-dev ${entry.split('/').slice(0, entry.startsWith('@') ? 2 : 1).join('/')}).`, (p) => this.display(p));
          target = found.file;
        }
        const chain = [...stack, file];
        if (chain.includes(target)) {
          throw extendsError(loaded.doc, i, isArray, `"extends" cycle: ${[...chain.slice(chain.indexOf(target)), target].map((f) => this.display(f)).join(' → ')}.`, (p) => this.display(p));
        }
        out.push(...(await this.layersOf(target, `extends of ${this.display(file)}`, chain)));
      }
      out.push(...ownContributions(file, loaded.doc, loaded.config, via));
      return out;
    })();
    if (stack.length === 0) this.layers.set(key, work);
    return work;
  }

  /** Every contribution for files under a config: parent folders' configs first (unless `root`), then its own layers. */
  private chainOf(file: string, via = 'config'): Promise<Contribution[]> {
    const key = `${file}\u0000${via}`;
    let hit = this.chains.get(key);
    if (!hit) {
      hit = (async () => {
        const own = await this.layersOf(file, via, []);
        const loaded = await this.loadConfig(file);
        if (loaded.config.root === true || this.options.configFile) return own;
        const parentDir = dirname(loaded.dir);
        const parent = parentDir === loaded.dir ? undefined : await this.findConfigFile(parentDir);
        return parent ? [...(await this.chainOf(parent, 'parent folder config')), ...own] : own;
      })();
      this.chains.set(key, hit);
    }
    return hit;
  }

  private loadSchema(path: string): Promise<LoadedSchema> {
    let hit = this.schemas.get(path);
    if (!hit) {
      hit = loadSchemaFile(this.host, path);
      this.schemas.set(path, hit);
    }
    return hit;
  }

  /** The config in force for a file and what applies to it after extends, parent folders and overrides. */
  async mergedFor(file: string, options: Pick<ResolveOptions, 'discover'> = {}): Promise<{ config?: LoadedConfig; merged: MergedSettings }> {
    const config = options.discover === false && !this.options.configFile ? undefined : await this.configFor(file);
    return { config, merged: config ? mergeFor(await this.chainOf(config.file), file) : { rules: {}, sources: [] } };
  }

  /**
   * Config, schema (and why) and rule settings for one file. Files under one config resolve alike
   * unless an override matches one and not the other or a runbook names its own schema, so the
   * result is kept per config chain, matching overrides and options: a run over a thousand files
   * under one config builds it once (the same object for each).
   */
  async resolve(file: string, options: ResolveOptions = {}): Promise<ResolvedSettings> {
    const config = options.discover === false && !this.options.configFile ? undefined : await this.configFor(file);
    const chain = config ? await this.chainOf(config.file) : NO_CONTRIBUTIONS;
    const shared = !options.schemaFallback && !options.extraRules && (options.runbookText === undefined || runbookSchemaRef(options.runbookText) === undefined);
    let alike: Map<string, ResolvedSettings> | undefined;
    let key = '';
    if (shared) {
      const o = options.schemaOverride;
      key = `${o ? `${o.value}\u0000${o.baseDir ?? ''}\u0000${o.origin}\u0000${o.name ?? ''}` : ''}\u0000${chain.map((c) => (!c.matches || c.matches(file) ? 1 : 0)).join('')}`;
      alike = this.alike.get(chain);
      if (!alike) this.alike.set(chain, (alike = new Map()));
      const hit = alike.get(key);
      if (hit) return hit;
    }
    const resolved = await this.resolveAnew(file, config, mergeFor(chain, file), options);
    alike?.set(key, resolved);
    return resolved;
  }

  private async resolveAnew(file: string, config: LoadedConfig | undefined, merged: MergedSettings, options: ResolveOptions): Promise<ResolvedSettings> {
    const choice = await this.chooseSchema(file, config, merged, options);
    const schema = choice.ref === BUILTIN_SCHEMA_ID ? this.builtin : await this.loadSchema(choice.ref);

    const extra = this.trusted ? options.extraRules : undefined;
    if (extra && Object.keys(extra.settings).length > 0) {
      const text = JSON.stringify(extra.settings);
      const { doc } = parseJsonDoc(extra.origin, text, { jsonc: false });
      const { onePerLocation, ruleSettingProblems } = await import('./validate.js');
      const problems = onePerLocation(doc, ruleSettingProblems(doc, extra.settings, ''));
      if (problems.length > 0) throw new ResolveError('config', undefined, `${extra.origin} is invalid: ${problems[0]!.message}`);
    }
    const ruleSettings: Record<string, RuleSetting> = this.trusted ? { ...merged.rules, ...(extra?.settings ?? {}) } : {};
    const ruleConfigs = resolveRuleConfigs(metaRules, ruleSettings);

    const include = merged.include && merged.include.globs.length > 0 ? globMatcher(merged.include.from.dir, merged.include.globs) : undefined;
    const ignore = merged.ignore && merged.ignore.globs.length > 0 ? globMatcher(merged.ignore.from.dir, merged.ignore.globs) : undefined;
    return {
      config,
      merged,
      configSource: config ? (this.options.configFile ? 'forced' : 'discovered') : 'none',
      schema,
      schemaChoice: choice,
      ruleSettings,
      ruleConfigs,
      isIncluded: (path) => (include ? include(path) : undefined),
      isIgnored: (path) => isAlwaysIgnored(path) || Boolean(ignore?.(path)),
      includeGlobs: include ? { dir: merged.include!.from.dir, globs: merged.include!.globs } : undefined,
      key: `${schema.hash}:${JSON.stringify(ruleSettings)}`,
    };
  }

  private configLabel(config: LoadedConfig): string {
    return `${this.display(config.file)}${this.options.configFile && this.options.configFileOrigin ? ` (${this.options.configFileOrigin})` : ''}`;
  }

  /**
   * Precedence: override (--schema) > the runbook's own `runbook_schema` > the config's "schema"
   * (after extends and overrides) > fallback (setting) > built-in.
   */
  private async chooseSchema(file: string, config: LoadedConfig | undefined, merged: MergedSettings, options: ResolveOptions): Promise<SchemaChoice> {
    const builtin = (source: SchemaChoice['source'], why: string, configFile?: string): SchemaChoice => ({ ref: BUILTIN_SCHEMA_ID, value: BUILTIN_SCHEMA_ID, source, why, configFile, label: BUILTIN_SCHEMA_LABEL });
    if (!this.trusted) return builtin('untrusted', UNTRUSTED_WHY);
    const override = options.schemaOverride;
    if (override) return this.fromSource(override, 'flag', override.origin, config?.file);
    const own = options.runbookText === undefined ? undefined : runbookSchemaRef(options.runbookText);
    if (own) {
      const why = `"${RUNBOOK_SCHEMA_KEY}" in the front matter of ${this.display(file)}`;
      if (own.value === BUILTIN_SCHEMA_ID) return builtin('frontmatter', why, config?.file);
      const doc = { file, lines: new LineIndex(options.runbookText!) };
      const fail = (message: string) => new ResolveError('schema', file, `Invalid "${RUNBOOK_SCHEMA_KEY}" in ${this.display(file)}`, [problemAt(doc, own.offset, own.length, message)], (p) => this.display(p));
      if (hasScheme(own.value) || isAbsolute(own.value)) throw fail(`"${RUNBOOK_SCHEMA_KEY}" must be "${BUILTIN_SCHEMA_ID}" or a path relative to the runbook's folder (found "${own.value}"); URLs are never fetched.`);
      const ref = joinPath(dirname(file), own.value);
      if (!(await isFile(this.host, ref))) throw fail(`Schema file ${this.display(ref)} does not exist ("${RUNBOOK_SCHEMA_KEY}" is resolved relative to the runbook's folder).`);
      return { ref, value: own.value, source: 'frontmatter', configFile: config?.file, why, label: this.display(ref) };
    }
    if (config && merged.schema) {
      const { value, from } = merged.schema;
      const where = from.file === config.file ? this.configLabel(config) : this.display(from.file);
      const how = from.via === 'config' ? '' : ` (${from.via})`;
      const why = `"schema" in ${where}${how}`;
      if (value === BUILTIN_SCHEMA_ID) return builtin('config', why, from.file);
      const ref = joinPath(from.dir, value);
      if (!(await isFile(this.host, ref))) {
        const node = nodeAt(from.doc, from.schemaPointer);
        throw new ResolveError('config', from.file, `Invalid config file ${this.display(from.file)}`, [problemAt(from.doc, node?.offset ?? 0, node?.length ?? 0, `Schema file ${this.display(ref)} does not exist ("schema" is resolved relative to the config file).`)], (p) => this.display(p));
      }
      return { ref, value, source: 'config', configFile: from.file, why, label: this.display(ref) };
    }
    const fallback = options.schemaFallback;
    if (fallback && fallback.value !== '') {
      const why = `${fallback.origin} (${config ? `${this.configLabel(config)} has no "schema"` : 'no config found'})`;
      return this.fromSource(fallback, 'setting', why, config?.file);
    }
    return builtin('default', config ? `default: ${this.configLabel(config)} has no "schema" key` : 'default: no config found', config?.file);
  }

  private async fromSource(source: SchemaSource, kind: 'flag' | 'setting', why: string, configFile: string | undefined): Promise<SchemaChoice> {
    const value = source.value;
    if (value === BUILTIN_SCHEMA_ID) return { ref: BUILTIN_SCHEMA_ID, value, source: kind, why, configFile, label: BUILTIN_SCHEMA_LABEL };
    if (/^https?:/i.test(value)) throw new ResolveError('schema', undefined, `Schema ${value} (${source.origin}) is remote; runbook-lint never fetches schemas over the network.`);
    let ref: string;
    if (isAbsolute(value)) ref = joinPath('/', value);
    else if (hasScheme(value)) throw new ResolveError('schema', undefined, `Schema "${value}" (${source.origin}) is not a file path; the built-in schema is "${BUILTIN_SCHEMA_ID}", anything else is a path to a JSON Schema file.`);
    else if (source.baseDir !== undefined) ref = joinPath(source.baseDir, value);
    else throw new ResolveError('schema', undefined, `Schema "${value}" (${source.origin}) is relative, but there is no folder to resolve it from.`);
    if (!(await isFile(this.host, ref))) throw new ResolveError('schema', ref, `Schema file ${this.display(ref)} (${source.name ?? source.origin}) does not exist.`);
    return { ref, value, source: kind, why, configFile, label: this.display(ref) };
  }
}
