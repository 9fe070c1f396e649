import { parseDocument, isMap, isPair, isScalar, isNode, isSeq, isAlias } from 'yaml';
import type { LineIndex } from './text.js';
import { joinPointer } from './text.js';
import type { Range } from './types.js';

export interface FrontmatterResult {
  data: Record<string, unknown>;
  /** Range of the whole `---` block, if present. */
  range?: Range;
  /** Offset where the YAML text starts (after the opening fence line). */
  yamlOffset: number;
  /** JSON pointer (`/frontmatter/owner`) → range of the value; keys map too (`…#key`). */
  pointers: Map<string, Range>;
  /** A syntax problem, reported as `fatal`. */
  error?: { message: string; range: Range };
  /** The block parsed but is not a mapping. */
  notAMapping?: Range;
}

// Alias bombs (billion laughs) expand exponentially; yaml stops past this many alias nodes.
const MAX_ALIAS_COUNT = 100;

/** Front matter is a handful of keys; these bounds keep a hostile block from costing more than a moment. */
export const MAX_FRONTMATTER_BYTES = 256 * 1024;
export const MAX_FRONTMATTER_KEYS = 10_000;
export const MAX_FRONTMATTER_DEPTH = 64;

const fmError = (result: FrontmatterResult, lines: LineIndex, message: string, start: number, end: number): FrontmatterResult => {
  result.error = { message, range: lines.range(start, Math.max(start, end)) };
  return result;
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a YAML timestamp's text is not a real date or time (yaml rolls 2026-02-31 over to March 3), or undefined. */
export function invalidTimestamp(source: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/.exec(source.trim());
  if (!m) return `"${source}" is not a YAML timestamp (expected YYYY-MM-DD, optionally with a time)`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `"${source}" is not a valid date: there is no month ${month}`;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS[month - 1]!;
  if (day < 1 || day > days) return `"${source}" is not a valid date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60)) return `"${source}" is not a valid time of day`;
  return undefined;
}

/**
 * Key count, nesting depth, duplicate keys (our own linear check: yaml's uniqueKeys is quadratic
 * in the keys of a map) and timestamps that do not exist. Iterative: deep nesting cannot overflow.
 */
function checkStructure(contents: unknown): { message: string; range?: [number, number]; duplicateKey?: boolean } | undefined {
  let keys = 0;
  // A repeated key is reported, but only when nothing worse is found: the rest of the block is readable.
  let duplicate: { message: string; range?: [number, number]; duplicateKey: true } | undefined;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_FRONTMATTER_DEPTH) return { message: `front matter nests deeper than ${MAX_FRONTMATTER_DEPTH} levels`, range: node.range ? [node.range[0], node.range[0] + 1] : undefined };
      const seen = isMap(node) ? new Set<string>() : undefined;
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          keys++;
          if (keys > MAX_FRONTMATTER_KEYS) return { message: `front matter has more than ${MAX_FRONTMATTER_KEYS.toLocaleString('en-US')} keys`, range: isNode(item.key) && item.key.range ? [item.key.range[0], item.key.range[1]] : undefined };
          if (seen && isScalar(item.key)) {
            const name = String(item.key.value);
            if (seen.has(name)) duplicate ??= { message: `Map keys must be unique ("${name}" appears twice)`, range: item.key.range ? [item.key.range[0], item.key.range[1]] : undefined, duplicateKey: true };
            seen.add(name);
          } else if (isNode(item.key)) stack.push({ node: item.key, depth: depth + 1 });
          stack.push({ node: item.value, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    } else if (isScalar(node) && node.tag === 'tag:yaml.org,2002:timestamp' && !isAlias(node)) {
      const why = invalidTimestamp(typeof node.source === 'string' ? node.source : String(node.value));
      if (why) return { message: why, range: node.range ? [node.range[0], node.range[1]] : undefined };
    }
  }
  return duplicate;
}

/** Parse the YAML front matter with key and value ranges mapped back into the document. */
export function parseFrontmatter(yaml: string, blockStart: number, blockEnd: number, lines: LineIndex): FrontmatterResult {
  // The YAML starts on line 2 of the block, whatever the line ending (LF, CRLF or a lone CR).
  const yamlOffset = Math.min(lines.lineStart(lines.point(blockStart).line + 1), blockEnd);
  const result: FrontmatterResult = { data: {}, range: lines.range(blockStart, blockEnd), yamlOffset, pointers: new Map() };
  if (yaml.length > MAX_FRONTMATTER_BYTES) {
    return fmError(result, lines, `front matter is ${Math.round(yaml.length / 1024)} KB; runbook-lint reads at most ${MAX_FRONTMATTER_BYTES / 1024} KB of it (keep long text in the body)`, blockStart, blockStart + 3);
  }
  // The yaml package does not treat a lone CR as a line break; LF has the same length, so offsets still map 1:1.
  const doc = parseDocument(yaml.replace(/\r(?!\n)/g, '\n'), { prettyErrors: false, strict: true, uniqueKeys: false });
  const firstError = doc.errors[0];
  if (firstError) {
    const at = yamlOffset + (firstError.pos?.[0] ?? 0);
    result.error = { message: firstError.message.split('\n')[0]!, range: lines.range(at, Math.max(at, yamlOffset + (firstError.pos?.[1] ?? 0))) };
    return result;
  }
  const bad = checkStructure(doc.contents);
  if (bad) {
    const [s, e] = bad.range ?? [0, 3];
    fmError(result, lines, bad.message, yamlOffset + s, yamlOffset + e);
    // A repeated key (`layout: ops` then `layout: docs`) is still reported, but site generators take
    // the last value and read the rest: keep the data, so the block's `title` is not called missing.
    if (!bad.duplicateKey) return result;
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    result.error = { message: (error as Error).message, range: lines.range(blockStart, blockStart + 3) };
    return result;
  }
  if (value === null || value === undefined) return result;
  if (typeof value !== 'object' || Array.isArray(value) || !isMap(doc.contents)) {
    result.notAMapping = result.range;
    return result;
  }
  result.data = normaliseDates(value as Record<string, unknown>);
  for (const pair of doc.contents.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const pointer = joinPointer('/frontmatter', key);
    const keyRange = pair.key.range;
    const valueRange = isNode(pair.value) ? pair.value.range : undefined;
    if (keyRange) result.pointers.set(pointer + '#key', lines.range(yamlOffset + keyRange[0], yamlOffset + keyRange[1]));
    const span = valueRange ?? keyRange;
    if (span) result.pointers.set(pointer, lines.range(yamlOffset + span[0], yamlOffset + Math.max(span[0], span[1])));
  }
  return result;
}

/**
 * `---` on line 1 and a `key:` line after it, but no closing `---`: the parser read a thematic break
 * and paragraphs. Reported like broken YAML, which beats "front matter has no owner".
 */
export function unclosedFrontmatter(lines: LineIndex): FrontmatterResult | undefined {
  const open = /^---[ \t]*(?:\r\n|\r|\n)([^\r\n]*)/.exec(lines.text);
  if (!open || !/^[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|$)/.test(open[1]!)) return undefined;
  const range = lines.lineRange(1);
  return { data: {}, range, yamlOffset: lines.lineStart(2), pointers: new Map(), error: { message: 'the `---` on line 1 opens a block that is never closed (no `---` line after the keys)', range } };
}

/** YAML 1.2 keeps `2026-05-01` a string already; Date objects (from `!!timestamp`) become ISO dates so the schema sees strings. */
function normaliseDates(data: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(data)) {
    if (value instanceof Date) data[key] = Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
  }
  return data;
}
