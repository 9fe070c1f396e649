/**
 * Which schema and rule settings apply to a document the client opened: core's resolver (the same
 * config discovery, validation, schema choice and `$ref` loading as the CLI and the extension)
 * over Node's file system. Results are cached per file until a watched config or schema changes.
 */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createLinter, CONFIG_NAMES, ResolveError, BUILTIN_SCHEMA_LABEL, type Linter, type PreparedSettings, type ResolverHost } from '../core/api.js';

export interface DocumentSettings {
  /** Schema and rules compiled for linting (core's public API); `prepared.info` feeds completion and hover. */
  prepared: PreparedSettings;
  /** How hovers name the schema, e.g. `built-in runbook-lint:continuity` or the schema file. */
  schemaLabel: string;
  /** The config or schema could not be loaded: the runbook gets one `fatal` diagnostic with this text. */
  problem?: string;
  /** True/false when include globs exist, undefined when none do. */
  included?: boolean;
  ignored: boolean;
}

/** Node's fs as the resolver's host (absolute paths, shown as they are). */
export const nodeHost: ResolverHost = {
  readFile: async (path) => {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      throw new Error(e.code === 'ENOENT' ? 'no such file' : e.message);
    }
  },
  stat: async (path) => {
    try {
      const s = await stat(path);
      return { type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other' };
    } catch {
      return undefined;
    }
  },
};

/** The file-system path of a `file:` URI; undefined for other schemes (untitled buffers, virtual files). */
export function filePathOf(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** How much of a runbook is searched for `runbook_schema` (the CLI reads as much). */
const HEAD_CHARS = 16 * 1024;

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

export class SettingsSource {
  readonly linter: Linter;
  private readonly cache = new Map<string, Promise<DocumentSettings>>();
  private defaults?: DocumentSettings;

  constructor(host: ResolverHost = nodeHost) {
    this.linter = createLinter({ host });
  }

  /** Forget cached configs and schemas (a watched file changed). */
  invalidate(): void {
    this.linter.invalidate();
    this.cache.clear();
  }

  /** True when a change to this path can change settings: a config file, or a schema file read so far. */
  async watches(path: string): Promise<boolean> {
    if ((CONFIG_NAMES as readonly string[]).includes(basename(path))) return true;
    return (await this.linter.schemaFiles()).includes(path);
  }

  /** Built-in schema and default rules: documents that are not files (untitled buffers). */
  private builtin(): DocumentSettings {
    return (this.defaults ??= { prepared: this.linter.prepare({ schema: { kind: 'builtin' }, rules: {} }), schemaLabel: BUILTIN_SCHEMA_LABEL, ignored: false });
  }

  /** `text`: the document's text, so a `runbook_schema` in its front matter chooses the schema, as in the CLI. */
  forDocument(uri: string, text = ''): Promise<DocumentSettings> {
    const path = filePathOf(uri);
    if (!path) return Promise.resolve(this.builtin());
    const head = text.slice(0, HEAD_CHARS);
    const own = this.linter.schemaReference(head);
    const key = `${path}\0${own ?? ''}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.resolve(path, own ? head : undefined);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async resolve(path: string, runbookText: string | undefined): Promise<DocumentSettings> {
    try {
      const r = await this.linter.resolve(path, runbookText === undefined ? {} : { text: runbookText });
      return { prepared: this.linter.prepare(r), schemaLabel: r.schema.label, included: r.isIncluded(path), ignored: r.isIgnored(path) };
    } catch (error) {
      // The CLI stops with this message (exit 2); the editor shows it on the runbook instead.
      if (error instanceof ResolveError) return { ...this.builtin(), problem: error.message };
      throw error;
    }
  }
}
