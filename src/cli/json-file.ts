import * as jsoncNs from 'jsonc-parser';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ANNOTATION_KEYWORDS, LineIndex } from '../core/index.js';
import { UsageError } from './errors.js';

// jsonc-parser ships UMD (CommonJS under Node) and ESM (picked by esbuild); ajv is CommonJS.
const jsonc = ((jsoncNs as unknown as { parseTree?: unknown }).parseTree ? jsoncNs : (jsoncNs as unknown as { default: typeof jsoncNs }).default) as typeof jsoncNs;
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

export type JsonNode = jsoncNs.Node;

/** A parsed JSON/JSONC file that remembers where every value came from. */
export interface JsonFile {
  file: string;
  text: string;
  value: unknown;
  tree: JsonNode | undefined;
  lines: LineIndex;
}

const PARSE_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected "," or the end of the object/array',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in a .json schema file',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string (control characters must be escaped)',
};

/** "file:line:column" of an offset. */
export function where(doc: Pick<JsonFile, 'file' | 'lines'>, offset: number): string {
  const p = doc.lines.point(offset);
  return `${doc.file}:${p.line}:${p.column}`;
}

/**
 * Parse JSON (or JSONC when `jsonc` is set: comments and trailing commas allowed). Syntax errors
 * become a UsageError listing each one as `file:line:column: what`.
 */
export function parseJsonFile(file: string, text: string, options: { jsonc: boolean; what: string }): JsonFile {
  const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text; // keep offsets
  const errors: jsoncNs.ParseError[] = [];
  const tree = jsonc.parseTree(body, errors, { allowTrailingComma: options.jsonc, disallowComments: !options.jsonc, allowEmptyContent: false });
  const lines = new LineIndex(body);
  const doc: JsonFile = { file, text: body, value: tree ? jsonc.getNodeValue(tree) : undefined, tree, lines };
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map((e) => `${where(doc, e.offset)}: ${PARSE_ERRORS[jsonc.printParseErrorCode(e.error)] ?? jsonc.printParseErrorCode(e.error)}`);
    if (errors.length > 5) shown.push(`… and ${errors.length - 5} more syntax errors`);
    throw new UsageError(`${options.what} is not valid ${options.jsonc ? 'JSON (comments and trailing commas are allowed)' : 'JSON'}:\n  ${shown.join('\n  ')}`);
  }
  return doc;
}

/** The node at a JSON pointer (`/rules/stale-review/1`), or the deepest existing ancestor. */
export function nodeAt(doc: JsonFile, pointer: string): JsonNode | undefined {
  if (!doc.tree) return undefined;
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let n = segments.length; n >= 0; n--) {
    const path = segments.slice(0, n).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const node = jsonc.findNodeAtLocation(doc.tree, path);
    if (node) return node;
  }
  return doc.tree;
}

/** Offset of a property's key inside the object at `pointer` (for "unknown property" errors). */
export function keyOffset(doc: JsonFile, pointer: string, key: string): number | undefined {
  const node = nodeAt(doc, pointer);
  const prop = node?.type === 'object' ? node.children?.find((c) => c.children?.[0]?.value === key) : undefined;
  return prop?.children?.[0]?.offset;
}

let ajvInstance: InstanceType<typeof Ajv2020> | undefined;

/** One Ajv (2020-12) for the CLI's own schemas: config file and rule options. */
export function cliAjv(): InstanceType<typeof Ajv2020> {
  if (!ajvInstance) {
    ajvInstance = new Ajv2020({ allErrors: true, verbose: true, strict: false });
    addFormats(ajvInstance);
    for (const keyword of [...ANNOTATION_KEYWORDS, 'markdownDescription']) {
      if (!ajvInstance.getKeyword(keyword)) ajvInstance.addKeyword({ keyword, schemaType: ['string', 'array', 'object', 'boolean', 'number'] });
    }
  }
  return ajvInstance;
}

const compiled = new WeakMap<object, ValidateFunction>();

export function compileCliSchema(schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = cliAjv().compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/**
 * Turn ajv errors into `file:line:column: message` lines. Wrapper errors (anyOf/oneOf) replace
 * their branches' errors, and a node's `x-message` is preferred over ajv's wording.
 */
export function describeAjvErrors(doc: JsonFile, errors: ErrorObject[], basePointer = '', special?: (e: ErrorObject) => string | undefined): string[] {
  const wrappers = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'propertyNames' || e.keyword === 'if').map((e) => e.schemaPath);
  const kept = errors.filter((e) => !wrappers.some((w) => e.schemaPath !== w && e.schemaPath.startsWith(w + '/')) && e.keyword !== 'if');
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    const pointer = basePointer + e.instancePath;
    let offset: number | undefined;
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') offset = keyOffset(doc, pointer, params.additionalProperty);
    if (e.keyword === 'propertyNames' && typeof params.propertyName === 'string') offset = keyOffset(doc, pointer, params.propertyName);
    offset ??= nodeAt(doc, pointer)?.offset ?? 0;
    const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
    const label = pointer === '' ? 'The file' : `"${pointer.slice(1).split('/').join('.')}"`;
    let message = special?.(e);
    if (!message) {
      if (typeof parent['x-message'] === 'string') message = parent['x-message'];
      else if (e.keyword === 'additionalProperties') message = `Unknown property "${params.additionalProperty}" in ${pointer === '' ? 'the file' : label}.`;
      else if (e.keyword === 'required') message = `${label} is missing the required property "${params.missingProperty}".`;
      else if (e.keyword === 'enum') message = `${label} ${e.message}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
      else message = `${label} ${e.message}.`;
    }
    const line = `${where(doc, offset)}: ${message}`;
    if (!seen.has(line)) {
      seen.add(line);
      out.push(line);
    }
  }
  return out;
}
