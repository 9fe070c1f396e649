/**
 * Compiling schema payloads with ajv: the part of schema loading that needs the schema compiler,
 * kept apart from ./load.ts so config resolution can run without it. Importing this module makes
 * the built-in schema compilable (setBuiltinCompiler).
 */
import { builtinSchemaJson } from './builtin-json.js';
import { compileSchema, SchemaError, type CompiledSchema } from '../schema.js';
import { ResolveError } from '../config/problems.js';
import { setBuiltinCompiler, type SchemaPayload } from './load.js';

export { resolveUri } from '../config/ajv.js';

let builtinCompiled: CompiledSchema | undefined;

/** Compile a payload (in the main thread or a worker); schema problems become ResolveErrors. */
export function compilePayload(payload: SchemaPayload, shownPath?: string): CompiledSchema {
  // One compiled built-in schema per thread: every settings object that uses it shares it.
  if (payload.kind === 'builtin') return (builtinCompiled ??= compileSchema(builtinSchemaJson, { trusted: true }));
  try {
    return compileSchema(payload.json, { extraSchemas: payload.extras });
  } catch (error) {
    if (error instanceof SchemaError) throw new ResolveError('schema', payload.path, `Schema ${shownPath ?? payload.path}: ${error.message}`);
    throw error;
  }
}

setBuiltinCompiler(() => compilePayload({ kind: 'builtin' }));
