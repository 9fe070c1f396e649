/**
 * Loading a runbook schema through the resolver host: the schema file and every LOCAL file it
 * `$ref`s (relative paths or file: URLs), registered under the URI ajv will look them up by.
 * Remote refs are left for compileSchema to refuse; nothing is ever fetched.
 */
import { builtinSchemaJson } from './builtin-json.js';
import { hashString, schemaRefs } from '../schema-base.js';
import type { CompiledSchema, JsonSchema } from '../schema.js';
import type { ResolverHost } from '../config/host.js';
import { parseJsonDoc } from '../config/json.js';
import { dirname, hasScheme, joinPath } from '../config/paths.js';
import { ResolveError } from '../config/problems.js';

/** What a worker needs to rebuild a schema: the built-in one, or the JSON of a file and its local `$ref`s. */
export type SchemaPayload =
  | { kind: 'builtin' }
  | { kind: 'file'; path: string; json: JsonSchema; extras: Array<{ uri: string; schema: JsonSchema }> };

export interface LoadedSchema {
  payload: SchemaPayload;
  /** Hash of the schema and every file it `$ref`s (part of cache and settings keys). */
  hash: string;
  /** Compiled on first use for the built-in schema (workers compile their own), at load time for files. */
  readonly compiled: CompiledSchema;
  /** Every file read: the schema and the local files it `$ref`s (to watch them). */
  files: string[];
}

const display = (host: ResolverHost, path: string) => host.displayPath?.(path) ?? path;

async function readSchemaJson(host: ResolverHost, file: string, what: string): Promise<JsonSchema> {
  let text: string;
  try {
    text = await host.readFile(file);
  } catch (error) {
    throw new ResolveError('schema', file, `Cannot read ${what} ${display(host, file)}: ${(error as Error).message.replace(/\.$/, '')}.`);
  }
  const { doc, problems } = parseJsonDoc(file, text, { jsonc: /\.jsonc$/i.test(file) });
  const What = what[0]!.toUpperCase() + what.slice(1);
  if (problems.length > 0) throw new ResolveError('schema', file, `${What} ${display(host, file)} is not valid JSON`, problems, (p) => display(host, p));
  if (!doc.value || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    throw new ResolveError('schema', file, `${What} ${display(host, file)} is not a JSON Schema`, [{ file, offset: 0, length: 0, line: 1, column: 1, endLine: 1, endColumn: 1, message: 'a JSON Schema must be an object.' }], (p) => display(host, p));
  }
  return doc.value as JsonSchema;
}

function fileUrlPath(url: string): string {
  // file:///C:/x → C:/x ; file:///x → /x ; file://host/x → //host/x is not supported (kept as is)
  const path = decodeURIComponent(url.replace(/^file:\/\//i, ''));
  return /^\/[a-z]:\//i.test(path) ? path.slice(1) : path;
}

/** Load and compile a schema file; every problem is a ResolveError (the CLI exits 2). */
export async function loadSchemaFile(host: ResolverHost, path: string): Promise<LoadedSchema> {
  // A schema file is compiled (ajv) as it is loaded; only the built-in schema can wait for its first lint.
  const { compilePayload, resolveUri } = await import('./compile.js');
  const main = await readSchemaJson(host, path, 'schema');
  const extras: Array<{ uri: string; schema: JsonSchema }> = [];
  const files = [path];
  const queue: Array<{ file: string; schema: JsonSchema; base: string }> = [{ file: path, schema: main, base: typeof main.$id === 'string' ? main.$id : '' }];
  while (queue.length > 0) {
    const { file, schema, base } = queue.shift()!;
    for (const ref of schemaRefs(schema)) {
      const target = ref.split('#')[0]!;
      if (target === '') continue;
      let local: string;
      if (/^file:/i.test(target)) local = fileUrlPath(target);
      else if (hasScheme(target)) continue; // remote (compileSchema refuses it) or a known $id such as runbook-lint:…
      else local = joinPath(dirname(file), decodeURIComponent(target));
      if (files.includes(local)) continue; // one registration per file (a second one would duplicate its $id)
      files.push(local);
      const uri = resolveUri(base, target);
      const json = await readSchemaJson(host, local, `schema (referenced as "${ref}" from ${display(host, file)})`);
      extras.push({ uri, schema: json });
      queue.push({ file: local, schema: json, base: typeof json.$id === 'string' ? json.$id : uri });
    }
  }
  const payload: SchemaPayload = { kind: 'file', path, json: main, extras };
  // Compiled now, so a schema that does not compile stops the run before any linting.
  const compiled = compilePayload(payload, display(host, path));
  return { payload, hash: hashString(JSON.stringify(payload)), compiled, files };
}

/**
 * Compiles the built-in schema: set by ./compile.ts when it loads. Config resolution does not import
 * the schema compiler (ajv, RE2), so a run that lints nothing (the CLI's warm cache) never loads it;
 * whatever lints imports compile.ts first (src/core/api.ts does).
 */
let compileBuiltin: (() => CompiledSchema) | undefined;

export function setBuiltinCompiler(compile: () => CompiledSchema): void {
  compileBuiltin = compile;
}

/** The bundled schema, compiled on first use. */
export function builtinLoaded(): LoadedSchema {
  let compiled: CompiledSchema | undefined;
  return {
    payload: { kind: 'builtin' },
    hash: hashString(JSON.stringify(builtinSchemaJson)),
    get compiled() {
      if (!compileBuiltin) throw new Error('internal error: the built-in schema was used before the schema compiler was loaded (import src/core/schemas/compile.ts)');
      compiled ??= compileBuiltin();
      return compiled;
    },
    files: [],
  };
}
