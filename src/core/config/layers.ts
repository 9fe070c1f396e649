/**
 * Shared configuration (design §5, issue 9 item 2), with the semantics of ESLint's eslintrc and
 * markdownlint-cli2: `extends` (config files relative to the config, or npm packages resolved from
 * its folder; later entries win, the file's own keys win over all), `overrides` applied in order
 * to matching files, and a folder's config merged over its parent's unless it says `root: true`.
 *
 * A config becomes an ordered list of contributions; the settings of a file are the contributions
 * that apply to it, folded in order (rules key by key, other keys replaced).
 */
import type { RunbookLintConfig } from '../config.js';
import type { RuleSetting } from '../types.js';
import { globMatcher } from './globs.js';
import { isFile, type ResolverHost } from './host.js';
import { nodeAt, problemAt, type JsonDoc } from './json.js';
import { dirname, joinPath } from './paths.js';
import { ResolveError } from './problems.js';

/** One file's (or one override's) settings, in merge order. */
export interface Contribution {
  /** The config file that holds these settings. */
  file: string;
  /** Folder its relative paths and globs are relative to. */
  dir: string;
  /** How it joined: `config` (the nearest file itself), `extends of FILE`, `parent folder config`; `overrides[i]` for its overrides. */
  via: string;
  /** Only for the files this matches (overrides). */
  matches?: (path: string) => boolean;
  schema?: string;
  include?: string[];
  ignore?: string[];
  rules?: Record<string, RuleSetting>;
  root?: boolean;
  /** Where `schema` is written (to locate "does not exist"). */
  doc: JsonDoc;
  schemaPointer: string;
}

/** The settings that apply to one file, folded from its contributions. */
export interface MergedSettings {
  schema?: { value: string; from: Contribution };
  include?: { globs: string[]; from: Contribution };
  ignore?: { globs: string[]; from: Contribution };
  rules: Record<string, RuleSetting>;
  /** Every contribution that applied, in order, with the keys it set. */
  sources: Array<{ file: string; via: string; set: string[] }>;
}

/** Fold the contributions that apply to `path`. */
export function mergeFor(contributions: readonly Contribution[], path: string): MergedSettings {
  const out: MergedSettings = { rules: {}, sources: [] };
  for (const c of contributions) {
    if (c.matches && !c.matches(path)) continue;
    const set: string[] = [];
    if (c.schema !== undefined) {
      out.schema = { value: c.schema, from: c };
      set.push(`schema ${c.schema}`);
    }
    if (c.include !== undefined) {
      out.include = { globs: c.include, from: c };
      set.push('include');
    }
    if (c.ignore !== undefined) {
      out.ignore = { globs: c.ignore, from: c };
      set.push('ignore');
    }
    for (const [id, setting] of Object.entries(c.rules ?? {})) {
      out.rules[id] = setting;
      set.push(`rules.${id}`);
    }
    if (set.length > 0) out.sources.push({ file: c.file, via: c.via, set });
  }
  return out;
}

/** The contributions of one validated config file: its extends (recursively), its own keys, its overrides. */
export function ownContributions(file: string, doc: JsonDoc, config: RunbookLintConfig, via: string): Contribution[] {
  const dir = dirname(file);
  const base: Contribution = { file, dir, via, doc, schemaPointer: '/schema', schema: config.schema, include: config.include, ignore: config.ignore, rules: config.rules, root: config.root };
  const out = [base];
  (config.overrides ?? []).forEach((o, i) => {
    const match = globMatcher(dir, o.files);
    out.push({ file, dir, via: via === 'config' ? `overrides[${i}]` : `${via}, overrides[${i}]`, matches: match, doc, schemaPointer: `/overrides/${i}/schema`, schema: o.schema, rules: o.rules });
  });
  return out;
}

export function extendsList(config: RunbookLintConfig): string[] {
  return config.extends === undefined ? [] : Array.isArray(config.extends) ? config.extends : [config.extends];
}

/** An `extends` entry is a file when it starts with `./`, `../`, `/` or a drive letter; anything else names an npm package. */
export function isPathEntry(entry: string): boolean {
  return entry.startsWith('./') || entry.startsWith('../') || entry.startsWith('/') || /^[a-z]:[\\/]/i.test(entry);
}

const CONFIG_IN_PACKAGE = ['runbook-lint.jsonc', 'runbook-lint.json', '.runbook-lint.jsonc', '.runbook-lint.json'];

/**
 * Resolve an npm package named in `extends` from a folder, the way Node looks up `node_modules`:
 * `name` → its package.json `main` (a JSON/JSONC config) or a `runbook-lint.json(c)` at its root;
 * `name/sub/path.json` → that file inside the package. Nothing is executed or downloaded.
 */
export async function resolvePackageConfig(host: ResolverHost, name: string, fromDir: string): Promise<{ file?: string; looked: string[] }> {
  const m = /^((?:@[^/]+\/)?[^/]+)(?:\/(.+))?$/.exec(name);
  if (!m) return { looked: [] };
  const [, pkg, sub] = m;
  const looked: string[] = [];
  for (let dir = fromDir; ; ) {
    const root = joinPath(dir, `node_modules/${pkg}`);
    looked.push(root);
    if ((await host.stat(root).catch(() => undefined))?.type === 'directory') {
      if (sub) {
        const target = joinPath(root, sub);
        return (await isFile(host, target)) ? { file: target, looked } : { looked };
      }
      let main: string | undefined;
      try {
        const json = JSON.parse(await host.readFile(joinPath(root, 'package.json'))) as { main?: unknown };
        if (typeof json.main === 'string' && json.main !== '') main = joinPath(root, json.main);
      } catch {
        // no or unreadable package.json: look for a config at the root
      }
      if (main && (await isFile(host, main))) return { file: main, looked };
      for (const candidate of CONFIG_IN_PACKAGE) {
        const path = joinPath(root, candidate);
        if (await isFile(host, path)) return { file: path, looked };
      }
      return { looked };
    }
    const parent = dirname(dir);
    if (parent === dir) return { looked };
    dir = parent;
  }
}

/** A config error located at an `extends` entry. */
export function extendsError(doc: JsonDoc, index: number, isArray: boolean, message: string, display: (p: string) => string): ResolveError {
  const node = nodeAt(doc, isArray ? `/extends/${index}` : '/extends');
  return new ResolveError('config', doc.file, `Invalid config file ${display(doc.file)}`, [problemAt(doc, node?.offset ?? 0, node?.length ?? 0, message)], display);
}

