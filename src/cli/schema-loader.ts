import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSchema, schemaRefs, SchemaError, type CompiledSchema, type JsonSchema } from '../core/index.js';
import { builtinSchema, builtinSchemaJson } from '../core/builtin-schema.js';
import { createHash } from 'node:crypto';
import { UsageError } from './errors.js';
import { cliAjv, parseJsonFile } from './json-file.js';
import type { SchemaPayload } from './types.js';

export interface LoadedSchema {
  payload: SchemaPayload;
  /** Content hash of the schema and every file it `$ref`s (part of the cache and settings key). */
  hash: string;
  /** The compiled schema (compiled on first use for the built-in one: worker threads compile their own). */
  readonly compiled: CompiledSchema;
  /** Absolute paths of every file read (the schema and the local files it `$ref`s). */
  files: string[];
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function readJson(file: string, what: string): JsonSchema {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(`Cannot read ${what} ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}.`);
  }
  const doc = parseJsonFile(file, text, { jsonc: /\.jsonc$/i.test(file), what: `${what[0]!.toUpperCase()}${what.slice(1)} ${file}` });
  if (!doc.value || typeof doc.value !== 'object' || Array.isArray(doc.value)) throw new UsageError(`${file}:1:1: a JSON Schema must be an object.`);
  return doc.value as JsonSchema;
}

/**
 * Load a custom runbook schema and every LOCAL file it `$ref`s (relative paths or file: URLs),
 * registered under the URI ajv will look them up by. Remote refs are left for the core to reject
 * (SchemaError → exit 2); nothing is ever fetched.
 */
export function loadSchemaFile(path: string): LoadedSchema {
  const main = readJson(path, 'schema');
  const resolver = cliAjv().opts.uriResolver;
  const extras: Array<{ uri: string; schema: JsonSchema }> = [];
  const files = [path];
  const queue: Array<{ file: string; schema: JsonSchema; base: string }> = [{ file: path, schema: main, base: typeof main.$id === 'string' ? main.$id : '' }];
  while (queue.length > 0) {
    const { file, schema, base } = queue.shift()!;
    for (const ref of schemaRefs(schema)) {
      const target = ref.split('#')[0]!;
      if (target === '') continue;
      let localPath: string;
      if (/^file:/i.test(target)) localPath = fileURLToPath(target);
      else if (SCHEME.test(target)) continue; // remote (the core rejects it) or a known $id such as runbook-lint:…
      else localPath = resolve(dirname(file), decodeURIComponent(target));
      if (files.includes(localPath)) continue; // one registration per file (a second one would duplicate its $id)
      files.push(localPath);
      const uri = resolver.resolve(base, target);
      const json = readJson(localPath, `schema (referenced as "${ref}" from ${file})`);
      extras.push({ uri, schema: json });
      queue.push({ file: localPath, schema: json, base: typeof json.$id === 'string' ? json.$id : uri });
    }
  }
  const payload: SchemaPayload = { kind: 'file', path, json: main, extras };
  // Compiled now, so a schema that does not compile stops the run (exit 2) before any linting.
  return { payload, hash: createHash('sha256').update(JSON.stringify(payload)).digest('hex'), compiled: compilePayload(payload), files };
}

/** The built-in schema, compiled lazily. */
export function builtinLoaded(): LoadedSchema {
  let compiled: CompiledSchema | undefined;
  return {
    payload: { kind: 'builtin' },
    hash: createHash('sha256').update(JSON.stringify(builtinSchemaJson)).digest('hex'),
    get compiled() {
      compiled ??= builtinSchema();
      return compiled;
    },
    files: [],
  };
}

/** Compile a payload (in the main thread or a worker); schema problems become UsageErrors. */
export function compilePayload(payload: SchemaPayload): CompiledSchema {
  if (payload.kind === 'builtin') return builtinSchema();
  try {
    return compileSchema(payload.json, { extraSchemas: payload.extras });
  } catch (error) {
    if (error instanceof SchemaError) throw new UsageError(`Schema ${payload.path}: ${error.message}`);
    throw error;
  }
}
