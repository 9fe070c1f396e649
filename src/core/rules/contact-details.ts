import { shorten } from '../text.js';
import { defineRule } from '../rule.js';
import { hasTemplateText } from './util/placeholders.js';
import { subtree, type RunbookDocument, type SectionNode, type TableInfo } from '../model.js';
import { sectionsForRule } from '../sections/for-rule.js';
import type { Range } from '../types.js';
import { linksIn, sectionItems, textUnits, tightRange, type ItemEntry, type LinkEntry } from './util/entries.js';
import { cellRange, cellText, findColumns, normalizeHeader, rowRange } from './util/tables.js';
import { isReachable, mailtoProblem, scanContacts, type ContactToken } from './util/contacts.js';

/**
 * Contact entries that cannot be used: no phone, email or pager at all, or a number or address that
 * is malformed. NIST SP 800-34 App. A asks for personnel contacts with office and non-office
 * numbers; contact lists go stale faster than the rest of a plan (§3.6).
 */

const DEFAULT_SECTIONS = ['escalation-contacts', 'roles', 'vendor-assistance'];
/**
 * "Method" and "Number" are contact columns only on their own or as a contact's (`Contact method`,
 * `Phone number`): a `Backup Method`, `Recovery method` or `Account number` column is not a way to
 * reach anyone.
 */
const NOT_CONTACT = String.raw`(?<!\b(?:backup|back up|recovery|restore|restoration|payment|delivery|transport|transfer|replication|storage|deployment|deploy|failover|test|testing|access|authentication|auth|encryption|sync|data|account|serial|version|ticket|policy|contract|case|order|invoice|reference|ref|asset|incident|change|po|customer|license|licence|part|model|build|release|step|row|item|sequence|priority|tier|level|port|id|record|routing|tracking|purchase|phase|detection|mitigation|rollback|response|verification|validation|installation|distribution|cooling|power|update|patch|retention|archive|archival|snapshot)\s)`;
const CONTACT_COLUMNS = [new RegExp(String.raw`\b(?:phone|phones|mobile|cell|tel|telephone|e ?mail|emails|contact|contacts|pager|reach|handle|${NOT_CONTACT}(?:number|numbers|method|methods))\b`)];
const PHONE_COLUMNS = new RegExp(String.raw`\b(?:phone|phones|mobile|cell|tel|telephone|sms|${NOT_CONTACT}(?:number|numbers))\b`);
const DETAIL_HEADER = new RegExp(String.raw`\b(?:phone|phones|mobile|cell|tel|telephone|e ?mail|emails|pager|reach|how|${NOT_CONTACT}(?:number|numbers|method|methods))\b`);
const NAME_HEADER = /\b(?:name|who|role|contact|person|owner|vendor|team|position|title|company|provider|supplier|rotation|escalate to)\b/;
const CHAT_URL = /\b(?:slack\.com|teams\.microsoft\.com|teams\.live\.com|chat\.google\.com|discord\.(?:gg|com)|zoom\.us|webex\.com)\b/i;

type MessageId = 'malformed' | 'brokenLink' | 'chatOnly' | 'noMethod';

interface Sink {
  seen: Set<string>;
  report(messageId: MessageId, range: Range, data: Record<string, unknown>): void;
}

interface Options {
  sections: string[];
  minPhoneDigits: number;
}

export default defineRule<Options>({
  meta: {
    id: 'contact-details',
    severity: 'warning',
    description: 'A contact in a contact table or list has no phone, email or pager, or a malformed one.',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        sections: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description: 'Section ids whose tables and lists are contact lists.' },
        minPhoneDigits: { type: 'integer', minimum: 3, maximum: 15, description: 'Fewest digits of a phone number (without extension).' },
      },
      additionalProperties: false,
      examples: [{ minPhoneDigits: 10 }],
    },
    defaultOptions: { sections: DEFAULT_SECTIONS, minPhoneDigits: 7 },
    messages: {
      // `forLabel` is ` for "<contact>"`, or empty outside a table row or list item.
      malformed: 'Malformed {{what}}{{forLabel}}: {{problem}}.',
      brokenLink: 'Broken contact link{{forLabel}}: {{problem}}.',
      chatOnly: 'Contact "{{label}}" has only a chat handle ("{{handle}}"); expected a phone number, email address or pager as well, because chat can be down with its provider.',
      noMethod: 'Contact "{{label}}" has no phone number, email address or pager; expected e.g. "+44 20 7946 0958" or "oncall@example.com".',
    },
  },
  check({ doc, options, report }) {
    const { sections: ids, minPhoneDigits } = options;
    const sink: Sink = {
      seen: new Set(),
      report(messageId, range, data) {
        const key = `${range.start.offset}:${range.end.offset}:${String(data.kind ?? data.missing ?? 'link')}`;
        if (this.seen.has(key)) return;
        this.seen.add(key);
        report({ messageId, range, data });
      },
    };
    const contactSections = new Set<SectionNode>();
    // The `sections` option, when changed from its default, overrides the schema's `x-rules` binding.
    const custom = ids.length !== DEFAULT_SECTIONS.length || ids.some((id) => !DEFAULT_SECTIONS.includes(id));
    for (const section of custom ? ids.map((id) => doc.byId.get(id)) : sectionsForRule(doc, 'contact-details')) {
      if (section) for (const s of subtree(section)) contactSections.add(s);
    }
    const tablesDone = new Set<TableInfo>();
    // Tables: in the contact sections, and any table with a Phone / Email / Contact column.
    for (const s of doc.sections) {
      for (const table of s.tables) {
        const columns = findColumns(table.headers, CONTACT_COLUMNS);
        if (columns.length === 0 && !contactSections.has(s)) continue;
        tablesDone.add(table);
        checkTable(doc, s, table, columns, minPhoneDigits, sink);
      }
    }
    for (const s of contactSections) {
      checkLists(doc, s, minPhoneDigits, sink);
      // Malformed details anywhere else in the section's prose (`Call the CTO on +1 555`).
      const links = linksIn(doc, s.body);
      for (const unit of textUnits(doc, s)) {
        if (unit.kind !== 'paragraph' || unit.section !== s) continue;
        reportMalformed(doc, scanContacts(unit.prose, { minPhoneDigits }), unit.range, undefined, sink);
        reportLinks(links.filter((l) => within(l.range, unit.range)), undefined, sink);
      }
    }
  },
});

function within(inner: Range, outer: Range): boolean {
  return outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;
}

function forLabel(label: string | undefined): { forLabel: string; label?: string } {
  return label ? { forLabel: ` for "${label}"`, label } : { forLabel: '' };
}

function reportMalformed(doc: RunbookDocument, tokens: ContactToken[], range: Range, label: string | undefined, sink: Sink): void {
  for (const t of tokens) {
    if (!t.problem) continue;
    const what = t.kind === 'phone' ? 'phone number' : 'email address';
    sink.report('malformed', tightRange(doc, range, t.text), { kind: t.kind, value: t.text, what, problem: t.problem, ...forLabel(label) });
  }
}

function reportLinks(links: LinkEntry[], label: string | undefined, sink: Sink): void {
  for (const link of links) {
    const problem = mailtoProblem(link.url, link.text);
    if (problem) sink.report('brokenLink', link.range, { url: link.url, problem, ...forLabel(label) });
  }
}

/** Usable: a valid phone, email or pager in the text, or a good mailto:/tel: link, or a support URL that is not a chat app. */
function reachable(tokens: ContactToken[], links: LinkEntry[]): boolean {
  if (isReachable(tokens)) return true;
  if (tokens.some((t) => t.kind === 'url' && !CHAT_URL.test(t.text))) return true;
  return links.some((l) => /^(?:mailto|tel):/i.test(l.url) && !mailtoProblem(l.url, l.text));
}

/** A contact without a usable method: only a chat handle (chat can be down with its provider), or nothing. */
function reportMissing(sink: Sink, range: Range, label: string, tokens: ContactToken[]): void {
  const handle = tokens.find((t) => t.kind === 'handle' || (t.kind === 'url' && CHAT_URL.test(t.text)));
  if (handle) sink.report('chatOnly', range, { missing: 'method', label, handle: handle.text });
  else sink.report('noMethod', range, { missing: 'method', label });
}

function checkTable(doc: RunbookDocument, section: SectionNode, table: TableInfo, columns: number[], minPhoneDigits: number, sink: Sink): void {
  const links = linksIn(doc, section.body).filter((l) => within(l.range, table.range));
  const perRow = table.rows.map((_, r) => {
    const tokens: Array<ContactToken & { column: number }> = [];
    for (const c of table.headers.keys()) {
      const phoneContext = PHONE_COLUMNS.test(normalizeHeader(table.headers[c]!));
      for (const t of scanContacts(cellText(table, r, c), { phoneContext, minPhoneDigits })) tokens.push({ ...t, column: c });
    }
    return tokens;
  });
  // Without a contact column, the table is a contact list only when most rows carry a detail.
  if (columns.length === 0) {
    const withDetails = perRow.filter((tokens) => tokens.some((t) => t.kind === 'phone' || t.kind === 'email' || t.kind === 'pager')).length;
    if (withDetails * 2 <= table.rows.length) return;
  }
  table.rows.forEach((_, r) => {
    if (table.headers.every((h) => !(table.rows[r]![h] ?? '').trim())) return;
    const label = rowLabel(table, r, perRow[r]!);
    const rowLinks = links.filter((l) => within(l.range, rowRange(table, r)));
    for (const c of table.headers.keys()) {
      const cell = cellRange(table, r, c);
      reportMalformed(doc, perRow[r]!.filter((t) => t.column === c), cell, label, sink);
    }
    reportLinks(rowLinks, label, sink);
    // Every column counts for reachability: a Method column may hold "Pager via PagerDuty".
    const all = perRow[r]!;
    if (table.headers.some((h) => hasTemplateText(table.rows[r]![h] ?? ''))) return;
    if (!reachable(all, rowLinks) && !all.some((t) => t.problem) && !rowLinks.some((l) => mailtoProblem(l.url, l.text))) {
      // Point at the column meant for the detail (Phone, Email, Method) rather than a Contact (name) column.
      const detail = columns.find((c) => DETAIL_HEADER.test(normalizeHeader(table.headers[c]!))) ?? columns[0];
      const at = detail !== undefined ? cellRange(table, r, detail) : rowRange(table, r);
      reportMissing(sink, at, label, all);
    }
  });
}

/** Who the row is about: a Name/Role/Vendor-like cell without contact details, else the first such cell. */
function rowLabel(table: TableInfo, r: number, tokens: Array<ContactToken & { column: number }>): string {
  const plain = (i: number) => {
    const text = cellText(table, r, i).trim();
    return text !== '' && !/^\d+$/.test(text) && !tokens.some((t) => t.column === i);
  };
  const name = table.headers.findIndex((h, i) => NAME_HEADER.test(normalizeHeader(h)) && !DETAIL_HEADER.test(normalizeHeader(h)) && plain(i));
  const fallback = table.headers.findIndex((_, i) => plain(i));
  const i = name >= 0 ? name : fallback;
  return i >= 0 ? shorten(cellText(table, r, i), 50, { label: true }) : `row ${r + 1}`;
}

function checkLists(doc: RunbookDocument, section: SectionNode, minPhoneDigits: number, sink: Sink): void {
  const byList = new Map<object, ItemEntry[]>();
  for (const item of sectionItems(doc, section)) {
    if (item.task) continue;
    const group = byList.get(item.list);
    if (group) group.push(item);
    else byList.set(item.list, [item]);
  }
  for (const listItems of byList.values()) {
    const entries = listItems.map((item) => {
      const tokens = scanContacts(item.prose, { minPhoneDigits });
      const links = linksIn(doc, [item.node]);
      return { item, tokens, links };
    });
    for (const { item, tokens, links } of entries) {
      const label = shorten(itemLabel(item.ownProse), 50, { label: true });
      reportMalformed(doc, tokens, item.range, label, sink);
      reportLinks(links, label, sink);
    }
    // A contact list: most items carry a phone, email or pager (chat handles alone do not make one);
    // the other items are contacts missing one.
    const withDetails = entries.filter((e) => e.tokens.some((t) => t.kind === 'phone' || t.kind === 'email' || t.kind === 'pager') || e.links.some((l) => /^(?:mailto|tel):/i.test(l.url))).length;
    if (withDetails * 2 <= entries.length || entries.length < 2) continue;
    for (const { item, tokens, links } of entries) {
      if (hasTemplateText(item.ownProse) || reachable(tokens, links) || tokens.some((t) => t.problem) || links.some((l) => mailtoProblem(l.url, l.text))) continue;
      reportMissing(sink, item.ownRange, shorten(itemLabel(item.ownProse), 50, { label: true }), tokens);
    }
  }
}

function itemLabel(text: string): string {
  return text.split(/\s*(?::\s|\s[—–-]\s|,|\(|;)/)[0] || text;
}

