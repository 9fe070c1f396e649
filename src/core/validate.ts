import type { ErrorObject } from 'ajv';
import type { CompiledSchema, JsonSchema } from './schema.js';
import type { RunbookDocument } from './model.js';
import type { Severity } from './types.js';

export type SchemaErrorKind = 'required-section' | 'frontmatter' | 'schema';

const SECTIONS_CONTAINER = /^(?:\/sections\/[^/]+)*\/sections$/;

/** Validate the model and drop wrapper errors: `if` ("must match else") and the branch noise under anyOf/oneOf. */
export function validateModel(doc: RunbookDocument, schema: CompiledSchema): ErrorObject[] {
  schema.validate(doc.model);
  const errors = schema.validate.errors ?? [];
  const wrappers = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.schemaPath + '/');
  // One finding per failing node: `minLength` and `pattern` on an empty owner are one problem to the reader.
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword === 'if' || wrappers.some((prefix) => e.schemaPath.startsWith(prefix))) return false;
    if (e.keyword === 'required') return true;
    const key = e.instancePath + '\0' + e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/'));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function schemaErrorKind(error: ErrorObject): SchemaErrorKind {
  if (error.keyword === 'required' && SECTIONS_CONTAINER.test(error.instancePath)) return 'required-section';
  if (error.instancePath === '/frontmatter' || error.instancePath.startsWith('/frontmatter/')) return 'frontmatter';
  if (error.instancePath === '' && error.keyword === 'required' && (error.params as { missingProperty?: string }).missingProperty === 'frontmatter') return 'frontmatter';
  return 'schema';
}

/** The schema node whose annotations describe this failure: the missing child for `required`, else the failing node. */
export function annotationNode(error: ErrorObject): JsonSchema {
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    const child = (parent.properties as Record<string, JsonSchema> | undefined)?.[missing];
    if (child) return child;
  }
  return parent;
}

export function annotationSeverity(node: JsonSchema): Severity | undefined {
  const value = node['x-severity'];
  return value === 'warning' || value === 'warn' ? 'warning' : value === 'error' ? 'error' : undefined;
}

/** Pointer of the value an error is about (a missing property points at its parent). */
export function errorPointer(error: ErrorObject): string {
  return error.instancePath;
}

/** A plain-words rendering of an ajv error for nodes without `x-message`. */
export function describeError(error: ErrorObject): string {
  const where = error.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const subject = where.length > 0 ? `"${where.join(' › ')}"` : 'The runbook';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${subject} is missing "${String(p.missingProperty)}".`;
    case 'type':
      return `${subject} should be ${String(p.type)}, found ${describeValue(error.data)}.`;
    case 'format':
      return `${subject} should be a valid ${String(p.format)}, found ${describeValue(error.data)}.`;
    case 'enum':
      return `${subject} should be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, found ${describeValue(error.data)}.`;
    case 'pattern':
      return `${subject} does not have the expected form (${String(p.pattern)}), found ${describeValue(error.data)}.`;
    case 'minItems':
      return `${subject} should have at least ${String(p.limit)} entr${p.limit === 1 ? 'y' : 'ies'}.`;
    case 'minLength':
      return p.limit === 1 ? `${subject} should not be empty.` : `${subject} should be at least ${String(p.limit)} characters long.`;
    case 'maxLength':
      return `${subject} should be at most ${String(p.limit)} characters long.`;
    default:
      return `${subject} ${error.message ?? 'is invalid'}.`;
  }
}

/** "found …" for a failing value, to follow a schema author's x-message. */
export function describeFound(error: ErrorObject): string {
  if (error.keyword === 'type') return `found ${describeValue(error.data)}, expected ${String((error.params as { type: unknown }).type)}`;
  if (error.keyword === 'required') return `"${String((error.params as { missingProperty: unknown }).missingProperty)}" is missing`;
  return `found ${describeValue(error.data)}`;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return value === '' ? 'an empty value' : JSON.stringify(value.length > 60 ? value.slice(0, 57) + '…' : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}
