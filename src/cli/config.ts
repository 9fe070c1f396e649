import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import configSchemaJson from '../../schemas/config.schema.json' with { type: 'json' };
import { BUILTIN_SCHEMA_ID, builtinRules, ConfigError, resolveRuleConfigs, type RunbookLintConfig, type RuleSetting } from '../core/index.js';
import { UsageError } from './errors.js';
import { compileCliSchema, formatProblems, keyOffset, locateAjvErrors, nodeAt, parseJsonFile, where, type JsonFile, type LocatedProblem } from './json-file.js';
import { builtinLoaded, loadSchemaFile, type LoadedSchema } from './schema-loader.js';
import type { LintSettings } from './types.js';

/** Config file names, in order of preference within one folder. */
export const CONFIG_NAMES = ['.runbook-lint.jsonc', '.runbook-lint.json'] as const;

/** Folders never linted, wherever they are. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface LoadedConfig {
  file: string;
  dir: string;
  config: RunbookLintConfig;
  doc: JsonFile;
  include?: (absPath: string) => boolean;
  ignore?: (absPath: string) => boolean;
}

/** Everything that applies to one file: its config, its schema and why, and the worker settings. */
export interface FileSettings {
  config?: LoadedConfig;
  /** How the config was chosen: "discovered" (nearest file), "flag" (--config) or "none". */
  configSource: 'discovered' | 'flag' | 'none';
  /** "runbook-lint:continuity" or the schema file's absolute path. */
  schemaPath: string;
  /** Which schema applies and why, e.g. `schema ./s.json from /repo/.runbook-lint.json (key "schema")`. */
  schemaWhy: string;
  schema: LoadedSchema;
  rules: Record<string, RuleSetting>;
  settings: LintSettings;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Glob matcher relative to a folder; `./` prefixes are allowed. */
export function globMatcher(dir: string, globs: string[]): (absPath: string) => boolean {
  const match = picomatch(globs.map((g) => g.replace(/^\.\//, '')), { dot: true });
  return (absPath) => {
    const rel = relative(dir, absPath);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
    return match(rel.split(sep).join('/'));
  };
}

/**
 * Finds, loads, validates and caches configs and schemas. Every problem is a UsageError whose
 * message names the file with line:column, so the CLI can exit 2 without a stack trace.
 */
export class ConfigResolver {
  private readonly dirCache = new Map<string, string | null>();
  private readonly configCache = new Map<string, LoadedConfig>();
  private readonly schemaCache = new Map<string, LoadedSchema>();
  private readonly settingsCache = new Map<string, FileSettings>();
  /** Every settings object handed out, by key (sent to workers once). */
  readonly settingsByKey = new Map<string, LintSettings>();

  constructor(
    readonly cwd: string,
    readonly configFlag?: string,
    readonly schemaFlag?: string,
  ) {
    if (configFlag && !existsSync(resolve(cwd, configFlag))) throw new UsageError(`Config file ${resolve(cwd, configFlag)} (--config) does not exist.`);
  }

  /** Path of the nearest config file walking up from a folder, or undefined. */
  findConfigFile(dir: string): string | undefined {
    const visited: string[] = [];
    let current = dir;
    let found: string | null = null;
    for (;;) {
      const cached = this.dirCache.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(current);
      const hit = CONFIG_NAMES.map((name) => join(current, name)).find((p) => isFile(p));
      if (hit) {
        found = hit;
        break;
      }
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const v of visited) this.dirCache.set(v, found);
    return found ?? undefined;
  }

  /** The config that applies to a file (the --config file, else the nearest one), loaded and validated. */
  configFor(absFile: string): LoadedConfig | undefined {
    const file = this.configFlag ? resolve(this.cwd, this.configFlag) : this.findConfigFile(dirname(absFile));
    return file ? this.loadConfig(file) : undefined;
  }

  loadConfig(file: string): LoadedConfig {
    const cached = this.configCache.get(file);
    if (cached) return cached;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read config file ${file}: ${(error as Error).message}`);
    }
    const doc = parseJsonFile(file, text, { jsonc: true, what: `Config file ${file}` });
    const config = validateConfig(doc);
    const dir = dirname(file);
    const loaded: LoadedConfig = {
      file,
      dir,
      config,
      doc,
      include: config.include && config.include.length > 0 ? globMatcher(dir, config.include) : undefined,
      ignore: config.ignore && config.ignore.length > 0 ? globMatcher(dir, config.ignore) : undefined,
    };
    this.configCache.set(file, loaded);
    return loaded;
  }

  private loadSchema(path: string): LoadedSchema {
    let hit = this.schemaCache.get(path);
    if (!hit) {
      hit = path === BUILTIN_SCHEMA_ID ? builtinLoaded() : loadSchemaFile(path);
      this.schemaCache.set(path, hit);
    }
    return hit;
  }

  /** Config, schema (and why) and lint settings for one file. */
  resolve(absFile: string): FileSettings {
    const config = this.configFor(absFile);
    const cacheKey = config?.file ?? '';
    const cached = this.settingsCache.get(cacheKey);
    if (cached) return cached;

    let schemaPath: string;
    let schemaWhy: string;
    const builtin = `built-in ${BUILTIN_SCHEMA_ID}`;
    const configWhere = config ? `${config.file}${this.configFlag ? ' (--config flag)' : ''}` : '';
    if (this.schemaFlag) {
      schemaPath = this.schemaFlag === BUILTIN_SCHEMA_ID ? BUILTIN_SCHEMA_ID : resolve(this.cwd, this.schemaFlag);
      schemaWhy = `${schemaPath === BUILTIN_SCHEMA_ID ? builtin : `schema ${this.schemaFlag}`} (--schema flag)`;
    } else if (config && config.config.schema !== undefined) {
      const value = config.config.schema;
      if (value.startsWith('runbook-lint:') && value !== BUILTIN_SCHEMA_ID) {
        const at = nodeAt(config.doc, '/schema')?.offset ?? 0;
        throw new UsageError(`${where(config.doc, at)}: Unknown built-in schema "${value}"; the built-in schema is "${BUILTIN_SCHEMA_ID}", anything else is a path to a JSON Schema file.`);
      }
      schemaPath = value === BUILTIN_SCHEMA_ID ? BUILTIN_SCHEMA_ID : resolve(config.dir, value);
      schemaWhy = `${schemaPath === BUILTIN_SCHEMA_ID ? builtin : `schema ${value}`} from ${configWhere} (key "schema")`;
      if (schemaPath !== BUILTIN_SCHEMA_ID && !isFile(schemaPath)) {
        const at = nodeAt(config.doc, '/schema')?.offset ?? 0;
        throw new UsageError(`${where(config.doc, at)}: Schema file ${schemaPath} does not exist ("schema" is resolved relative to the config file).`);
      }
    } else {
      schemaPath = BUILTIN_SCHEMA_ID;
      schemaWhy = config ? `${builtin} (default: ${configWhere} has no "schema" key)` : `${builtin} (no config found)`;
    }
    if (this.schemaFlag && schemaPath !== BUILTIN_SCHEMA_ID && !isFile(schemaPath)) throw new UsageError(`Schema file ${schemaPath} (--schema) does not exist.`);
    const schema = this.loadSchema(schemaPath);
    const rules = (config?.config.rules ?? {}) as Record<string, RuleSetting>;
    const resolvedRules = [...resolveRuleConfigs(builtinRules, rules).entries()];
    const key = sha256(JSON.stringify({ schema: schema.hash, rules: resolvedRules })).slice(0, 32);
    let settings = this.settingsByKey.get(key);
    if (!settings) {
      settings = { key, schema: schema.payload, rules };
      this.settingsByKey.set(key, settings);
    }
    const result: FileSettings = { config, configSource: config ? (this.configFlag ? 'flag' : 'discovered') : 'none', schemaPath, schemaWhy, schema, rules, settings };
    this.settingsCache.set(cacheKey, result);
    return result;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Validate a parsed config against schemas/config.schema.json, then each rule's options against the
 * rule's `meta.optionsSchema`, then severities. Throws a UsageError listing `file:line:col: message`.
 */
export function validateConfig(doc: JsonFile): RunbookLintConfig {
  const value = doc.value;
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`Invalid config file ${doc.file}:\n  ${where(doc, doc.tree?.offset ?? 0)}: the config must be a JSON object, e.g. { "rules": { "section-order": "off" } }.`);
  }
  const validate = compileCliSchema(configSchemaJson as Record<string, unknown>);
  const knownRules = builtinRules.map((r) => r.meta.id);
  const problems: LocatedProblem[] = [];
  if (!validate(value)) {
    problems.push(
      ...locateAjvErrors(doc, validate.errors ?? [], '', (e) => {
        const params = e.params as Record<string, unknown>;
        if (e.keyword === 'propertyNames' && e.instancePath === '/rules') return unknownRule(String(params.propertyName), knownRules);
        return undefined;
      }),
    );
  }
  const config = value as RunbookLintConfig;
  const rules = config.rules && typeof config.rules === 'object' && !Array.isArray(config.rules) ? config.rules : {};
  for (const [id, setting] of Object.entries(rules)) {
    const rule = builtinRules.find((r) => r.meta.id === id);
    if (!rule) {
      problems.push({ offset: keyOffset(doc, '/rules', id) ?? 0, message: unknownRule(id, knownRules) });
      continue;
    }
    const options = Array.isArray(setting) ? setting[1] : undefined;
    if (!options || typeof options !== 'object' || Array.isArray(options) || !rule.meta.optionsSchema) continue;
    const check = compileCliSchema(rule.meta.optionsSchema);
    if (check(options)) continue;
    const known = Object.keys((rule.meta.optionsSchema.properties as Record<string, unknown> | undefined) ?? {});
    problems.push(
      ...locateAjvErrors(doc, check.errors ?? [], `/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}/1`, (e) => {
        const params = e.params as Record<string, unknown>;
        const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
        if (typeof parent['x-message'] === 'string') return `Rule "${id}": ${parent['x-message']}`;
        if (e.keyword === 'additionalProperties') return `Rule "${id}" has no option "${params.additionalProperty}"${known.length ? `; its options are: ${known.join(', ')}` : ''}.`;
        const option = e.instancePath ? `option "${e.instancePath.slice(1).replace(/\//g, '.')}"` : 'options';
        return `Rule "${id}": ${option} ${e.message}${e.keyword === 'enum' ? ` (${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})` : ''}.`;
      }),
    );
  }
  if (problems.length === 0) {
    try {
      resolveRuleConfigs(builtinRules, rules as Record<string, RuleSetting>, doc.file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const id = /Rule "([^"]+)"/.exec(error.message)?.[1];
      const offset = id ? (nodeAt(doc, `/rules/${id}`)?.offset ?? 0) : (nodeAt(doc, '/rules')?.offset ?? 0);
      problems.push({ offset, message: error.message });
    }
  }
  if (problems.length > 0) throw new UsageError(`Invalid config file ${doc.file}:\n  ${formatProblems(doc, problems).join('\n  ')}`);
  return config;
}

function unknownRule(id: string, known: string[]): string {
  return `Unknown rule "${id}" in "rules". Known rules: ${known.join(', ')}.`;
}
