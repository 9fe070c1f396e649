/**
 * Text scans an editor's re-lint repeats over mostly unchanged text (issue 12): no-secrets and
 * placeholder-text run a dozen regular expressions over the whole document on every keystroke.
 * With a document's ScanMemo (kept with its parsed pieces, see PieceCache.scans) the text is cut
 * into segments at headings, and each segment's results are looked up by its exact text; only the
 * segments an edit touched are scanned again. Without a memo (the CLI, a first lint) the whole text
 * is scanned at once, as before.
 */

/** A scan result: offsets into the scanned text. */
export interface Located {
  start: number;
  end: number;
}

/**
 * A pure scan of text. Contract (what makes the segmented scan equal the whole one): results and
 * everything looked at to decide them (lookbehinds, context windows, the line around a match) stay
 * between two segment boundaries, where a boundary is the start of a line that begins with `#`
 * after a blank line (`\n[^\S\n]*\n#`). A scan whose results are regex matches without line breaks,
 * judged by their own line or by context that stops at blank lines, keeps it.
 */
export interface TextScanner<T extends Located> {
  /**
   * Names the scanner and every setting its results depend on besides the text (rule options,
   * document-wide facts): results are reused only under the same key.
   */
  key: string;
  /** Results in `text`, in the order a scan of the whole text would give them within it. */
  scan(text: string): T[];
}

/** A piece of a text between two segment starts, and where it starts. */
export interface Segment {
  start: number;
  text: string;
}

/** Segments shorter than this are joined with the next (fewer lookups, still a section's size). */
export const MIN_SEGMENT = 1024;

/** Where segments start: a `#` line after a blank line (offset of the `#`). */
const BOUNDARY = /\n[^\S\n]*\n(?=#)/g;

/** Segment starts of `text` (always 0 first). */
export function segmentStarts(text: string, minLength = MIN_SEGMENT): number[] {
  const starts = [0];
  let last = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) {
    const at = m.index + m[0].length;
    if (at - last < minLength) continue;
    starts.push(at);
    last = at;
  }
  return starts;
}

/**
 * Results of one document's scans by segment text, kept for its next lint: a lint looks up the
 * last lint's results and keeps those it used (`endLint`), so memory stays one lint's worth.
 */
export class ScanMemo {
  /** @param minSegment Segments shorter than this are joined with the next (tests cut at every boundary with 0). */
  constructor(readonly minSegment = MIN_SEGMENT) {}

  private current = new Map<string, Map<string, unknown>>();
  private previous = new Map<string, Map<string, unknown>>();
  /** This lint's texts cut into segments: several scanners and guards cut the same text. */
  private cuts = new Map<string, Segment[]>();
  /** Segments scanned and reused by the lints since the last `endLint`, for tests and the bench. */
  stats = { scanned: 0, reused: 0 };
  lastStats = { scanned: 0, reused: 0 };

  get<T extends object>(key: string, segment: string, compute: () => T): T {
    let now = this.current.get(key);
    if (!now) this.current.set(key, (now = new Map()));
    const again = now.get(segment) as T | undefined;
    if (again !== undefined) {
      this.stats.reused++;
      return again;
    }
    // Values are result arrays, never undefined: one lookup tells a hit.
    let value = this.previous.get(key)?.get(segment) as T | undefined;
    if (value !== undefined) {
      this.stats.reused++;
    } else {
      this.stats.scanned++;
      value = compute();
    }
    now.set(segment, value);
    return value;
  }

  /** `text` cut at its segment starts (see segmentStarts), once per text and lint. */
  segments(text: string): Segment[] {
    let segments = this.cuts.get(text);
    if (!segments) {
      const starts = segmentStarts(text, this.minSegment);
      segments = starts.map((start, i) => ({ start, text: text.slice(start, starts[i + 1] ?? text.length) }));
      this.cuts.set(text, segments);
    }
    return segments;
  }

  /** A lint is done: the results it did not use are dropped. */
  endLint(): void {
    this.previous = this.current;
    this.current = new Map();
    this.cuts.clear();
    this.lastStats = this.stats;
    this.stats = { scanned: 0, reused: 0 };
  }

  clear(): void {
    this.current.clear();
    this.previous.clear();
    this.cuts.clear();
  }
}

/** `scanner`'s results over `text`: per segment through `memo` when there is one, else in one scan. */
export function scanText<T extends Located>(memo: ScanMemo | undefined, scanner: TextScanner<T>, text: string): T[] {
  if (!memo) return scanner.scan(text);
  const out: T[] = [];
  for (const { start, text: segment } of memo.segments(text)) {
    const results = memo.get(scanner.key, segment, () => scanner.scan(segment));
    // Cached results are shared between lints: moved copies, never the cached objects changed.
    if (start === 0) out.push(...results);
    else for (const r of results) out.push({ ...r, start: r.start + start, end: r.end + start });
  }
  return out;
}

/**
 * Whether `holds` is true of every segment of `text`, each segment's answer memoized (for checks
 * that are true of the whole text exactly when they are true of every segment: per-line guards).
 */
export function everySegment(memo: ScanMemo, key: string, text: string, holds: (segment: string) => boolean): boolean {
  let all = true;
  // Every segment is looked up, even after a failing one, so the next lint finds them all.
  for (const { text: segment } of memo.segments(text)) {
    if (!memo.get(key, segment, () => (holds(segment) ? YES : NO)).holds) all = false;
  }
  return all;
}

const YES = { holds: true };
const NO = { holds: false };
