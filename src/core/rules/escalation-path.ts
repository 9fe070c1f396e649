import { shorten } from '../text.js';
import type { List, Nodes, RootContent } from 'mdast';
import { defineRule } from '../rule.js';
import { StringMemo } from '../memo.js';
import { plainText, subtree, type RunbookDocument, type SectionNode } from '../model.js';
import { ruleContent } from '../sections/for-rule.js';
import type { Range } from '../types.js';
import { nodeOffsets, proseText, sectionItems } from './util/entries.js';
import { cellRange, cellText, findColumn, normalizeHeader, rowRange, rowText } from './util/tables.js';
import { findDurations, isBareNumber } from './util/durations.js';
import { METHOD_WORD, scanContacts } from './util/contacts.js';

/**
 * Escalation tiers: at least `minTiers`, each with a way to reach the contact and a time after which
 * it is engaged (PagerDuty: 5-minute escalation timeout over primary, backup, team; NIST SP 800-34
 * §4.3.3: escalation thresholds).
 */

interface Tier {
  number: string;
  label: string;
  range: Range;
  method: { ok: boolean; range: Range };
  threshold: { ok: boolean; range: Range; found?: string; bare?: string };
}

const TIER_COLUMNS = [/^(?:tier|level|step|stage|order|escalation (?:level|tier|step)|line|seq|sequence|no|nr|#)$/, /^(?:tier|level|step|stage)\b/];
const METHOD_COLUMNS = [/^(?:method|contact method|methods|how|how to reach|how to contact|reach|reach via|means|channel|contact details|contact info|details|phone|phone number|mobile|pager|number|email|e mail|notify via|page via|via)\b/, /\b(?:method|phone|pager|mobile|number|email)\b/];
const CONTACT_COLUMNS = [/^(?:contact|who|name|role|person|responder|escalate to|notify|owner|team|rotation|on call|oncall|assignee|escalation contact|contact person|position|title)\b/, /\b(?:who|contact|name|role|team|rotation)\b/];
const THRESHOLD_COLUMNS = [/^(?:escalate after|escalate at|escalate if|escalation time|escalation after|after|time|threshold|timeout|time out|sla|when|wait|delay|response time|ack|ack time|acknowledge within|acknowledgement|if no ack|engage after|notify after|page after|time to escalate|time before escalation|escalate)\b/, /\b(?:escalat\w*|after|timeout|threshold)\b/];

/** "Tier 2", "Level 3", "L2", "2nd line", "Step 1", "Secondary on-call" at the start of an item. */
const TIER_MARK = /^\s*(?:(?:tier|level|step|stage|line|escalation level)\s*[-#:]?\s*(\d+)|l(\d)\b|(\d+)(?:st|nd|rd|th)\s+(?:tier|level|line|escalation)|(?:primary|secondary|tertiary|backup)\s+on[- ]?call\b)/i;
/** The numbered part of a tier label, removed to get the contact's name ("Tier 2: EM" → "EM"). */
const TIER_PREFIX = /^\s*(?:(?:tier|level|step|stage|line|escalation level)\s*[-#:]?\s*\d+|l\d\b|\d+(?:st|nd|rd|th)\s+(?:tier|level|line|escalation))\s*[:—–.-]?\s*/i;
const CONTACT_WORD = /\b(?:on[- ]?call|primary|secondary|tertiary|manager|lead|director|head of|vp|vice president|cto|cio|ciso|ceo|coo|commander|engineer|sre|dba|admin(?:istrator)?|team|duty|officer|owner|support|executive|chief|supervisor|coordinator|responder|rotation|escalation)\b/i;
/** Words that make a duration a threshold even outside a threshold column. */
const THRESHOLD_CONTEXT = /\b(?:after|within|timeout|time-?out|no (?:ack|acknowledge?ment|response|answer)|unacknowledged|not acknowledged|escalate|escalation|wait|if no|once|after)\b/i;

interface Options {
  minTiers: number;
}

export default defineRule<Options>({
  meta: {
    id: 'escalation-path',
    severity: 'error',
    description: 'Escalation Contacts has fewer tiers than the minimum, or a tier without a contact method or a time threshold.',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: { minTiers: { type: 'integer', minimum: 1, description: 'Fewest escalation tiers.' } },
      additionalProperties: false,
      examples: [{ minTiers: 3 }],
    },
    defaultOptions: { minTiers: 2 },
    messages: {
      noTiers: 'Found no escalation tiers (table rows with Tier, Contact, Method and Escalate after columns, or list items such as "1. Primary on-call (pager) — immediately"); expected at least {{minTiers}}, each with a contact method and a time threshold, e.g. the primary on-call immediately, then a secondary or a manager after 15 min.',
      tooFewTiers: 'Found {{tiers}} escalation {{tierWord}} ({{labels}}); expected at least {{minTiers}}, each with a contact method and a time threshold, e.g. the primary on-call immediately, then a secondary or a manager after 15 min.',
      noMethod: 'Escalation tier {{tier}} ("{{label}}") has no contact method; expected a phone number, email address, pager (PagerDuty, Opsgenie) or chat handle.',
      // `why` is ` ("15" has no unit)`, ` ("soon" is not a duration)` or empty.
      noThreshold: 'Escalation tier {{tier}} ("{{label}}") has no time threshold{{why}}; expected e.g. {{expected}}.',
    },
  },
  check({ doc, options, report }) {
    const content = ruleContent(doc, 'escalation-path');
    if (!content) return;
    const { minTiers } = options;
    const tiers = collectTiers(doc, content.sections, new Set(content.roots));
    if (tiers.length < minTiers) {
      // On the heading that holds the tiers found ("Reporting and Escalating Incidents", not an earlier
      // "Communications and Escalation"), else the one most clearly the section.
      const range = content.landing(tiers.map((t) => t.range.start.offset)).headingRange;
      const data = { tiers: tiers.length, minTiers };
      if (tiers.length === 0) report({ messageId: 'noTiers', range, data });
      else report({ messageId: 'tooFewTiers', range, data: { ...data, tierWord: tiers.length === 1 ? 'tier' : 'tiers', labels: tiers.map((t) => `"${t.label}"`).join(', ') } });
    }
    for (const tier of tiers) {
      if (!tier.method.ok) {
        report({ messageId: 'noMethod', range: tier.method.range, data: { tier: tier.number, missing: 'method', label: tier.label } });
      }
      if (!tier.threshold.ok) {
        const why = tier.threshold.bare
          ? ` ("${tier.threshold.bare}" has no unit)`
          : tier.threshold.found
            ? ` ("${tier.threshold.found}" is not a duration)`
            : '';
        const expected = tier.threshold.bare ? `"after ${tier.threshold.bare} min"` : '"after 15 min"';
        report({ messageId: 'noThreshold', range: tier.threshold.range, data: { tier: tier.number, missing: 'threshold', label: tier.label, why, expected } });
      }
    }
  },
});

/** The text with phone numbers, emails and handles blanked, so their digits are not read as durations. */
function withoutContacts(text: string): string {
  let out = text;
  for (const t of scanContacts(text)) if (t.kind !== 'pager') out = out.slice(0, t.index) + ' '.repeat(t.end - t.index) + out.slice(t.end);
  return out;
}

/** "on-call" names who is reached, not how: its "call" is no contact method ("your upcoming on-call time"). */
const ON_CALL = /\bon[- ]?call\b/gi;

function hasMethod(text: string): boolean {
  return methods.get(text, findsMethod);
}

/** hasThreshold and hasMethod by text: every row and item is judged again on each re-lint in the editor. */
const methods = new StringMemo<boolean>();
const freeThresholds = new StringMemo<boolean>();
const thresholds = new StringMemo<boolean>();

function findsMethod(text: string): boolean {
  return scanContacts(text).some((t) => t.kind !== 'url' || /pagerduty|opsgenie|slack|teams/i.test(t.text)) || METHOD_WORD.test(text.replace(ON_CALL, ' '));
}

/** A duration in `text`; in free text it must read as a threshold (`after 15 min`, `if no ack in 10 minutes`, `immediately`). */
function hasThreshold(text: string, free: boolean): boolean {
  return (free ? freeThresholds : thresholds).get(text, (t) => findsThreshold(t, free));
}

function findsThreshold(text: string, free: boolean): boolean {
  const clean = withoutContacts(text);
  // In free text a duration reads as a threshold after "after", "within", "if no ack"…, or when it
  // stands on its own (`— 15 min`, `(0 min)`, at the end), not in "24 h coverage".
  return findDurations(clean).some((d) => !free || d.kind === 'immediate' || d.kind === 'iso' || THRESHOLD_CONTEXT.test(clean.slice(Math.max(0, d.index - 40), d.index)) || /^\s*(?:[-–—|,;.()]|$)/.test(clean.slice(d.end, d.end + 3)));
}

/** The tiers in `sections` (the rule's sections and all their subsections); `roots` are the sections themselves. */
function collectTiers(doc: RunbookDocument, sections: readonly SectionNode[], roots: ReadonlySet<SectionNode>): Tier[] {
  const tiers: Tier[] = [];
  const consumed = new Set<SectionNode>();
  const next = () => String(tiers.length + 1);
  for (const s of sections) {
    if (consumed.has(s)) continue;
    // `### Tier 2 — Engineering manager` with its details below.
    if (!roots.has(s) && TIER_MARK.test(s.heading)) {
      for (const d of subtree(s)) consumed.add(d);
      const text = [s.heading, ...subtree(s).map((d) => (d === s ? d.model.text : `${d.heading}\n${d.model.text}`))].join('\n');
      const number = tierNumber(s.heading) ?? next();
      tiers.push({
        number, label: shorten(s.heading.replace(TIER_PREFIX, '').replace(/^[\s:—–-]+/, '') || s.heading, 50, { label: true }), range: s.headingRange,
        method: { ok: hasMethod(text), range: s.headingRange }, threshold: { ok: hasThreshold(text, false), range: s.headingRange },
      });
      continue;
    }
    for (const table of s.tables) {
      const tierCol = findColumn(table.headers, TIER_COLUMNS);
      const thresholdCol = findColumn(table.headers, THRESHOLD_COLUMNS, [tierCol]);
      const methodCol = findColumn(table.headers, METHOD_COLUMNS, [tierCol, thresholdCol]);
      const contactCol = findColumn(table.headers, CONTACT_COLUMNS, [tierCol, thresholdCol, methodCol]);
      const anyThreshold = table.rows.some((_, r) => hasThreshold(rowText(table, r), true));
      if (tierCol < 0 && thresholdCol < 0 && !anyThreshold) continue; // a plain contact list, not tiers
      // …and it must be about people to reach, not a timeline or a list of queries.
      if (contactCol < 0 && methodCol < 0 && !table.rows.some((_, r) => hasMethod(rowText(table, r)))) continue;
      const unit = thresholdCol >= 0 ? /\b(min|mins|minutes|m|h|hrs|hours|s|sec|seconds)\b/i.exec(normalizeHeader(table.headers[thresholdCol]!))?.[1] : undefined;
      table.rows.forEach((_, r) => {
        const row = rowText(table, r);
        if (!row.trim()) return;
        const labelCol = contactCol >= 0 ? contactCol : table.headers.findIndex((_, i) => i !== tierCol && i !== thresholdCol && i !== methodCol);
        const label = cellText(table, r, labelCol) || row;
        const number = (tierCol >= 0 ? tierNumber(cellText(table, r, tierCol)) : undefined) ?? next();
        // Method: the method column, else anywhere in the row except the threshold.
        const methodText = methodCol >= 0 ? cellText(table, r, methodCol) : '';
        const methodOk = (methodCol >= 0 && hasMethod(methodText)) || hasMethod(rowText(table, r, [thresholdCol, tierCol]));
        const methodRange = methodCol >= 0 ? cellRange(table, r, methodCol) : rowRange(table, r);
        // Threshold: the threshold column (a bare number takes the header's unit), else a threshold phrase elsewhere in the row.
        let threshold: Tier['threshold'];
        if (thresholdCol >= 0) {
          const value = cellText(table, r, thresholdCol).trim();
          const range = cellRange(table, r, thresholdCol);
          const inCell = hasThreshold(value, false) || (isBareNumber(value) && (Boolean(unit) || Number(value.replace(',', '.')) === 0));
          const elsewhere = hasThreshold(rowText(table, r, [thresholdCol, tierCol]), true);
          threshold = { ok: inCell || elsewhere, range, found: value && !isBareNumber(value) ? value : undefined, bare: isBareNumber(value) && !inCell ? value : undefined };
        } else {
          threshold = { ok: hasThreshold(rowText(table, r, [tierCol]), true), range: rowRange(table, r) };
        }
        tiers.push({ number, label: shorten(label, 50, { label: true }), range: rowRange(table, r), method: { ok: methodOk, range: methodRange }, threshold });
      });
    }
    const items = sectionItems(doc, s).filter((i) => !i.task);
    const intros = listIntros(s);
    for (const list of new Set(items.map((i) => i.list))) {
      // "If the on-call does not acknowledge within 15 minutes, escalate to:" gives every item its threshold.
      const intro = intros.get(list);
      const introThreshold = intro !== undefined && hasThreshold(intro, true);
      const entries = items.filter((i) => i.list === list).map((item) => {
        const own = item.ownProse;
        const marked = TIER_MARK.test(own);
        const threshold = introThreshold || hasThreshold(item.prose, true);
        const method = hasMethod(item.prose);
        const contact = CONTACT_WORD.test(own) || scanContacts(item.prose).some((t) => t.kind !== 'url' && t.kind !== 'pager');
        // Tier-like: "Tier 2 …", or who + how/when, or how + when.
        const tierLike = marked || (contact && (method || threshold)) || (method && threshold);
        return { item, own, threshold, method, contact, tierLike };
      });
      // A list of tiers: at least half its items read as tiers. In an ordered one, every item naming
      // someone is a tier (and is reported if it lacks how or when).
      if (entries.filter((e) => e.tierLike).length * 2 < entries.length) continue;
      for (const e of entries) {
        if (!e.tierLike && !(e.item.ordered && e.contact)) continue;
        const { item } = e;
        tiers.push({
          number: tierNumber(e.own) ?? (item.ordered ? String((list.start ?? 1) + item.index) : next()), label: shorten(itemLabel(item.node.children[0] as Nodes | undefined, e.own), 50, { label: true }), range: item.ownRange,
          method: { ok: e.method, range: item.ownRange }, threshold: { ok: e.threshold, range: item.ownRange },
        });
      }
    }
    // Tiers written in a fenced or indented block: `Tier 1: on-call (PagerDuty) - immediately`.
    for (const node of s.body) {
      if (node.type !== 'code') continue;
      const [start] = nodeOffsets(node);
      const source = doc.text.slice(start, node.position?.end.offset ?? start);
      let offset = start;
      for (const line of source.split(/(?<=\n)/)) {
        const text = line.replace(/\r?\n$/, '');
        const lead = text.length - text.trimStart().length;
        if (TIER_MARK.test(text) && !/^\s*(?:```|~~~)/.test(text)) {
          const range = doc.lines.range(offset + lead, offset + text.length);
          tiers.push({
            number: tierNumber(text.trim()) ?? next(), label: shorten(itemLabel(undefined, text.trim()), 50, { label: true }), range,
            method: { ok: hasMethod(text), range }, threshold: { ok: hasThreshold(text, true), range },
          });
        }
        offset += line.length;
      }
    }
    // `Tier 1: on-call SRE via PagerDuty, immediately` lines in paragraphs (outside lists).
    for (const field of s.fields) {
      if (!/^(?:tier|level|step|l)-?\d+$/.test(field.key)) continue;
      if (s.body.some((n) => n.type === 'list' && (n.position?.start.offset ?? 0) <= field.range.start.offset && field.range.end.offset <= (n.position?.end.offset ?? 0))) continue;
      tiers.push({
        number: tierNumber(field.label) ?? next(), label: shorten(field.value.split(/\s*(?:[,;(]|\s[—–-]\s)/)[0] || field.value, 50, { label: true }), range: field.range,
        method: { ok: hasMethod(field.value), range: field.valueRange }, threshold: { ok: hasThreshold(field.value, true), range: field.valueRange },
      });
    }
  }
  return tiers;
}

/** The paragraph (or, for a list that opens the section, the heading) that introduces each list of the body. */
function listIntros(section: SectionNode): Map<List, string> {
  const out = new Map<List, string>();
  const visit = (nodes: readonly RootContent[], first: string | undefined) => {
    nodes.forEach((node, i) => {
      const prev = nodes[i - 1];
      if (node.type === 'list') {
        const intro = prev?.type === 'paragraph' ? proseText(prev) : i === 0 ? first : undefined;
        if (intro !== undefined) out.set(node, intro);
      } else if (node.type === 'blockquote') {
        visit(node.children, undefined);
      }
    });
  };
  visit(section.body, section.heading);
  return out;
}

function tierNumber(text: string): string | undefined {
  const m = /^\s*(?:(?:tier|level|step|stage|line|escalation level)\s*[-#:]?\s*|l)?(\d+)(?:st|nd|rd|th)?\b/i.exec(text);
  return m?.[1];
}

function itemLabel(first: Nodes | undefined, ownText: string): string {
  if (first && first.type === 'paragraph') {
    const lead = first.children[0];
    if (lead && (lead.type === 'strong' || lead.type === 'emphasis')) {
      const t = plainText(lead).replace(/[:\s]+$/, '');
      const rest = t.replace(TIER_PREFIX, '').replace(/^[\s:—–-]+/, '');
      if (rest) return rest;
    }
  }
  const text = ownText.replace(TIER_PREFIX, '').replace(/^[\s:—–.-]+/, '');
  return text.split(/\s*(?:\(|,|;|\s[—–-]\s|:\s)/)[0] || ownText;
}


