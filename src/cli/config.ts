/**
 * The CLI's view of configuration: the core resolver (src/core/config) over Node's file system.
 * Every problem is a UsageError whose message lists `file:line:column: message`, so the CLI can
 * exit 2 without a stack trace.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILTIN_SCHEMA_ID, createResolver, ResolveError, type ConfigResolution } from '../core/resolve-api.js';
import type { ConfigScope, FileSettings as CoreFileSettings, ResolverHost, RuleSetting } from '../core/api.js';
import { UsageError } from './errors.js';
import { describeFileError, MAX_SCHEMA_BYTES, readRegularFile, readRegularFileHead } from './read.js';
import type { LintSettings } from './types.js';

export { ALWAYS_IGNORED, CONFIG_NAMES } from '../core/resolve-api.js';

export interface LoadedConfig {
  file: string;
  dir: string;
  config: { schema?: string; include?: string[]; ignore?: string[]; rules: Record<string, RuleSetting> };
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
  /** Which schema applies and why, e.g. `schema ./s.json ("schema" in /repo/.runbook-lint.json)`. */
  schemaWhy: string;
  rules: Record<string, RuleSetting>;
  settings: LintSettings;
  /** The core's view (schema info and files, rule configs, sources). */
  resolved: CoreFileSettings;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Node's fs as the core resolver's host. Paths are absolute; messages show them as they are. */
export const nodeHost: ResolverHost = {
  // Configs, schemas and their `$ref`s: regular files only, size checked before a bounded read (no FIFO or /dev/zero hang).
  readFile: async (path) => {
    try {
      return readRegularFile(path, MAX_SCHEMA_BYTES).toString('utf8');
    } catch (error) {
      throw new Error(describeFileError(error));
    }
  },
  stat: async (path) => {
    try {
      const s = statSync(path);
      return { type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other' };
    } catch {
      return undefined;
    }
  },
};

/** Core problems become UsageErrors (exit 2); anything else is an internal error. */
export async function usage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ResolveError) throw new UsageError(error.message);
    throw error;
  }
}

export class ConfigResolver {
  /** The resolving half of src/core's public API (no lint engine), over Node's fs. */
  readonly resolution: ConfigResolution;
  private readonly adapted = new WeakMap<ConfigScope, LoadedConfig>();
  /** Every settings object handed out, by key (sent to workers once). */
  readonly settingsByKey = new Map<string, LintSettings>();
  private readonly keyOf = new Map<string, string>();
  private readonly viewOf = new WeakMap<CoreFileSettings, FileSettings>();

  constructor(
    readonly cwd: string,
    readonly configFlag?: string,
    readonly schemaFlag?: string,
  ) {
    const configFile = configFlag ? resolve(cwd, configFlag) : undefined;
    if (configFile && !statSafe(configFile)) throw new UsageError(`Config file ${configFile} (--config) does not exist.`);
    this.resolution = createResolver({
      host: nodeHost,
      configFile,
      configFileOrigin: '--config flag',
      schema: schemaFlag ? { value: schemaFlag, baseDir: cwd, origin: '--schema flag', name: '--schema' } : undefined,
    });
  }

  /** The CLI's view: the nearest config, with the include/ignore in force for it (perhaps inherited) as matchers. */
  private adapt(scope: ConfigScope | undefined): LoadedConfig | undefined {
    if (!scope) return undefined;
    let hit = this.adapted.get(scope);
    if (!hit) {
      hit = {
        file: scope.file,
        dir: scope.include?.dir ?? scope.dir,
        config: { schema: scope.schema, include: scope.include && [...scope.include.globs], ignore: scope.ignore && [...scope.ignore.globs], rules: scope.rules },
        include: scope.include?.matches,
        ignore: scope.ignore?.matches,
      };
      this.adapted.set(scope, hit);
    }
    return hit;
  }

  /** The config that applies to a file (the --config file, else the nearest one, with what it extends and inherits). */
  async configFor(absFile: string): Promise<LoadedConfig | undefined> {
    return this.adapt(await usage(this.resolution.configFor(absFile)));
  }

  /** Config, schema (and why) and lint settings for one file (`source`: its text or front matter, when it is not read from absFile). */
  async resolve(absFile: string, source?: { text: string | undefined }): Promise<FileSettings> {
    // `source`: the document is not on disk (--stdin), so its own front matter comes from its text.
    const text = source ? source.text : frontMatterHead(absFile);
    const r = await usage(this.resolution.resolve(absFile, { text }));
    // The core hands files that resolve alike the same object: so does this.
    const known = this.viewOf.get(r);
    if (known) return known;
    const choice = r.schema;
    const schemaWhy = `${choice.ref === BUILTIN_SCHEMA_ID ? choice.label : `schema ${choice.value}`} (${choice.why})`;
    // Over the resolved rule configs, so the same settings reached by another route share a key;
    // those follow from the core's key (schema hash + rule settings as written), hence the memo.
    let key = this.keyOf.get(r.key);
    if (key === undefined) {
      key = sha256(JSON.stringify({ schema: choice.hash, rules: [...r.ruleConfigs.entries()] })).slice(0, 32);
      this.keyOf.set(r.key, key);
    }
    let settings = this.settingsByKey.get(key);
    if (!settings) {
      settings = { key, ...r.portable };
      this.settingsByKey.set(key, settings);
    }
    const view: FileSettings = {
      config: this.adapt(r.config),
      configSource: r.configSource === 'forced' ? 'flag' : r.configSource,
      schemaPath: choice.ref,
      schemaWhy,
      rules: r.ruleSettings,
      settings,
      resolved: r,
    };
    this.viewOf.set(r, view);
    return view;
  }
}

/** Enough of a runbook to find `runbook_schema` in its front matter; undefined when it has none (or cannot be read: linting reports that). */
function frontMatterHead(path: string): string | undefined {
  const head = readRegularFileHead(path, FRONT_MATTER_HEAD_BYTES);
  return head && frontMatterText(head);
}

const FRONT_MATTER_HEAD_BYTES = 16 * 1024;

/**
 * The same from a runbook's bytes already read (--cache reads each file once, for its hash):
 * `{ text }` for {@link ConfigResolver.resolve}, so the file is not opened a second time.
 */
export function frontMatterSource(bytes: Buffer): { text: string | undefined } {
  return { text: frontMatterText(bytes.subarray(0, FRONT_MATTER_HEAD_BYTES)) };
}

/** The head as text when it opens front matter (`---`, after a BOM perhaps) that mentions runbook_schema; decoded only then. */
function frontMatterText(head: Buffer): string | undefined {
  const at = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (head[at] !== 0x2d || head[at + 1] !== 0x2d || head[at + 2] !== 0x2d || !head.includes('runbook_schema')) return undefined;
  return head.toString('utf8');
}

function statSafe(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
