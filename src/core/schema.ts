import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction, ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';
import type { Severity } from './types.js';
import { normalizeHeading } from './text.js';
import { patternProblems, type ContentSignature } from './sections/recognise.js';
import { hashString, schemaRefs, SchemaError } from './schema-base.js';

// The parts of this module that need no ajv, for config resolution without the lint engine.
export { BUILTIN_SCHEMA_ID, hashString, schemaRefs, SchemaError } from './schema-base.js';

// ajv and ajv-formats are CommonJS; under NodeNext their default export is the module object.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

export type JsonSchema = Record<string, unknown>;

/** Annotation keywords of design §3: accepted by ajv, no validation effect. */
export const ANNOTATION_KEYWORDS = ['x-headings', 'x-snippet', 'x-severity', 'x-message', 'x-docs', 'x-heading-patterns', 'x-rules'] as const;

export interface SectionSpec {
  id: string;
  /** Canonical title: first `x-headings` entry, else `title`, else the id. */
  title: string;
  aliases: string[];
  description?: string;
  /** Snippet body lines (VS Code snippet syntax), without the heading. */
  snippet?: string[];
  message?: string;
  docs?: string;
  /** Listed in a `required` array of `sections` (possibly conditionally). */
  required: boolean;
  severity: Severity;
  /** Position in the schema's recommended order. */
  order: number;
  /** Content rules bound to this section (`x-rules`); see `sectionsForRule`. */
  rules: string[];
  /** `x-heading-patterns`: keywords, /regex/ strings, `!` exclusions and content signatures (docs/recognition.md). */
  patterns: Array<string | ContentSignature>;
}

export interface FrontmatterKeySpec {
  key: string;
  description?: string;
  required: boolean;
  severity: Severity;
  enum?: unknown[];
  message?: string;
}

export interface SchemaInfo {
  id: string;
  sections: SectionSpec[];
  sectionById: Map<string, SectionSpec>;
  /** Normalised heading text → section id. */
  aliasToId: Map<string, string>;
  frontmatterKeys: FrontmatterKeySpec[];
  frontmatterSnippet?: string[];
  /** `x-heading-patterns` of the `sections` node itself: headings that are never sections but by an exact alias. */
  globalPatterns: string[];
  /** Rule id → ids of the sections it checks, in schema order (from `x-rules`, else the built-in binding). */
  ruleSections: Map<string, string[]>;
}

export interface CompiledSchema {
  info: SchemaInfo;
  validate: ValidateFunction;
  schema: JsonSchema;
  /** Content hash; part of the CLI cache key. */
  hash: string;
}

export interface CompileOptions {
  /** Local schemas that `$ref`s may point to, by `$id` or resolved URI. */
  extraSchemas?: Array<{ uri: string; schema: JsonSchema }>;
  /** A schema that ships with runbook-lint (the built-in one): not checked against the meta-schema (test/core/own-schemas.test.ts checks it). */
  trusted?: boolean;
}

const cache = new Map<string, CompiledSchema>();

/**
 * Schema `pattern`s (and `patternProperties`) run on RE2 (re2js): linear time in the input, so a
 * pattern such as `^(a+)+$` cannot stall a lint. RE2 has no lookaround or backreferences; such a
 * pattern stops the schema with a message that says so.
 */
export const linearRegExp = Object.assign(
  (pattern: string, flags: string): { test(input: string): boolean } => {
    try {
      return RE2JS.compile(RE2JS.translateRegExp(pattern), flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
    } catch (error) {
      const detail = (error as Error).message.replace(/^error parsing regexp: /, '');
      throw new Error(`pattern ${JSON.stringify(pattern)} cannot be used: runbook-lint runs schema patterns with a linear-time engine (RE2), which has no lookahead, lookbehind or backreferences (${detail})`);
    }
  },
  { code: 'linearRegExp' },
);

let compiledCount = 0;

/** Checks schemas against the meta-schema (ajv's own error text) for every compile in this thread. */
let metaAjv: InstanceType<typeof Ajv2020> | undefined;

function newAjv(validateSchema: boolean): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, validateFormats: true, validateSchema, code: { regExp: linearRegExp } });
  addFormats(ajv);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ['string', 'array', 'object', 'boolean', 'number'] });
  return ajv;
}

/** How many schemas this thread has compiled with ajv (diagnostics: a run served from the CLI's cache compiles none). */
export function schemaCompileCount(): number {
  return compiledCount;
}

/** Compile a runbook schema once; later calls with the same content return the cached result. */
export function compileSchema(schema: JsonSchema, options: CompileOptions = {}): CompiledSchema {
  const extras = options.extraSchemas ?? [];
  const hash = hashString(JSON.stringify([schema, extras]));
  const hit = cache.get(hash);
  if (hit) return hit;

  const schemaId = typeof schema.$id === 'string' ? schema.$id : undefined;
  assertNoRemoteRefs(schema, schemaId);
  for (const extra of extras) assertNoRemoteRefs(extra.schema, extra.uri);

  compiledCount++;
  // A fresh instance per schema (two schemas may share an $id), which skips the meta-schema check:
  // ajv compiles the meta-schema once per instance (~0.2 s), so one instance per thread does that.
  const ajv = newAjv(false);
  let validate: ValidateFunction;
  try {
    const meta = options.trusted ? undefined : (metaAjv ??= newAjv(true));
    for (const extra of extras) {
      meta?.validateSchema(extra.schema, true);
      ajv.addSchema(extra.schema, extra.uri);
    }
    meta?.validateSchema(schema, true);
    validate = ajv.compile(schema);
  } catch (error) {
    throw new SchemaError(`Schema does not compile: ${(error as Error).message}`, schemaId);
  }
  assertPatterns(schema, schemaId);
  const compiled: CompiledSchema = { info: extractSchemaInfo(schema), validate, schema, hash };
  cache.set(hash, compiled);
  return compiled;
}

/** Remote `$ref`s are never fetched: linting must not touch the network. */
function assertNoRemoteRefs(schema: unknown, where: string | undefined): void {
  const remote = schemaRefs(schema).find((ref) => /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) && !ref.startsWith('file:'));
  if (remote) {
    throw new SchemaError(
      `Schema${where ? ` ${where}` : ''} has a remote $ref "${remote}"; runbook-lint never fetches schemas over the network. Download it and refer to the local file instead.`,
      where,
    );
  }
}

function asLines(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(/\r?\n/);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

function asSeverity(value: unknown): Severity {
  return value === 'warning' || value === 'warn' ? 'warning' : 'error';
}

function asObject(value: unknown): JsonSchema | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}

/** Every `required` list that applies to `properties.<name>`, wherever it sits (allOf, then/else, anyOf). */
function collectRequired(schema: JsonSchema, name: string): Set<string> {
  const found = new Set<string>();
  const visit = (node: JsonSchema | undefined, depth: number): void => {
    if (!node || depth > 8) return;
    const target = asObject(asObject(node.properties)?.[name]);
    if (target && Array.isArray(target.required)) for (const id of target.required) found.add(String(id));
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = node[key];
      if (Array.isArray(list)) for (const sub of list) visit(asObject(sub), depth + 1);
    }
    // `required` inside `if` is a condition ("when the runbook has X"), not a requirement: only the branches count.
    for (const key of ['then', 'else']) visit(asObject(node[key]), depth + 1);
  };
  visit(schema, 0);
  return found;
}

function asPatterns(value: unknown): Array<string | ContentSignature> {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string | ContentSignature => typeof v === 'string' || Boolean(asObject(v)));
}

/** `x-heading-patterns` mistakes (a regex that does not compile) stop the schema load, like a bad `$ref`. */
function assertPatterns(schema: JsonSchema, where: string | undefined): void {
  const sections = asObject(asObject(schema.properties)?.sections);
  if (!sections) return;
  const problems = patternProblems(sections['x-heading-patterns']).map((p) => `sections: ${p}`);
  for (const [id, node] of Object.entries(asObject(sections.properties) ?? {})) {
    problems.push(...patternProblems(asObject(node)?.['x-heading-patterns']).map((p) => `section "${id}": ${p}`));
  }
  if (problems.length > 0) throw new SchemaError(`Schema${where ? ` ${where}` : ''} has invalid x-heading-patterns: ${problems.join('; ')}`, where);
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Which sections each content rule reads, for schemas written before `x-rules`: the default schema's
 * binding by section id. A schema that declares `x-rules` on any section uses only its own declarations.
 */
export const LEGACY_RULE_SECTIONS: Readonly<Record<string, readonly string[]>> = {
  'backup-channels': ['backup-channels'],
  'escalation-path': ['escalation-contacts'],
  'vendor-assistance': ['vendor-assistance'],
  'recovery-objectives': ['recovery-objectives'],
  'contact-details': ['roles', 'escalation-contacts', 'vendor-assistance'],
};

function bindRules(sections: SectionSpec[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const declared = sections.some((s) => s.rules.length > 0);
  for (const spec of sections) {
    const rules = declared ? spec.rules : Object.keys(LEGACY_RULE_SECTIONS).filter((r) => LEGACY_RULE_SECTIONS[r]!.includes(spec.id));
    for (const rule of rules) out.set(rule, [...(out.get(rule) ?? []), spec.id]);
  }
  return out;
}

/** What editors, fixes and rules need to know about a schema, independent of ajv. */
export function extractSchemaInfo(schema: JsonSchema): SchemaInfo {
  const props = asObject(schema.properties) ?? {};
  const sectionsSchema = asObject(props.sections) ?? {};
  const sectionProps = asObject(sectionsSchema.properties) ?? {};
  const requiredSections = collectRequired(schema, 'sections');
  const sections: SectionSpec[] = [];
  const aliasToId = new Map<string, string>();
  let order = 0;
  for (const [id, value] of Object.entries(sectionProps)) {
    const node = asObject(value) ?? {};
    const headings = (Array.isArray(node['x-headings']) ? node['x-headings'] : []).filter((h): h is string => typeof h === 'string');
    const title = headings[0] ?? (typeof node.title === 'string' ? node.title : id);
    const spec: SectionSpec = {
      id,
      title,
      aliases: headings.length > 0 ? headings : [title],
      description: typeof node.description === 'string' ? node.description : undefined,
      snippet: asLines(node['x-snippet']),
      message: typeof node['x-message'] === 'string' ? node['x-message'] : undefined,
      docs: typeof node['x-docs'] === 'string' ? node['x-docs'] : undefined,
      required: requiredSections.has(id),
      severity: asSeverity(node['x-severity']),
      order: order++,
      rules: asStrings(node['x-rules']),
      patterns: asPatterns(node['x-heading-patterns']),
    };
    sections.push(spec);
    for (const alias of [id, title, ...spec.aliases]) {
      const key = normalizeHeading(alias);
      if (key && !aliasToId.has(key)) aliasToId.set(key, id);
    }
  }
  const fmSchema = asObject(props.frontmatter) ?? {};
  const fmRequired = collectRequired(schema, 'frontmatter');
  const frontmatterKeys: FrontmatterKeySpec[] = Object.entries(asObject(fmSchema.properties) ?? {}).map(([key, value]) => {
    const node = asObject(value) ?? {};
    return {
      key,
      description: typeof node.description === 'string' ? node.description : undefined,
      required: fmRequired.has(key),
      severity: asSeverity(node['x-severity']),
      enum: Array.isArray(node.enum) ? node.enum : undefined,
      message: typeof node['x-message'] === 'string' ? node['x-message'] : undefined,
    };
  });
  return {
    ruleSections: bindRules(sections),
    globalPatterns: asStrings(sectionsSchema['x-heading-patterns']),
    id: typeof schema.$id === 'string' ? schema.$id : 'custom',
    sections,
    sectionById: new Map(sections.map((s) => [s.id, s])),
    aliasToId,
    frontmatterKeys,
    frontmatterSnippet: asLines(fmSchema['x-snippet']),
  };
}

export type { ErrorObject };
