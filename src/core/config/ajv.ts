/** One Ajv (2020-12) for runbook-lint's own schemas (config file, rule options) and the wording of its errors. */
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ANNOTATION_KEYWORDS } from '../schema.js';
import { keyNode, nodeAt, type JsonDoc } from './json.js';

// ajv is CommonJS; under NodeNext its default export is the module object.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;

let ajv: InstanceType<typeof Ajv2020> | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function instance(): InstanceType<typeof Ajv2020> {
  if (!ajv) {
    // Our own schemas only, so no meta-schema check (ajv would compile the meta-schema for it, ~0.2 s
    // per process); test/core/own-schemas.test.ts checks them against it.
    ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, validateSchema: false });
    for (const keyword of [...ANNOTATION_KEYWORDS, 'x-heading-patterns', 'x-rules', 'markdownDescription']) {
      if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword, schemaType: ['string', 'array', 'object', 'boolean', 'number'] });
    }
  }
  return ajv;
}

/** Compile one of our own schemas once (by object identity). */
export function compileOwnSchema(schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = instance().compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** ajv's URI resolver, so local `$ref` files are registered under the URI ajv will look them up by. */
export function resolveUri(base: string, ref: string): string {
  return instance().opts.uriResolver.resolve(base, ref);
}

export interface LocatedMessage {
  offset: number;
  length: number;
  message: string;
}

const depth = (pointer: string) => (pointer === '' ? 0 : pointer.split('/').length - 1);

/**
 * Choose which ajv errors to show. For an anyOf/oneOf failure, the branch that got deepest into
 * the value is the one the user meant: its deepest errors are shown (e.g. `maxAgeDays` must be a
 * whole number) instead of every branch's complaint; when no branch got past the value itself,
 * the wrapper's own `x-message` stands for all of them. (schemaPath cannot be used for this: it
 * restarts at every $ref target.)
 */
function selectErrors(errors: ErrorObject[]): ErrorObject[] {
  const isWrapper = (e: ErrorObject) => e.keyword === 'anyOf' || e.keyword === 'oneOf';
  // `if` only says which branch failed; errors inside an inline propertyNames duplicate its own error.
  let kept = errors.filter((e) => e.keyword !== 'if' && !e.schemaPath.includes('/propertyNames/'));
  const wrappers = kept.filter(isWrapper).sort((a, b) => depth(a.instancePath) - depth(b.instancePath));
  for (const w of wrappers) {
    if (!kept.includes(w)) continue;
    const inside = kept.filter((e) => e !== w && !isWrapper(e) && (e.instancePath === w.instancePath || e.instancePath.startsWith(w.instancePath + '/')));
    const deepest = Math.max(-1, ...inside.map((e) => depth(e.instancePath)));
    if (deepest > depth(w.instancePath)) kept = kept.filter((e) => (e === w ? false : !inside.includes(e) || depth(e.instancePath) === deepest));
    else kept = kept.filter((e) => !inside.includes(e));
  }
  return kept;
}

/**
 * Locate and word ajv errors: `special` first, then the failing node's `x-message`, else ajv's
 * wording with the JSON path. Ranges cover the value (or the offending key for unknown properties).
 */
export function locateAjvErrors(doc: JsonDoc, errors: ErrorObject[], basePointer = '', special?: (e: ErrorObject) => string | undefined): LocatedMessage[] {
  const out: LocatedMessage[] = [];
  const seen = new Set<string>();
  for (const e of selectErrors(errors)) {
    const pointer = basePointer + e.instancePath;
    const params = e.params as Record<string, unknown>;
    let node = undefined as ReturnType<typeof nodeAt>;
    if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') node = keyNode(doc, pointer, params.additionalProperty);
    if (e.keyword === 'propertyNames' && typeof params.propertyName === 'string') node = keyNode(doc, pointer, params.propertyName);
    node ??= nodeAt(doc, pointer);
    const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
    const label = pointer === '' ? 'The file' : `"${pointer.slice(1).split('/').join('.')}"`;
    let message = special?.(e);
    if (!message) {
      if (typeof parent['x-message'] === 'string') message = e.keyword === 'additionalProperties' ? `"${params.additionalProperty}": ${parent['x-message']}` : parent['x-message'];
      else if (e.keyword === 'additionalProperties') message = `Unknown property "${params.additionalProperty}" in ${pointer === '' ? 'the file' : label}.`;
      else if (e.keyword === 'required') message = `${label} is missing the required property "${params.missingProperty}".`;
      else if (e.keyword === 'enum') message = `${label} ${e.message}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
      else message = `${label} ${e.message}.`;
    }
    const offset = node?.offset ?? 0;
    const key = `${offset}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ offset, length: node?.length ?? 0, message });
    }
  }
  return out;
}
