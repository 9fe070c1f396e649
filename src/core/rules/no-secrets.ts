import { defineRule, type RuleContext } from '../rule.js';
import type { TextScanner } from '../scan-memo.js';

interface Candidate {
  start: number;
  end: number;
  /** The secret itself (never shown). */
  value: string;
  /** What the message shows instead of the secret. */
  shown: string;
  kind: string;
  /** Lower wins when two candidates overlap (specific formats before generic ones). */
  priority: number;
  /** Which search found it: candidates are judged in the order of a whole-text search (search, then position). */
  search: number;
}

/** `AKIA…MPLE`: the recognisable prefix and the last 4 characters, never the middle. */
function maskToken(value: string, prefixLength: number): string {
  if (value.length < prefixLength + 8) return value.slice(0, prefixLength) + '…';
  return `${value.slice(0, prefixLength)}…${value.slice(-4)}`;
}

interface TokenPattern {
  kind: string;
  re: RegExp;
  prefix: number;
  /** Extra check on the match (e.g. a real Slack token has numeric parts). */
  accept?: (value: string) => boolean;
}

/** Credentials with a documented, recognisable format. Searched everywhere, code blocks included. */
const TOKENS: TokenPattern[] = [
  { kind: 'AWS access key', re: /(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}(?![A-Z0-9])/g, prefix: 4 },
  { kind: 'GitHub token', re: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,}(?![A-Za-z0-9_])/g, prefix: 4 },
  { kind: 'GitHub token', re: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,}/g, prefix: 11 },
  { kind: 'GitLab token', re: /(?<![A-Za-z0-9_-])gl(?:pat|rt|dt|ptt|cbt|oas|ft|imt|agent|soat)-[A-Za-z0-9_-]{20,}/g, prefix: 6 },
  { kind: 'GitLab runner registration token', re: /(?<![A-Za-z0-9])GR1348941[A-Za-z0-9_-]{20,}/g, prefix: 9 },
  { kind: 'Slack token', re: /(?<![A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,}/g, prefix: 5, accept: (v) => (v.match(/\d/g)?.length ?? 0) >= 6 },
  {
    kind: 'Slack webhook URL',
    re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,}/g,
    prefix: 34,
    // The documentation's `T00000000/B00000000/XXXXXXXX…` is an example.
    accept: (v) => !/\/T0+\/|\/X+$/i.test(v),
  },
  { kind: 'Stripe live key', re: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{16,}/g, prefix: 8 },
  { kind: 'Google API key', re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, prefix: 4 },
  { kind: 'JSON Web Token', re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, prefix: 3 },
];

const PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g;

// `password: hunter2`, `DB_PASSWORD=…`, `"client_secret": "…"`, `**Password:** …`, `--password=…`.
// Key prefixes are bounded so a long `a_b_c_…` run cannot make the scan quadratic.
const KEY_VALUE = new RegExp(
  String.raw`(?<![A-Za-z0-9])((?:[A-Za-z0-9]{1,40}[_.-]){0,6}(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret)|(?:[A-Za-z0-9]{1,40}[_-]){1,6}pass)` +
    String.raw`["'*]{0,2}[^\S\r\n]*(?:=>|[:=])\**[^\S\r\n]*` +
    String.raw`("(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\s,;'"]+)`,
  'gid',
);
const CLI_FLAG = /(?<![A-Za-z0-9-])--((?:[a-z]{1,40}-){0,4}(?:password|passwd|token|api-key|secret))[^\S\r\n]+("(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\s'"]+)/gid;

const BEARER = /(?<![A-Za-z])Bearer[^\S\r\n]+([A-Za-z0-9\-._~+/]{20,}=*)/gd;
const BASIC = /(?<![A-Za-z])Authorization:[^\S\r\n]*Basic[^\S\r\n]+([A-Za-z0-9+/]{12,}={0,2})/gid;
const CONNECTION = /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:/@'"`<>()[\]]+):([^\s/@'"`<>]+)@([^\s/'"`<>?#)]+)/gid;

/** Values that say where a secret is, or stand in for one: `$PASSWORD`, `${TOKEN}`, `<token>`, `xxx`, `REDACTED`, `****`. */
const PLACEHOLDER_START = /^(?:[$<{[%(*@&!#\\]|\.\.|…)/;
const PLACEHOLDER_ONLY = /^(?:x+|\*+|\.+|-+|_+|#+|•+|0+|\?+)$/i;
const PLACEHOLDER_WORDS =
  /redact|scrub|placeholder|change[-_ ]?me|example|sample|dummy|fake|secret|passw|token|your|vault|1password|lastpass|keychain|keepass|bitwarden|stored|hidden|masked|omitted|removed|none|null|nil|undefined|empty|unset|required|optional|string|value|true|false|environ|todo|tbd|foo|bar|baz|test|demo|insert|enter|prompt|generated|random/i;

function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || PLACEHOLDER_START.test(v) || PLACEHOLDER_ONLY.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v)) return true; // an environment variable's name
  if (/^(?:\/|\.\/|~\/)|:\/\/|\.(?:txt|json|pem|key|ya?ml|env|crt|p12|pfx)$/i.test(v)) return true; // a path or URL: where it is, not what
  if (/[()]/.test(v) || /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(v)) return true; // code: a call or `config.db.password`
  if (/^-----BEGIN/.test(v)) return true; // the private-key check reports the block
  return false;
}

/** A password-like value: long enough, and not a plain word. */
function looksLikePassword(v: string): boolean {
  if (v.length < 6) return false;
  if (/^\d+$/.test(v)) return true; // a PIN or numeric password
  const hasLetter = /\p{L}/u.test(v);
  const hasOther = /[^\p{L}]/u.test(v);
  return (hasLetter && hasOther) || (v.length >= 12 && /\p{Lu}/u.test(v) && /\p{Ll}/u.test(v));
}

/** A token-like value: long, with letters and digits mixed. */
function looksLikeToken(v: string): boolean {
  return v.length >= 16 && !/\s/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 2 && (v.match(/\p{L}/gu)?.length ?? 0) >= 4;
}

function unquote(raw: string): { value: string; offset: number } {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) return { value: raw.slice(1, -1), offset: 1 };
  const trimmed = raw.replace(/[.,;:)\]}*`]+$/, '');
  return { value: trimmed, offset: 0 };
}

/** Every candidate in `text`, in search order (see Candidate.search). */
function collect(text: string, scan: RuleContext['scanText']): Candidate[] {
  const out = scan(lineScanner, text);
  collectPrivateKeys(text, out);
  return out.sort((a, b) => a.search - b.search);
}

/** Private key blocks span lines (and blank lines): searched in the whole text, never by segment. */
function collectPrivateKeys(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(PRIVATE_KEY)) {
    const start = m.index!;
    const afterMarker = start + m[0].length;
    // Key material follows the marker directly (optionally after `Proc-Type:` headers, or as `\n` escapes in JSON).
    // A marker quoted in prose ("the block starting with -----BEGIN PRIVATE KEY-----") has none.
    const block = /^[ \t]*(?:\r?\n|\\r?\\n)(?:[A-Za-z-]+:[^\r\n]*(?:\r?\n|\\r?\\n)|[ \t]*(?:\r?\n|\\r?\\n))*((?:[ \t>]*[A-Za-z0-9+/=]{8,}[ \t]*(?:\r?\n|\\r?\\n))*)/.exec(text.slice(afterMarker, afterMarker + 20000));
    if (!block) continue;
    const body = block[1]!;
    if ((body.replace(/\\[nr]/g, '').match(/[A-Za-z0-9+/=]/g)?.length ?? 0) < 64) continue;
    const bodyEnd = afterMarker + block[0].length;
    const endMarker = /^[ \t>]*-----END [A-Z0-9 ]*-----/.exec(text.slice(bodyEnd));
    const end = endMarker ? bodyEnd + endMarker[0].length : afterMarker + block[0].trimEnd().length;
    out.push({ start, end, value: text.slice(start, end), shown: `"-----BEGIN ${m[1]}PRIVATE KEY-----"`, kind: 'private key block', priority: 20, search: 20 });
  }
}

/**
 * The searches whose matches never hold a line break and are judged by their own line: they keep
 * TextScanner's contract, so an editor's re-lint repeats them only in the segments an edit touched.
 */
const lineScanner: TextScanner<Candidate> = { key: 'no-secrets', scan: collectInLines };

function collectInLines(text: string): Candidate[] {
  const out: Candidate[] = [];
  TOKENS.forEach((p, priority) => {
    for (const m of text.matchAll(p.re)) {
      if (p.accept && !p.accept(m[0])) continue;
      out.push({ start: m.index!, end: m.index! + m[0].length, value: m[0], shown: `"${maskToken(m[0], p.prefix)}"`, kind: p.kind, priority, search: priority });
    }
  });

  for (const m of text.matchAll(BEARER)) {
    const value = m[1]!;
    if (!looksLikeToken(value) || isPlaceholderValue(value)) continue;
    const [s, e] = m.indices![1]!;
    out.push({ start: s, end: e, value, shown: `"Bearer …${value.slice(-4)}"`, kind: 'bearer token', priority: 30, search: 30 });
  }

  for (const m of text.matchAll(BASIC)) {
    const value = m[1]!;
    let decoded = '';
    try {
      decoded = atob(value);
    } catch {
      continue;
    }
    const password = decoded.slice(decoded.indexOf(':') + 1);
    if (!decoded.includes(':') || isPlaceholderValue(password) || password.length < 4) continue;
    const [s, e] = m.indices![1]!;
    out.push({ start: s, end: e, value, shown: '"Basic …"', kind: 'HTTP Basic credential', priority: 31, search: 31 });
  }

  for (const m of text.matchAll(CONNECTION)) {
    const password = m[3]!;
    if (isPlaceholderValue(password) || PLACEHOLDER_START.test(m[2]!)) continue;
    const [s, e] = m.indices![3]!;
    out.push({ start: s, end: e, value: password, shown: `"${m[1]}://${m[2]}:****@${m[4]}"`, kind: 'password in a connection string', priority: 40, search: 40 });
  }

  for (const [search, re] of [[50, KEY_VALUE], [51, CLI_FLAG]] as const) {
    for (const m of text.matchAll(re)) {
      const key = m[1]!;
      const { value, offset } = unquote(m[2]!);
      if (isPlaceholderValue(value) || value.startsWith('-')) continue; // `--password --port=5432`: the next flag
      const passwordKey = /pass|pwd/i.test(key);
      if (passwordKey ? !looksLikePassword(value) : !looksLikeToken(value)) continue;
      // Prose after an unquoted value ("password: ask the DBA") is a sentence, not a secret.
      const [vs] = m.indices![2]!;
      const lineEnd = text.slice(vs + m[2]!.length).match(/^[^\r\n]*/)![0];
      if (offset === 0 && /^[^\S\r\n]+\p{L}{2,}[^\S\r\n]+\p{L}{2,}/u.test(lineEnd) && !/^[^\S\r\n]+#/.test(lineEnd)) continue;
      const start = vs + offset;
      const kind = passwordKey ? 'password' : /secret/i.test(key) ? 'secret' : /key/i.test(key) ? 'API key' : 'token';
      out.push({ start, end: start + value.length, value, shown: `in "${key}" (${value.length} characters, not shown)`, kind, priority: 50, search });
    }
  }
  return out;
}

function dedupe(candidates: Candidate[]): Candidate[] {
  // Overlaps: the more specific format wins (a JWT inside "Bearer …" is reported once, as a JWT).
  const sorted = [...candidates].sort((a, b) => a.priority - b.priority || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of sorted) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

function compileAllow(patterns: unknown): RegExp[] {
  if (!Array.isArray(patterns)) return [];
  return patterns.map((p) => {
    try {
      return new RegExp(String(p), 'u');
    } catch (error) {
      throw new Error(`option "allow": ${JSON.stringify(p)} is not a valid regular expression (${(error as Error).message})`);
    }
  });
}

export default defineRule({
  meta: {
    id: 'no-secrets',
    severity: 'error',
    description: 'Passwords, API keys, tokens, private keys or credentials in connection strings pasted into the runbook.',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        allow: { type: 'array', items: { type: 'string' }, description: 'Regular expressions; a match of any of them against the secret (or the line it is on) is accepted.' },
      },
      additionalProperties: false,
      examples: [{ allow: ['^EXAMPLE_'] }],
    },
    defaultOptions: { allow: [] },
    messages: {
      // `shown` is the masked secret (`"sk_live_…"`) or where it is (`in a connection string`).
      secret: 'Possible {{kind}} {{shown}}{{where}}; remove it, rotate it, and say where it is stored instead (e.g. "in Vault at secret/payments").',
    },
  },
  check({ doc, options, report, scanText }) {
    const allow = compileAllow(options.allow);
    const text = doc.text;
    for (const c of dedupe(collect(text, scanText))) {
      if (allow.length > 0) {
        const line = doc.lines.point(c.start).line;
        const lineText = text.slice(doc.lines.lineStart(line), doc.lines.lineEnd(doc.lines.point(c.end).line));
        if (allow.some((re) => re.test(c.value) || re.test(lineText))) continue;
      }
      const where = c.shown.startsWith('in ') ? '' : ' in the runbook';
      report({
        messageId: 'secret',
        range: doc.lines.range(c.start, c.end),
        data: { kind: c.kind, shown: c.shown, where },
      });
    }
  },
});
