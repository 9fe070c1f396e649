import type { FileResult, LintMessage } from '../types.js';
import { collect, type Sink, type StreamFormatter } from './stream.js';

/** Strings whose JSON bytes are remembered, at most this many characters in all (so memory stays bounded). */
const QUOTE_MEMO_CHARS = 4 * 1024 * 1024;

/** Size of the buffers the output is written into (a bigger one for a file whose JSON does not fit). */
const BUFFER_BYTES = 256 * 1024;

/**
 * ESLint-compatible JSON: `[{ filePath, errorCount, warningCount, fixableErrorCount, fixableWarningCount, messages, output? }]`.
 * Written file by file (the same bytes as one JSON.stringify of the array), so neither every result
 * nor the whole report is held at once.
 *
 * Written as UTF-8 bytes, not text: a run's messages repeat a few texts thousands of times (on the
 * 848-file corpus, 12,645 messages and their fix texts hold 295 distinct strings, and from the cache
 * they are the same string objects), so each string is escaped and encoded once and then copied.
 * Building the 11 MB report as text and encoding it cost more than everything else a warm `--cache`
 * run does with the results.
 */
export function jsonFormatter(write: Sink): StreamFormatter {
  let first = true;
  const out = new JsonBytes(write);
  return {
    add(r) {
      out.bytes(first ? OPEN_ARRAY : COMMA);
      fileJson(r, out);
      out.flush();
      first = false;
    },
    end() {
      out.bytes(first ? EMPTY_REPORT : END_REPORT);
      out.flush();
    },
  };
}

export function formatJson(results: FileResult[]): string {
  return collect(jsonFormatter, results);
}

const encoder = new TextEncoder();
const ascii = (text: string): Uint8Array => encoder.encode(text);

// The fixed parts of the layout, encoded once: writing is then copying bytes (TypedArray#set), with no per-call encoding.
const OPEN_ARRAY = ascii('[');
const COMMA = ascii(',');
const CLOSE_ARRAY = ascii(']');
const CLOSE_OBJECT = ascii('}');
const EMPTY_REPORT = ascii('[]\n');
const END_REPORT = ascii(']\n');
const NULL = ascii('null');
const FILE_PATH = ascii('{"filePath":');
const ERROR_COUNT = ascii(',"errorCount":');
const WARNING_COUNT = ascii(',"warningCount":');
const FIXABLE_ERROR_COUNT = ascii(',"fixableErrorCount":');
const FIXABLE_WARNING_COUNT = ascii(',"fixableWarningCount":');
const MESSAGES = ascii(',"messages":[');
const OUTPUT = ascii(',"output":');
const RULE_ID = ascii('{"ruleId":');
const SEVERITY = ascii(',"severity":');
const MESSAGE = ascii(',"message":');
const LINE = ascii(',"line":');
const COLUMN = ascii(',"column":');
const END_LINE = ascii(',"endLine":');
const END_COLUMN = ascii(',"endColumn":');
const FIX_RANGE = ascii(',"fix":{"range":[');
const FIX_TEXT = ascii('],"text":');
const CLOSE_FIX = ascii('}}');

/**
 * UTF-8 bytes for the sink, handed over file by file ({@link flush}). Pieces are views into a shared
 * buffer that is never written again once handed over (the sink may keep them: stdout writes later);
 * a new buffer is started when one is full.
 */
class JsonBytes {
  private buffer = new Uint8Array(BUFFER_BYTES);
  /** Bytes before this were handed to the sink. */
  private start = 0;
  private length = 0;
  private readonly memo = new Map<string, Uint8Array>();
  private memoChars = 0;

  constructor(private readonly sink: Sink) {}

  /** Hand over what was written since the last flush. */
  flush(): void {
    if (this.length === this.start) return;
    this.sink(this.buffer.subarray(this.start, this.length));
    this.start = this.length;
  }

  /** Room for `bytes` more: else a new buffer, with what is not yet handed over copied into it. */
  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const kept = this.length - this.start;
    const next = new Uint8Array(Math.max(BUFFER_BYTES, 2 * (kept + bytes)));
    next.set(this.buffer.subarray(this.start, this.length));
    this.buffer = next;
    this.start = 0;
    this.length = kept;
  }

  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** A number as JSON.stringify writes it: digits for the integers positions and counts are, else String(n) (`null` if not finite). */
  number(n: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n < 1e15)) return this.bytes(Number.isFinite(n) ? ascii(String(n)) : NULL);
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    this.reserve(digits);
    const buffer = this.buffer;
    let at = this.length + digits;
    this.length = at;
    let rest = n;
    do {
      buffer[--at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /** A string as JSON.stringify writes it; `once`: a string not seen again (a path, a fixed text), not remembered. */
  string(s: string, once = false): void {
    let bytes = once ? undefined : this.memo.get(s);
    if (bytes === undefined) {
      bytes = encoder.encode(JSON.stringify(s));
      if (!once && this.memoChars + s.length <= QUOTE_MEMO_CHARS) {
        this.memo.set(s, bytes);
        this.memoChars += s.length;
      }
    }
    this.bytes(bytes);
  }
}

/** One message as `JSON.stringify` of `{ ruleId, severity, message, line, column, endLine, endColumn, fix? }` writes it. */
function messageJson(m: LintMessage, out: JsonBytes): void {
  out.bytes(RULE_ID);
  out.string(m.ruleId);
  out.bytes(SEVERITY);
  out.number(m.severity);
  out.bytes(MESSAGE);
  out.string(m.message);
  out.bytes(LINE);
  out.number(m.line);
  out.bytes(COLUMN);
  out.number(m.column);
  out.bytes(END_LINE);
  out.number(m.endLine);
  out.bytes(END_COLUMN);
  out.number(m.endColumn);
  if (m.fix) {
    out.bytes(FIX_RANGE);
    out.number(m.fix.range[0]);
    out.bytes(COMMA);
    out.number(m.fix.range[1]);
    out.bytes(FIX_TEXT);
    out.string(m.fix.text);
    out.bytes(CLOSE_FIX);
  } else out.bytes(CLOSE_OBJECT);
}

function fileJson(r: FileResult, out: JsonBytes): void {
  out.bytes(FILE_PATH);
  out.string(r.filePath, true);
  out.bytes(ERROR_COUNT);
  out.number(r.errorCount);
  out.bytes(WARNING_COUNT);
  out.number(r.warningCount);
  out.bytes(FIXABLE_ERROR_COUNT);
  out.number(r.fixableErrorCount);
  out.bytes(FIXABLE_WARNING_COUNT);
  out.number(r.fixableWarningCount);
  out.bytes(MESSAGES);
  for (let i = 0; i < r.messages.length; i++) {
    if (i > 0) out.bytes(COMMA);
    messageJson(r.messages[i]!, out);
  }
  out.bytes(CLOSE_ARRAY);
  // --fix-dry-run: the fixed text, only for files the fixes changed (ESLint's `output`).
  if (r.output !== undefined) {
    out.bytes(OUTPUT);
    out.string(r.output, true);
  }
  out.bytes(CLOSE_OBJECT);
}
