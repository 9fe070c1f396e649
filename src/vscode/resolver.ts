/**
 * Which config, schema and rule settings apply to a document, and why (design §5, §7, §8): the
 * core's public API (createLinter) over `vscode.workspace.fs`, so the same code runs on the
 * desktop, in a remote and on vscode.dev. Untrusted workspaces get a host with no files: the
 * bundled schema and default rules only. This file only maps URIs and shows problems.
 */
import * as vscode from 'vscode';
import { createGlobSet, createLinter, docsUrl, emptyHost, ResolveError, type ConfigProblem, type FileSettings, type Linter as CoreLinter, type PortableSettings, type PreparedSettings, type ResolverHost, type RuleSetting } from '../core/api.js';
import { SOURCE } from './constants.js';
import type { Log } from './log.js';

export interface Resolved {
  /** The engine these settings came from: lint, fix and problem results go through it. */
  core: CoreLinter;
  /** Schema and rules compiled for linting (`prepared.info`: sections and keys for completion, hover, templates). */
  prepared: PreparedSettings;
  /** The same settings as plain data, for the workspace lint's worker threads. */
  portable: PortableSettings;
  /** Short name of the schema in force, e.g. `built-in runbook-lint:continuity` or `schemas/alert.schema.json`. */
  schemaLabel: string;
  /** Where that choice came from, e.g. `"schema" in .runbook-lint.json`. */
  schemaWhy: string;
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

export function displayPath(uri: vscode.Uri): string {
  // The folder name only helps in multi-root workspaces.
  return uri.scheme === 'file' || vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1) : uri.toString(true);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  return new TextDecoder('utf-8').decode(bytes);
}

/** The core's path for a URI: `scheme://authority/path`, unencoded (query and fragment dropped). */
export function toCorePath(uri: vscode.Uri): string {
  return `${uri.scheme}://${uri.authority}${uri.path}`;
}

export function fromCorePath(path: string): vscode.Uri {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(.*)$/i.exec(path);
  return m ? vscode.Uri.from({ scheme: m[1]!, authority: m[2]!, path: m[3] || '/' }) : vscode.Uri.file(path);
}

/** `vscode.workspace.fs` as the core resolver's host. */
export const workspaceHost: ResolverHost = {
  readFile: (path) => readText(fromCorePath(path)),
  stat: async (path) => {
    try {
      const s = await vscode.workspace.fs.stat(fromCorePath(path));
      return { type: (s.type & vscode.FileType.File) !== 0 ? 'file' : (s.type & vscode.FileType.Directory) !== 0 ? 'directory' : 'other' };
    } catch {
      return undefined;
    }
  },
  displayPath: (path) => displayPath(fromCorePath(path)),
};

/** Diagnostics for config-file problems: the same messages as the CLI prints, on the config file. */
export function configDiagnostics(problems: readonly ConfigProblem[]): vscode.Diagnostic[] {
  return problems.map((p) => {
    const d = new vscode.Diagnostic(new vscode.Range(p.line - 1, p.column - 1, p.endLine - 1, p.endColumn - 1), p.message, vscode.DiagnosticSeverity.Error);
    d.source = SOURCE;
    d.code = { value: 'config', target: vscode.Uri.parse(docsUrl('configuration.md')) };
    return d;
  });
}

/** The text of the runbook's `fatal` diagnostic for a config or schema that cannot be used. */
export function problemText(error: ResolveError): string {
  const first = error.problems[0];
  if (error.kind === 'config' && error.file && first) {
    return `Config ${workspaceHost.displayPath!(error.file)} is invalid: ${first.message}${error.problems.length > 1 ? ` (and ${error.problems.length - 1} more; see Problems)` : ''}`;
  }
  const where = first ? ` (${error.locatedLines()[0]})` : '';
  return error.kind === 'schema' ? `Schema cannot be used: ${error.summary}${where}` : `${error.summary}${where}`;
}

/** A setting value as a core path: absolute paths and URIs as they are, relative ones left for baseDir. */
function settingSchemaValue(value: string): string {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(value)) return toCorePath(vscode.Uri.parse(value));
  if (value.startsWith('/') || /^[a-z]:[\\/]/i.test(value)) return toCorePath(vscode.Uri.file(value));
  return value;
}

export class Resolver implements vscode.Disposable {
  /** Created on first use (activation must not load the engine): one over the workspace, one that sees no files. */
  private readonly cores = new Map<boolean, CoreLinter>();
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
    for (const core of this.cores.values()) core.invalidate();
    this.resolved.clear();
    this.configDiagnostics.clear();
  }

  dispose(): void {
    this.invalidate('dispose');
  }

  private coreLinter(trusted: boolean): CoreLinter {
    let core = this.cores.get(trusted);
    if (!core) {
      core = createLinter({ host: trusted ? workspaceHost : emptyHost, trusted });
      this.cores.set(trusted, core);
    }
    return core;
  }

  /** `text`: the document's text, so a `runbook_schema` in its front matter can choose the schema (trusted only). */
  async resolve(uri: vscode.Uri, text?: string): Promise<Resolved> {
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
    // Untitled documents and schemes without a file system have no folder to search.
    const canWalk = uri.scheme !== 'untitled' && vscode.workspace.fs.isWritableFileSystem(uri.scheme) !== undefined;
    const own = trusted && canWalk && text !== undefined ? this.coreLinter(true).schemaReference(text.slice(0, 16 * 1024)) : undefined;
    const runbookText = own ? text!.slice(0, 16 * 1024) : undefined;
    // Per document: overrides match file names, and a runbook may name its own schema.
    const key = JSON.stringify([trusted, canWalk, uri.with({ query: '', fragment: '' }).toString(), folder?.uri.toString(), schemaSetting, rulesSetting, includeSetting, own ?? null]);
    let hit = this.resolved.get(key);
    if (!hit) {
      hit = this.build(trusted, canWalk, uri, runbookText, folder, schemaSetting, rulesSetting, includeSetting);
      this.resolved.set(key, hit);
    }
    return hit;
  }

  private async build(trusted: boolean, canWalk: boolean, target: vscode.Uri, runbookText: string | undefined, folder: vscode.WorkspaceFolder | undefined, schemaSetting: string, rulesSetting: Record<string, RuleSetting>, includeSetting: string[]): Promise<Resolved> {
    let core = this.coreLinter(trusted);
    const probe = toCorePath(target.with({ query: '', fragment: '' }));
    let r: FileSettings;
    let problem: string | undefined;
    try {
      r = await core.resolve(probe, {
        schemaFallback: schemaSetting ? { value: settingSchemaValue(schemaSetting), baseDir: folder ? toCorePath(folder.uri) : undefined, origin: 'setting runbookLint.schema' } : undefined,
        extraRules: { settings: rulesSetting, origin: 'Setting runbookLint.rules' },
        discover: canWalk,
        text: runbookText,
      });
    } catch (error) {
      if (!(error instanceof ResolveError)) throw error;
      problem = problemText(error);
      if (error.kind === 'config' && error.file && error.problems.length > 0) this.configDiagnostics.set(fromCorePath(error.file), configDiagnostics(error.problems));
      this.log.warn(problem);
      // Lint nothing but the problem: defaults, so completion and hover still work.
      core = this.coreLinter(false);
      r = await core.resolve(probe);
    }
    if (r.config) this.configDiagnostics.delete(fromCorePath(r.config.file));
    for (const f of r.schema.files) this.schemaFiles.add(fromCorePath(f).toString());

    const includeSettingMatch = includeSetting.length > 0 && folder ? createGlobSet(toCorePath(folder.uri), includeSetting).matches : undefined;
    const include = r.config?.include;
    return {
      core,
      prepared: core.prepare(r),
      portable: r.portable,
      schemaLabel: r.schema.label,
      schemaWhy: problem ? 'default until the configuration problem below is fixed' : r.schema.why,
      configUri: r.config ? fromCorePath(r.config.file) : undefined,
      trusted,
      problem,
      isIncluded: (uri) => {
        const fromConfig = r.isIncluded(toCorePath(uri));
        const fromSetting = includeSettingMatch?.(toCorePath(uri));
        return fromConfig === undefined && fromSetting === undefined ? undefined : Boolean(fromConfig) || Boolean(fromSetting);
      },
      isIgnored: (uri) => r.isIgnored(toCorePath(uri)),
      includeGlobs: include ? { dir: fromCorePath(include.dir), globs: [...include.globs] } : includeSettingMatch && folder ? { dir: folder.uri, globs: includeSetting } : undefined,
      key: r.key,
    };
  }
}

