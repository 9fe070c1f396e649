/**
 * Contact details in runbook text (pure): phone numbers, email addresses, pagers, chat handles and
 * web links, each with the problem that makes it unusable, if any.
 *
 * Phone numbers are recognised by shape (`+44 20 7946 0958`, `(555) 010-0199`, `555-010-0199`,
 * `+1-555-0100 ext 12`) or by a cue before them (`Phone:`, `tel`, `mobile`, `call`); dates
 * (`2026-09-15`), times, IP addresses, durations (`15 min`) and IDs glued to letters (`NW-MS-2291`)
 * are not phone numbers.
 */
import { StringMemo } from '../../memo.js';

export type ContactKind = 'phone' | 'email' | 'pager' | 'handle' | 'url';

export interface ContactToken {
  kind: ContactKind;
  text: string;
  /** Offsets in the scanned text. */
  index: number;
  end: number;
  /** Why the detail cannot be used as written (`has 5 digits…`); undefined when it looks fine. */
  problem?: string;
}

export interface ContactScanOptions {
  /** The text sits in a column or after a label that says it is a phone number (`Phone`, `Mobile`). */
  phoneContext?: boolean;
  /** Fewest digits of a phone number without its extension (default 7). */
  minPhoneDigits?: number;
}

/** Emergency and short service numbers that are complete with 3 digits. */
const SHORT_NUMBERS = new Set(['911', '999', '112', '000', '110', '119', '111', '988', '101', '100', '102', '108', '155', '190']);

const MAX_PHONE_DIGITS = 15; // E.164

// A run of digit groups: optional `+`/`00`, optional `(area)`, groups joined by one space, dot or dash.
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}_/.:@#\-–+])(?:\+[ \u00a0]?|00[ \u00a0]?)?(?:\(\d{1,5}\)[ \u00a0.\-–]?)?\d{1,6}(?:(?:[ \u00a0]?[.\-–][ \u00a0]?|[ \u00a0])\(?\d{1,6}\)?)*(?:[ \u00a0]*,?[ \u00a0]*(?:ext\.?|extension|x)[ \u00a0]*\d{1,6})?(?![\p{L}\p{N}_@])/giu;
const EXTENSION_ONLY = /(?<![\p{L}\p{N}_])(?:ext\.?|extension)[ \u00a0]*(\d{2,6})(?![\p{N}])/giu;
/** A label right before the number: `Phone:`, `Tel.`, `Mobile`, `M:`, `☎`. */
const PHONE_LABEL = /(?:\b(?:(?:phone|tel(?:ephone)?|mobile|mob|cell(?:phone)?|ph|fax|hotline|landline|sms|whatsapp|signal)(?:\s+(?:number|no\.?|#))?\.?|(?:number|no\.?)\s*:)|\b[MTP]\s*:|☎️?|📞|📱)\s*[:#.)\-–]?\s*$/iu;
/** A verb cue before the number: `call`, `dial`, `ring`, `text`. */
const PHONE_VERB = /\b(?:call(?:ing)?|dial(?:l?ing)?|ring|text|phone|on|at|via|line)\s*(?:them|us|him|her)?\s*(?:on|at)?\s*$/i;
const AFTER_NOT_PHONE = /^\s*(?:%|percent|[.,]\d|(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|months?|years?|yrs?|am|pm|utc|gmt|x\b|k\b|ms\b|gb|mb|tb|users?|hosts?|servers?|flights?|people|engineers?|staff|responders?)(?![\p{L}])|\s*[:/]\d)/iu;

export const PAGER_RE = /\b(?:pager(?:s)?|paging|paged|pagerduty|pager duty|opsgenie|victorops|splunk on-?call|xmatters|incident\.io|grafana oncall|squadcast|firehydrant|beeper)\b|(?<!\b(?:status|web|home|landing|wiki|this|that|next|previous|help|support|login|sign-in|confluence|notion|a|the)\s)\bpage\b(?!\s+(?:\d|of\b))/i;
const HANDLE_RE = /(?<![\p{L}\p{N}_.%+'\-@])@[\p{L}][\p{L}\p{N}_.\-]*[\p{L}\p{N}_]|(?<![\p{L}\p{N}_&#/])#[a-z][a-z0-9_\-]{2,}(?![\p{L}\p{N}_])/giu;
const URL_RE = /\bhttps?:\/\/[^\s<>()|]+[^\s<>()|.,;:!?'"]/giu;
const EMAIL_RE = /(?<![\p{L}\p{N}_.%+'\-])[\p{L}\p{N}_.%+'\-]+@+[\p{L}\p{N}_.\-]*/giu;
const DOMAIN_RE = /^[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)*\.\p{L}{2,}$/u;

/** Why `address` is not a usable email address, or undefined. */
export function emailProblem(address: string): string | undefined {
  const at = address.indexOf('@');
  if (at < 0) return `"${address}" has no "@"`;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!local) return `"${address}" has no name before the "@"`;
  if (domain.includes('@')) return `"${address}" has more than one "@"`;
  if (!domain) return `"${address}" has no domain after the "@"`;
  if (/^\.|\.\.|\.$/.test(local) || /\.\./.test(domain)) return `"${address}" has a misplaced dot`;
  if (!domain.includes('.')) return `"${address}" has no top-level domain (e.g. ".com")`;
  if (!DOMAIN_RE.test(domain)) return `"${address}" has an invalid domain "${domain}"`;
  return undefined;
}

function digitsOf(s: string): number {
  return s.replace(/\D/g, '').length;
}

function phoneProblem(main: string, minDigits: number): string | undefined {
  const digits = digitsOf(main);
  if (digits < minDigits && !SHORT_NUMBERS.has(main.replace(/\D/g, ''))) return `"${main.trim()}" has ${digits} digit${digits === 1 ? '' : 's'}; a phone number needs at least ${minDigits} (with the country or area code, e.g. +44 20 7946 0958)`;
  if (digits > MAX_PHONE_DIGITS) return `"${main.trim()}" has ${digits} digits; a phone number has at most ${MAX_PHONE_DIGITS} (E.164)`;
  return undefined;
}

/** The number has the shape of a phone number on its own (no cue needed). */
function phoneShaped(main: string): boolean {
  const t = main.trim();
  const digits = digitsOf(t);
  if (/^(?:\+|00[ \u00a0])/.test(t)) return digits >= 3;
  if (/^\(\d{1,5}\)/.test(t)) return digits >= 6;
  if (/^\d{3}[ .\-–]\d{3}[ .\-–]\d{4}$/.test(t)) return true; // 555-010-0199
  if (/^\d{3}[\-–.]\d{4}$/.test(t)) return true; // 555-0100
  const groups = t.split(/[ .\-–()\u00a0]+/).filter(Boolean);
  return groups.length >= 3 && digits >= 8 && digits <= MAX_PHONE_DIGITS;
}

function notAPhone(main: string): boolean {
  const t = main.trim();
  if (/^\d{4}[\-./]\d{1,2}[\-./]\d{1,2}$/.test(t)) return true; // ISO date
  if (/^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/.test(t)) return true; // 15/09/2026
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(t)) return true; // IPv4
  if (/^\d+(?:\.\d+){1,2}$/.test(t) && digitsOf(t) < 7) return true; // version 2.3.1
  if (/^(?:19|20)\d{2}$/.test(t)) return true; // a year
  return false;
}

/**
 * Every contact detail in `text`, in order. Phone numbers need a recognisable shape or a cue
 * (`options.phoneContext`, a `Phone:` label, `call`/`dial` before a number of 7+ digits).
 */
export function scanContacts(text: string, options: ContactScanOptions = {}): ContactToken[] {
  // Several rules scan the same cells and items, and the editor re-lints mostly unchanged text.
  const key = `${options.minPhoneDigits ?? 7}|${options.phoneContext ? 1 : 0}|${text}`;
  return contactScans.get(key, () => findContacts(text, options)).slice();
}

const contactScans = new StringMemo<ContactToken[]>();

function findContacts(text: string, options: ContactScanOptions): ContactToken[] {
  const minDigits = options.minPhoneDigits ?? 7;
  const out: ContactToken[] = [];
  const taken = (start: number, end: number) => out.some((t) => t.index < end && start < t.end);

  for (const m of text.matchAll(URL_RE)) {
    out.push({ kind: 'url', text: m[0], index: m.index!, end: m.index! + m[0].length });
  }
  for (const m of text.matchAll(EMAIL_RE)) {
    let raw = m[0].replace(/[.\-]+$/, '');
    const start = m.index!;
    if (taken(start, start + raw.length)) continue;
    if (raw.startsWith('@')) continue; // a handle
    if (raw.includes('@') === false) continue;
    // A local part starts with a letter or digit and has a letter: `-db@`, `0@` are code, not addresses.
    const local = raw.slice(0, raw.indexOf('@'));
    if (!/^[\p{L}\p{N}]/u.test(local) || !/\p{L}/u.test(local)) continue;
    // `word@` at the end of a phrase ("ask@") still counts: it is an address with no domain.
    raw = raw.replace(/'+$/, '');
    out.push({ kind: 'email', text: raw, index: start, end: start + raw.length, problem: emailProblem(raw) });
  }
  for (const m of text.matchAll(HANDLE_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (taken(start, end)) continue;
    if (m[0].startsWith('#') && /^#\d/.test(m[0])) continue;
    out.push({ kind: 'handle', text: m[0], index: start, end });
  }
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    let main = m[0];
    const start = m.index!;
    // Trailing separators and a dangling `(` are not part of the number.
    main = main.replace(/[ \u00a0.\-–(]+$/, '');
    const end = start + main.length;
    if (taken(start, end) || !/\d/.test(main)) continue;
    const ext = /[ \u00a0]*,?[ \u00a0]*(?:ext\.?|extension|x)[ \u00a0]*\d{1,6}$/i.exec(main);
    const number = ext ? main.slice(0, ext.index) : main;
    if (notAPhone(number)) continue;
    if (AFTER_NOT_PHONE.test(text.slice(end, end + 12))) continue;
    const before = text.slice(Math.max(0, start - 24), start);
    const labelled = Boolean(options.phoneContext) || PHONE_LABEL.test(before);
    const verbed = PHONE_VERB.test(before);
    const digits = digitsOf(number);
    const shaped = phoneShaped(number);
    if (shaped) {
      out.push({ kind: 'phone', text: main, index: start, end, problem: phoneProblem(number, minDigits) });
    } else if (labelled && digits >= 3) {
      out.push({ kind: 'phone', text: main, index: start, end, problem: phoneProblem(number, minDigits) });
    } else if ((labelled || verbed) && digits >= minDigits && digits <= MAX_PHONE_DIGITS) {
      out.push({ kind: 'phone', text: main, index: start, end });
    } else if (labelled && SHORT_NUMBERS.has(number.replace(/\D/g, ''))) {
      out.push({ kind: 'phone', text: main, index: start, end });
    }
  }
  for (const m of text.matchAll(EXTENSION_ONLY)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!taken(start, end)) out.push({ kind: 'phone', text: m[0], index: start, end });
  }
  const pager = new RegExp(PAGER_RE.source, 'gi');
  for (const m of text.matchAll(pager)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!taken(start, end)) out.push({ kind: 'pager', text: m[0], index: start, end });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Phone, email or pager: a way to reach a person that is not only a chat handle. */
export function isReachable(tokens: ContactToken[]): boolean {
  return tokens.some((t) => (t.kind === 'phone' || t.kind === 'email' || t.kind === 'pager') && !t.problem);
}

/**
 * What is wrong with a link that should be an email link: `mailto:` without an address or with a
 * bad one, `mailto://`, a bare address without `mailto:` (a relative web link), or link text showing
 * a different address than the link opens. Undefined for fine links and non-email links.
 */
export function mailtoProblem(url: string, linkText: string): string | undefined {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.\-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  const textEmail = /^[^\s@]+@[^\s@]+$/.test(linkText.trim()) ? linkText.trim() : undefined;
  if (scheme === 'mailto') {
    let rest = trimmed.slice(7);
    if (rest.startsWith('//')) return `"${trimmed}" is not a valid mailto link: write "mailto:${rest.replace(/^\/+/, '') || 'name@example.com'}" without "//"`;
    rest = rest.split('?')[0]!;
    let decoded = rest;
    try {
      decoded = decodeURIComponent(rest);
    } catch {
      /* keep raw */
    }
    const addresses = decoded.split(',').map((a) => a.trim()).filter(Boolean);
    if (addresses.length === 0) return `the link "${trimmed}" has no address after "mailto:"`;
    for (const address of addresses) {
      const problem = emailProblem(address);
      if (problem) return `the mailto link ${problem}`;
    }
    if (textEmail && !addresses.some((a) => a.toLowerCase() === textEmail.toLowerCase())) {
      return `the link text shows "${textEmail}" but the link opens "mailto:${addresses.join(',')}"`;
    }
    return undefined;
  }
  if (!scheme || !['http', 'https', 'tel', 'sms', 'callto', 'ftp'].includes(scheme)) {
    // A bare address as the destination opens as a relative web page, not an email.
    const candidate = scheme ? trimmed.slice(scheme.length + 1) : trimmed;
    if (/^[^\s@/]+@[^\s@/]+$/.test(candidate)) {
      if (scheme) return `the link "${trimmed}" uses the unknown scheme "${scheme}:"; expected "mailto:${candidate}"`;
      return `the link to "${trimmed}" has no "mailto:" so it opens as a web page; expected "mailto:${trimmed}"`;
    }
  }
  if (scheme === 'tel') {
    const number = decodeSafe(trimmed.slice(4));
    const digits = digitsOf(number.split(/[;,]/)[0]!);
    if (digits < 7 && !SHORT_NUMBERS.has(number.replace(/\D/g, ''))) return `the tel: link "${trimmed}" has ${digits} digits; a phone number needs at least 7`;
  }
  return undefined;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Words that name a way to reach someone (used where a method may be named without the number). */
export const METHOD_WORD = /\b(?:phone|telephone|tel|call(?:s|ed|ing)?|ring|mobile|cell|sms|texts?|texting|e-?mail|pager|paged?|paging|pagerduty|opsgenie|victorops|xmatters|splunk on-?call|incident\.io|slack|teams|signal|whatsapp|telegram|radio|bridge|zoom|webex|in person|face[- ]to[- ]face)\b/i;
