/**
 * The parts of the schema module that need neither ajv nor RE2: what config resolution and schema
 * loading use, so they (and the CLI's warm cache) run without loading the lint engine.
 * src/core/schema.ts re-exports all of it.
 */

export const BUILTIN_SCHEMA_ID = 'runbook-lint:continuity';

/** A schema that cannot be used; the CLI exits 2 with this message. */
export class SchemaError extends Error {
  constructor(message: string, readonly schemaId?: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

/** FNV-1a over the schema text: cheap, deterministic and available in every host (no node:crypto). */
export function hashString(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0') + text.length.toString(16);
}

/** Every `$ref` / `$dynamicRef` string in a schema, for loading local files and refusing remote ones. */
export function schemaRefs(schema: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) for (const item of node) stack.push(item); // no spread: a 1e6-item array must not overflow the stack
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === '$ref' || key === '$dynamicRef') && typeof value === 'string') out.push(value);
        else stack.push(value);
      }
    }
  }
  return out;
}
