/**
 * Which config, schema and rule settings apply to a document, and why (design §5, §7, §8).
 * All file access goes through `vscode.workspace.fs`, so the same code runs on the desktop, in a
 * remote and on vscode.dev. Untrusted workspaces get the bundled schema and default rules only.
 */
import * as vscode from 'vscode';
import type picomatchType from 'picomatch';
import type * as fastUriType from 'fast-uri';
import { jsonc, type ParseError } from './jsonc.js';
import { BUILTIN_SCHEMA_ID, builtinRules, compileSchema, docsUrl, schemaRefs, LineIndex, resolveRuleConfigs, SchemaError, type CompiledSchema, type JsonSchema, type RuleConfig, type RuleSetting, type RunbookLintConfig } from '../core/index.js';
import { builtinSchema } from '../core/builtin-schema.js';
import { CONFIG_NAMES, SOURCE } from './constants.js';
import { parseConfigText, validateRules } from './config-file.js';
import { dirnamePath, relativePath } from './detect.js';
import type { Log } from './log.js';


/** What a worker needs to rebuild the schema: the built-in one, or the JSON of a file and its local `$ref`s. */
export type SchemaPayload = { kind: 'builtin' } | { kind: 'file'; uri: string; json: JsonSchema; extras: Array<{ uri: string; schema: JsonSchema }> };

export interface Resolved {
  schema: CompiledSchema;
  payload: SchemaPayload;
  /** Short name of the schema in force, e.g. `built-in runbook-lint:continuity` or `schemas/alert.schema.json`. */
  schemaLabel: string;
  /** Where that choice came from, e.g. `"schema" in .runbook-lint.json`. */
  schemaWhy: string;
  ruleConfigs: Map<string, RuleConfig>;
  ruleSettings: Record<string, RuleSetting>;
  configUri?: vscode.Uri;
  trusted: boolean;
  /** The config or schema could not be loaded; the runbook gets one `fatal` diagnostic with this text. */
  problem?: string;
  /** True/false when include globs exist (config or setting), undefined when none do. */
  isIncluded(uri: vscode.Uri): boolean | undefined;
  isIgnored(uri: vscode.Uri): boolean;
  /** The include globs in force and the folder they are relative to (where new runbooks go). */
  includeGlobs?: { dir: vscode.Uri; globs: string[] };
  /** Identity of schema + rules, for worker caches. */
  key: string;
}

interface LoadedConfig {
  uri: vscode.Uri;
  config?: RunbookLintConfig;
  problem?: string;
}

interface LoadedSchema {
  compiled?: CompiledSchema;
  payload?: SchemaPayload;
  files: string[];
  problem?: string;
}

export function displayPath(uri: vscode.Uri): string {
  // The folder name only helps in multi-root workspaces.
  return uri.scheme === 'file' || vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1) : uri.toString(true);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  return new TextDecoder('utf-8').decode(bytes);
}

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

// picomatch and fast-uri load on first use, not at activation (CommonJS: `require` works in the bundle).
const picomatch = (...args: Parameters<typeof picomatchType>) => (require('picomatch') as typeof picomatchType)(...args);
const resolveUri = (base: string, ref: string) => {
  const m = require('fast-uri') as Partial<typeof fastUriType> & { default?: typeof fastUriType };
  return (m.resolve ? (m as typeof fastUriType) : m.default!).resolve(base, ref);
};

function matcher(dirPath: string, globs: string[]): (uri: vscode.Uri) => boolean {
  const match = picomatch(globs.map((g) => g.replace(/^\.\//, '')), { dot: true });
  return (uri) => {
    const rel = relativePath(dirPath, uri.path);
    return rel !== undefined && match(rel);
  };
}

// A literal, not `built-in ${BUILTIN_SCHEMA_ID}`: module init must not touch the (lazily loaded) engine.
const builtinLabel = 'built-in runbook-lint:continuity';

export class Resolver implements vscode.Disposable {
  private readonly dirConfig = new Map<string, Promise<vscode.Uri | undefined>>();
  private readonly configs = new Map<string, Promise<LoadedConfig>>();
  private readonly schemas = new Map<string, Promise<LoadedSchema>>();
  private readonly resolved = new Map<string, Promise<Resolved>>();
  /** URIs (strings) of every schema file read, so their watcher can re-lint. */
  readonly schemaFiles = new Set<string>();
  /** Test hook: delay the next resolve() by this many ms (to provoke out-of-order results). */
  delayNext = 0;

  constructor(
    private readonly log: Log,
    private readonly configDiagnostics: vscode.DiagnosticCollection,
  ) {}

  invalidate(reason: string): void {
    this.log.info(`settings invalidated: ${reason}`);
    this.dirConfig.clear();
    this.configs.clear();
    this.schemas.clear();
    this.resolved.clear();
    this.configDiagnostics.clear();
  }

  dispose(): void {
    this.invalidate('dispose');
  }

  /** Nearest `.runbook-lint.jsonc` / `.runbook-lint.json` walking up from a folder. */
  private findConfig(dir: vscode.Uri): Promise<vscode.Uri | undefined> {
    const key = dir.toString();
    let hit = this.dirConfig.get(key);
    if (!hit) {
      hit = (async () => {
        for (const name of CONFIG_NAMES) {
          const candidate = vscode.Uri.joinPath(dir, name);
          if (await isFile(candidate)) return candidate;
        }
        const parentPath = dirnamePath(dir.path);
        if (parentPath === dir.path) return undefined;
        return this.findConfig(dir.with({ path: parentPath }));
      })();
      this.dirConfig.set(key, hit);
    }
    return hit;
  }

  private loadConfig(uri: vscode.Uri): Promise<LoadedConfig> {
    const key = uri.toString();
    let hit = this.configs.get(key);
    if (!hit) {
      hit = (async (): Promise<LoadedConfig> => {
        let text: string;
        try {
          text = await readText(uri);
        } catch (error) {
          return { uri, problem: `Cannot read config ${displayPath(uri)}: ${(error as Error).message}` };
        }
        const parsed = parseConfigText(text);
        if (parsed.problems.length > 0) {
          const lines = new LineIndex(text);
          this.configDiagnostics.set(
            uri,
            parsed.problems.map((p) => {
              const s = lines.point(p.offset);
              const e = lines.point(p.offset + p.length);
              const d = new vscode.Diagnostic(new vscode.Range(s.line - 1, s.column - 1, e.line - 1, e.column - 1), p.message, vscode.DiagnosticSeverity.Error);
              d.source = SOURCE;
              d.code = { value: 'config', target: vscode.Uri.parse(docsUrl('configuration.md')) };
              return d;
            }),
          );
          this.log.warn(`config ${displayPath(uri)} has ${parsed.problems.length} problem(s): ${parsed.problems[0]!.message}`);
          return { uri, problem: `Config ${displayPath(uri)} is invalid: ${parsed.problems[0]!.message}${parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more; see Problems)` : ''}` };
        }
        this.configDiagnostics.delete(uri);
        this.log.info(`config ${displayPath(uri)} loaded`);
        return { uri, config: parsed.config };
      })();
      this.configs.set(key, hit);
    }
    return hit;
  }

  /** A schema file and every local file it `$ref`s; nothing is fetched from the network. */
  private loadSchema(uri: vscode.Uri): Promise<LoadedSchema> {
    const key = uri.toString();
    let hit = this.schemas.get(key);
    if (!hit) {
      hit = (async (): Promise<LoadedSchema> => {
        const files: string[] = [];
        const readJson = async (file: vscode.Uri): Promise<JsonSchema> => {
          files.push(file.toString());
          this.schemaFiles.add(file.toString());
          let text: string;
          try {
            text = await readText(file);
          } catch (error) {
            throw new SchemaError(`cannot read ${displayPath(file)}: ${(error as Error).message}`);
          }
          const errors: ParseError[] = [];
          const value = jsonc.parse(text, errors, { allowTrailingComma: /\.jsonc$/i.test(file.path), disallowComments: !/\.jsonc$/i.test(file.path) }) as unknown;
          if (errors.length > 0) {
            const at = new LineIndex(text).point(errors[0]!.offset);
            throw new SchemaError(`${displayPath(file)}:${at.line}:${at.column} is not valid JSON (${jsonc.printParseErrorCode(errors[0]!.error)})`);
          }
          if (!value || typeof value !== 'object' || Array.isArray(value)) throw new SchemaError(`${displayPath(file)} is not a JSON Schema object`);
          return value as JsonSchema;
        };
        try {
          const json = await readJson(uri);
          const extras: Array<{ uri: string; schema: JsonSchema }> = [];
          const seen = new Set([uri.toString()]);
          const queue: Array<{ file: vscode.Uri; schema: JsonSchema; base: string }> = [{ file: uri, schema: json, base: typeof json.$id === 'string' ? json.$id : '' }];
          while (queue.length > 0) {
            const { file, schema, base } = queue.shift()!;
            for (const ref of schemaRefs(schema)) {
              const target = ref.split('#')[0]!;
              if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // fragment, remote or known id: the core rejects remote ones
              const local = vscode.Uri.joinPath(file.with({ path: dirnamePath(file.path) }), decodeURIComponent(target));
              if (seen.has(local.toString())) continue;
              seen.add(local.toString());
              const child = await readJson(local);
              const childUri = resolveUri(base, target);
              extras.push({ uri: childUri, schema: child });
              queue.push({ file: local, schema: child, base: typeof child.$id === 'string' ? child.$id : childUri });
            }
          }
          const compiled = compileSchema(json, { extraSchemas: extras });
          this.log.info(`schema ${displayPath(uri)} compiled (${compiled.info.sections.length} sections)`);
          return { compiled, payload: { kind: 'file', uri: uri.toString(), json, extras }, files };
        } catch (error) {
          const message = error instanceof SchemaError ? error.message : `${(error as Error).message}`;
          this.log.warn(`schema ${displayPath(uri)} unusable: ${message}`);
          return { files, problem: `Schema ${displayPath(uri)} cannot be used: ${message}` };
        }
      })();
      this.schemas.set(key, hit);
    }
    return hit;
  }

  async resolve(uri: vscode.Uri): Promise<Resolved> {
    if (this.delayNext > 0) {
      const ms = this.delayNext;
      this.delayNext = 0;
      await new Promise((r) => setTimeout(r, ms));
    }
    const trusted = vscode.workspace.isTrusted;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const settings = vscode.workspace.getConfiguration('runbookLint', uri);
    const schemaSetting = trusted ? (settings.get<string>('schema') ?? '').trim() : '';
    const rulesSetting = trusted ? (settings.get<Record<string, RuleSetting>>('rules') ?? {}) : {};
    const includeSetting = settings.get<string[]>('include') ?? [];
    const canWalk = uri.scheme !== 'untitled' && vscode.workspace.fs.isWritableFileSystem(uri.scheme) !== undefined;
    const configUri = trusted && canWalk ? await this.findConfig(uri.with({ path: dirnamePath(uri.path), query: '', fragment: '' })) : undefined;
    const key = JSON.stringify([trusted, configUri?.toString(), folder?.uri.toString(), schemaSetting, rulesSetting, includeSetting]);
    let hit = this.resolved.get(key);
    if (!hit) {
      hit = this.build(trusted, folder, configUri, schemaSetting, rulesSetting, includeSetting);
      this.resolved.set(key, hit);
    }
    return hit;
  }

  private async build(trusted: boolean, folder: vscode.WorkspaceFolder | undefined, configUri: vscode.Uri | undefined, schemaSetting: string, rulesSetting: Record<string, RuleSetting>, includeSetting: string[]): Promise<Resolved> {
    const loaded = configUri ? await this.loadConfig(configUri) : undefined;
    const config = loaded?.config;
    const configDir = configUri ? configUri.with({ path: dirnamePath(configUri.path) }) : undefined;
    let problem = loaded?.problem;

    // Schema: the config's "schema", else the runbookLint.schema setting, else the built-in one.
    let schema = builtinSchema();
    let payload: SchemaPayload = { kind: 'builtin' };
    let schemaLabel = builtinLabel;
    let schemaWhy: string;
    let schemaUri: vscode.Uri | undefined;
    if (!trusted) {
      schemaWhy = 'workspace not trusted: workspace configs, schemas and rule settings are ignored (Restricted Mode)';
    } else if (config?.schema !== undefined && config.schema !== BUILTIN_SCHEMA_ID) {
      schemaUri = vscode.Uri.joinPath(configDir!, config.schema);
      schemaWhy = `"schema" in ${displayPath(configUri!)}`;
    } else if (config?.schema === BUILTIN_SCHEMA_ID) {
      schemaWhy = `"schema" in ${displayPath(configUri!)}`;
    } else if (schemaSetting && schemaSetting !== BUILTIN_SCHEMA_ID) {
      const isAbsolute = /^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(schemaSetting);
      if (isAbsolute) schemaUri = /^[a-z][a-z0-9+.-]+:/i.test(schemaSetting) ? vscode.Uri.parse(schemaSetting) : vscode.Uri.file(schemaSetting);
      else if (folder) schemaUri = vscode.Uri.joinPath(folder.uri, schemaSetting);
      else problem ??= `Setting runbookLint.schema "${schemaSetting}" is relative, but the file is not in a workspace folder.`;
      schemaWhy = `setting runbookLint.schema${configUri ? ` (${displayPath(configUri)} has no "schema")` : ' (no .runbook-lint.json found)'}`;
    } else {
      schemaWhy = configUri ? `default: ${displayPath(configUri)} has no "schema"` : 'default: no .runbook-lint.json(c) found';
    }
    if (schemaUri && !problem) {
      if (schemaUri.scheme !== 'file' && /^https?$/.test(schemaUri.scheme)) {
        problem = `Schema ${schemaUri.toString(true)} is remote; runbook-lint never fetches schemas over the network.`;
      } else {
        const s = await this.loadSchema(schemaUri);
        schemaLabel = displayPath(schemaUri);
        if (s.compiled && s.payload) {
          schema = s.compiled;
          payload = s.payload;
        } else problem = s.problem;
      }
    }

    // Rules: the config's, with the runbookLint.rules setting on top (trusted only).
    const ruleSettings: Record<string, RuleSetting> = trusted ? { ...((config?.rules ?? {}) as Record<string, RuleSetting>), ...rulesSetting } : {};
    let ruleConfigs: Map<string, RuleConfig>;
    const settingProblems = trusted ? validateRules(rulesSetting, undefined, '') : [];
    if (settingProblems.length > 0) problem ??= `Setting runbookLint.rules is invalid: ${settingProblems[0]!.message}`;
    try {
      ruleConfigs = resolveRuleConfigs(builtinRules, problem ? {} : ruleSettings);
    } catch (error) {
      problem ??= (error as Error).message;
      ruleConfigs = resolveRuleConfigs(builtinRules, {});
    }

    const includeMatchers: Array<(uri: vscode.Uri) => boolean> = [];
    // node_modules and .git are never linted, wherever they are.
    const ignoreMatchers: Array<(uri: vscode.Uri) => boolean> = [(uri) => /(^|\/)(node_modules|\.git)\//.test(uri.path)];
    if (config?.include && config.include.length > 0) includeMatchers.push(matcher(configDir!.path, config.include));
    if (config?.ignore && config.ignore.length > 0) ignoreMatchers.push(matcher(configDir!.path, config.ignore));
    if (includeSetting.length > 0 && folder) includeMatchers.push(matcher(folder.uri.path, includeSetting));

    return {
      schema,
      payload,
      schemaLabel,
      schemaWhy,
      ruleConfigs,
      ruleSettings,
      configUri,
      trusted,
      problem,
      isIncluded: (uri) => (includeMatchers.length === 0 ? undefined : includeMatchers.some((m) => m(uri))),
      isIgnored: (uri) => ignoreMatchers.some((m) => m(uri)),
      includeGlobs:
        config?.include && config.include.length > 0
          ? { dir: configDir!, globs: config.include }
          : includeSetting.length > 0 && folder
            ? { dir: folder.uri, globs: includeSetting }
            : undefined,
      key: `${schema.hash}:${JSON.stringify(problem ? {} : ruleSettings)}`,
    };
  }
}

