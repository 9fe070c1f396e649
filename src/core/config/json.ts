/** JSON / JSONC parsing that remembers where every value came from, with syntax errors in words. */
import * as jsoncNs from 'jsonc-parser';
import { LineIndex } from '../text.js';
import type { ConfigProblem } from './problems.js';

// jsonc-parser ships UMD (CommonJS under Node's test runner, reached through `default`) and ESM
// (picked by esbuild). The namespace is read through a plain object so that esbuild, which sees
// the ESM build, does not warn on every build about the `default` that only the UMD build has.
const loaded: Record<string, unknown> = jsoncNs;
const jsonc = (typeof loaded.parseTree === 'function' ? loaded : loaded['default']) as typeof jsoncNs;

export type JsonNode = jsoncNs.Node;

/** A parsed JSON/JSONC file. */
export interface JsonDoc {
  file: string;
  /** The text with a BOM replaced by a space (offsets unchanged). */
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

/** At most this many syntax errors are listed; the rest are counted. */
const MAX_SYNTAX_ERRORS = 5;

/**
 * Parse JSON, or JSONC when `jsonc` is set (comments and trailing commas allowed). Returns the
 * document and its syntax errors (empty when it parsed).
 */
export function parseJsonDoc(file: string, input: string, options: { jsonc: boolean }): { doc: JsonDoc; problems: ConfigProblem[] } {
  const text = input.charCodeAt(0) === 0xfeff ? ' ' + input.slice(1) : input;
  const errors: jsoncNs.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, { allowTrailingComma: options.jsonc, disallowComments: !options.jsonc, allowEmptyContent: false });
  const doc: JsonDoc = { file, text, value: tree ? jsonc.getNodeValue(tree) : undefined, tree, lines: new LineIndex(text) };
  const problems = errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => problemAt(doc, e.offset, e.length, PARSE_ERRORS[jsonc.printParseErrorCode(e.error)] ?? jsonc.printParseErrorCode(e.error)));
  if (errors.length > MAX_SYNTAX_ERRORS) problems[problems.length - 1]!.message += ` (and ${errors.length - MAX_SYNTAX_ERRORS} more syntax errors)`;
  return { doc, problems };
}

/** A problem at an offset range of a document, with 1-based line/column for both ends. */
export function problemAt(doc: Pick<JsonDoc, 'file' | 'lines'>, offset: number, length: number, message: string): ConfigProblem {
  const s = doc.lines.point(offset);
  const e = doc.lines.point(offset + length);
  return { file: doc.file, offset, length, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, message };
}

function pointerPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The node at a JSON pointer (`/rules/stale-review/1`), or its deepest existing ancestor. */
export function nodeAt(doc: JsonDoc, pointer: string): JsonNode | undefined {
  if (!doc.tree) return undefined;
  const path = pointerPath(pointer);
  for (let n = path.length; n >= 0; n--) {
    const node = jsonc.findNodeAtLocation(doc.tree, path.slice(0, n));
    if (node) return node;
  }
  return doc.tree;
}

/** The key node of a property inside the object at `pointer` (for "unknown property" problems). */
export function keyNode(doc: JsonDoc, pointer: string, key: string): JsonNode | undefined {
  const node = nodeAt(doc, pointer);
  const prop = node?.type === 'object' ? node.children?.find((c) => c.children?.[0]?.value === key) : undefined;
  return prop?.children?.[0];
}

/** Escape a key for a JSON pointer. */
export function pointerKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
