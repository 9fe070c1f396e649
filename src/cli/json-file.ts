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

export interface LocatedProblem {
  offset: number;
  message: string;
}

const depth = (pointer: string) => (pointer === '' ? 0 : pointer.split('/').length - 1);

/**
 * Choose which ajv errors to show. For an anyOf/oneOf failure, the branch that got deepest into
 * the value is the one the user meant: its deepest errors are shown (e.g. `maxAgeDays` must be an
 * integer) instead of every branch's complaint; when no branch got past the value itself, the
 * wrapper's own `x-message` stands for all of them. (schemaPath cannot be used for this: it
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
    if (deepest > depth(w.instancePath)) {
      kept = kept.filter((e) => e === w ? false : !inside.includes(e) || depth(e.instancePath) === deepest);
    } else {
      kept = kept.filter((e) => !inside.includes(e));
    }
  }
  return kept;
}

/**
 * Locate and word ajv errors: `x-message` of the failing node when it has one, else ajv's wording
 * with the JSON path. Offsets point at the value (or the offending key for unknown properties).
 */
export function locateAjvErrors(doc: JsonFile, errors: ErrorObject[], basePointer = '', special?: (e: ErrorObject) => string | undefined): LocatedProblem[] {
  const out: LocatedProblem[] = [];
  const seen = new Set<string>();
  for (const e of selectErrors(errors)) {
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
      if (typeof parent['x-message'] === 'string') message = e.keyword === 'additionalProperties' ? `"${params.additionalProperty}": ${parent['x-message']}` : parent['x-message'];
      else if (e.keyword === 'additionalProperties') message = `Unknown property "${params.additionalProperty}" in ${pointer === '' ? 'the file' : label}.`;
      else if (e.keyword === 'required') message = `${label} is missing the required property "${params.missingProperty}".`;
      else if (e.keyword === 'enum') message = `${label} ${e.message}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
      else message = `${label} ${e.message}.`;
    }
    const key = `${offset}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ offset, message });
    }
  }
  return out;
}

/** `file:line:column: message` lines, in file order, one per position. */
export function formatProblems(doc: JsonFile, problems: LocatedProblem[]): string[] {
  const byOffset = new Map<number, string>();
  for (const p of [...problems].sort((a, b) => a.offset - b.offset)) if (!byOffset.has(p.offset)) byOffset.set(p.offset, p.message);
  return [...byOffset].map(([offset, message]) => `${where(doc, offset)}: ${message}`);
}
