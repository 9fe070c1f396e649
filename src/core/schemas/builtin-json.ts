import continuity from '../../../schemas/runbook.schema.json' with { type: 'json' };
import type { JsonSchema } from '../schema.js';

/** The bundled default schema (`runbook-lint:continuity`); bundled so untrusted and web hosts need no file access. */
export const builtinSchemaJson = continuity as JsonSchema;
