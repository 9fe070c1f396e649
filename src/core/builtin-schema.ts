import { compileSchema, type CompiledSchema } from './schema.js';
import { builtinSchemaJson } from './schemas/builtin-json.js';

export { builtinSchemaJson };

export function builtinSchema(): CompiledSchema {
  return compileSchema(builtinSchemaJson, { trusted: true });
}
