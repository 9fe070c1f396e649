/** Schemas are loaded by the core (src/core/schemas); the CLI only turns their problems into UsageErrors. */
import { compilePayload as coreCompile, ResolveError, type CompiledSchema } from '../core/index.js';
import { UsageError } from './errors.js';
import type { SchemaPayload } from './types.js';

/** Compile a payload (in the main thread or a worker); schema problems become UsageErrors. */
export function compilePayload(payload: SchemaPayload): CompiledSchema {
  try {
    return coreCompile(payload);
  } catch (error) {
    if (error instanceof ResolveError) throw new UsageError(error.message);
    throw error;
  }
}
