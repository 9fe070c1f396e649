import { parseDocument, isMap, isPair, isScalar, isNode } from 'yaml';
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

/** Parse the YAML front matter with key and value ranges mapped back into the document. */
export function parseFrontmatter(yaml: string, blockStart: number, blockEnd: number, lines: LineIndex): FrontmatterResult {
  // The YAML starts on line 2 of the block, whatever the line ending (LF, CRLF or a lone CR).
  const yamlOffset = Math.min(lines.lineStart(lines.point(blockStart).line + 1), blockEnd);
  const result: FrontmatterResult = { data: {}, range: lines.range(blockStart, blockEnd), yamlOffset, pointers: new Map() };
  // The yaml package does not treat a lone CR as a line break; LF has the same length, so offsets still map 1:1.
  const doc = parseDocument(yaml.replace(/\r(?!\n)/g, '\n'), { prettyErrors: false, strict: true, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const at = yamlOffset + (firstError.pos?.[0] ?? 0);
    result.error = { message: firstError.message.split('\n')[0]!, range: lines.range(at, Math.max(at, yamlOffset + (firstError.pos?.[1] ?? 0))) };
    return result;
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
