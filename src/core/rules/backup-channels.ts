import { joinAnd, shorten } from '../text.js';
import type { Nodes } from 'mdast';
import { defineRule } from '../rule.js';
import { plainText, subtree, type RunbookDocument, type SectionNode } from '../model.js';
import { ruleContent } from '../sections/for-rule.js';
import type { Range } from '../types.js';
import { sectionItems } from './util/entries.js';
import { findColumn, rowText, rowRange, cellText } from './util/tables.js';
import {
  buildKnowledgeBase, findMentions, inferPrimaryStack, resolvePrimaryProviders, withoutNonDependencies,
  type EvidenceUnit, type KnowledgeBase, type Mention, type PrimaryProvider, type Provider,
} from './util/providers.js';

/**
 * Backup communication channels: at least `minChannels` of them, and at least one that does not
 * depend on any provider in `primary_providers` (FFIEC: multiple mechanisms, usable when normal
 * channels are inoperable; July 2024: one vendor failure took whole estates down).
 */

interface Channel {
  label: string;
  /** Text read for dependencies, without conditional and contrasting clauses. */
  text: string;
  range: Range;
  /** The first means named: what the channel is (dedup key). */
  key: string;
  mentions: Mention[];
}

interface Dependency {
  /** What is quoted in the message: a product name, or the channel's label. */
  display: string;
  /** Why, for an indirect dependency (`needs SSO sign-in`). */
  note?: string;
  provider: Provider;
}

const NAME_COLUMNS = [/^(?:channel|backup channel|means|method|medium|mode|tool|name|platform|service|system|option|communication|how)\b/, /\b(?:channel|means|method|tool|platform)\b/];
const CONDITION_COLUMNS = [/^(?:when|use when|used when|use if|trigger|triggers|condition|conditions|activate|activation|switch when|fallback for|replaces|instead of)\b/];
const ROLE_COLUMNS = [/^(?:role|type|priority|tier|order|use|usage|purpose|status|kind|level|category)$/];
const PRIMARY_VALUE = /^(?:primary|normal|everyday|day[- ]to[- ]day|usual|default|bau|business as usual|main)\b(?!.*\b(?:backup|fallback|alternate|alternative|secondary|out[- ]of[- ]band|emergency)\b)/i;
const PRIMARY_MARK = /\((?:primary|normal|everyday|day[- ]to[- ]day)(?: channel)?\)|\b(?:primary|normal|everyday|day[- ]to[- ]day|usual|default) (?:channel|means|tool|method|communication)s?\b|^\s*(?:primary|normal)\s*[:—–-]/i;
const BACKUP_WORD = /\b(?:backup|back-up|fallback|alternate|alternative|secondary|out[- ]of[- ]band|emergency|tertiary)\b/i;

interface Options {
  minChannels: number;
  providers: Record<string, string[]>;
}

export default defineRule<Options>({
  meta: {
    id: 'backup-channels',
    severity: 'error',
    description: 'Backup Communication Channels lists fewer than the minimum of channels, or none independent of the primary providers in the front matter.',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        minChannels: { type: 'integer', minimum: 1, description: 'Fewest distinct backup channels.' },
        providers: {
          type: 'object',
          description: 'Extra providers and their products, e.g. { "Acme Cloud": ["AcmeChat", "Acme Mail"] }; a known provider name adds products to it.',
          additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
      additionalProperties: false,
      examples: [{ minChannels: 3 }],
    },
    defaultOptions: { minChannels: 2, providers: {} },
    messages: {
      noChannel: 'Found no backup channel (a list item, table row or sub-heading naming a means of communication such as a phone bridge, SMS or a messaging app); expected at least {{minChannels}}, e.g. {{suggestions}}.',
      tooFew: 'Found {{count}} backup {{channelWord}} ({{labels}}); expected at least {{minChannels}}, e.g. {{suggestions}}.',
      dependsOnPrimary: 'No backup channel is independent of the primary providers ({{primaries}}): {{dependencies}}; add e.g. {{suggestions}}.',
      dependsOnInferredStack: 'No backup channel is independent of the plan\'s primary stack ({{evidence}}): {{dependencies}}; add e.g. {{suggestions}}, and list primary_providers in the front matter.',
      oneProvider: 'Every backup channel depends on {{provider}} ({{products}}), so one {{provider}} outage takes them all down; add e.g. {{suggestions}}, and list primary_providers in the front matter.',
    },
  },
  check({ doc, options, report }) {
    const content = ruleContent(doc, 'backup-channels');
    if (!content) return;
    const { minChannels } = options;
    const kb = buildKnowledgeBase(options.providers);
    const fm = doc.model.frontmatter ?? {};
    const primaryValue = fm.primary_providers ?? fm['primary-providers'] ?? fm.primaryProviders ?? fm.critical_providers;
    const primaries = primaryValue === undefined || primaryValue === null ? [] : resolvePrimaryProviders(kb, primaryValue);
    const channels = collectChannels(doc, content.sections, new Set(content.roots), kb, primaries.map((p) => p.provider));
    const range = content.landing(channels.map((c) => c.range.start.offset)).headingRange;
    const labels = channels.map((c) => `"${c.label}"`);

    if (channels.length < minChannels) {
      const facts = { channels: channels.map((c) => c.label), minChannels, suggestions: suggestions(primaries, 2).join(' and ') };
      if (channels.length === 0) report({ messageId: 'noChannel', range, data: facts });
      else report({ messageId: 'tooFew', range, data: { ...facts, count: channels.length, channelWord: channels.length === 1 ? 'channel' : 'channels', labels: joinAnd(labels) } });
    }
    if (channels.length === 0) return;

    if (primaries.length > 0) {
      const deps = channels.map((c) => dependencies(c, primaries));
      if (deps.every((d) => d.length > 0)) {
        const names = primaries.map((p) => p.written).join(', ');
        report({
          messageId: 'dependsOnPrimary',
          range,
          data: {
            primaryProviders: primaries.map((p) => p.provider.name), channels: channels.map((c) => c.label),
            primaries: names, dependencies: describeDependencies(deps.flat()), suggestions: suggestions(primaries, 2).join(' or '),
          },
        });
      }
      return;
    }

    // No `primary_providers`: the plan's own words may say what it runs on ("we use Slack for…").
    const inferred = inferPrimaryStack(kb, evidenceUnits(doc, content.sections)).map((e) => {
      // The mention's own line inside a wrapped paragraph.
      const at = doc.text.slice(e.start, e.end).indexOf(e.written);
      return at < 0 ? e : { ...e, line: doc.lines.point(e.start + at).line };
    });
    if (inferred.length > 0) {
      const stack: PrimaryProvider[] = inferred.map((e) => ({ written: e.written, provider: e.provider, known: true }));
      const deps = channels.map((c) => dependencies(c, stack));
      if (deps.every((d) => d.length > 0)) {
        const evidence = inferred.map((e) => `the plan's primary ${e.role} is ${e.product === e.provider.name ? e.product : `${e.product} (${e.provider.name})`} (line ${e.line}: "${e.quote}")`).join('; ');
        report({
          messageId: 'dependsOnInferredStack',
          range,
          data: {
            inferredProviders: inferred.map((e) => ({ provider: e.provider.name, line: e.line, quote: e.quote })), channels: channels.map((c) => c.label),
            evidence, dependencies: describeDependencies(deps.flat()), suggestions: suggestions(stack, 2).join(' or '),
          },
        });
        return;
      }
    }

    // No `primary_providers` (the frontmatter rule asks for it). Still, channels that all hang on one
    // provider fail together whatever the primary is: say so, as a warning.
    const perChannel = channels.map((c) => new Map(c.mentions.filter((m) => m.kind === 'product' && m.provider).map((m) => [m.provider!.id, m])));
    const common = [...perChannel[0]!.keys()].filter((id) => perChannel.every((m) => m.has(id)));
    if (common.length > 0) {
      const provider = perChannel[0]!.get(common[0]!)!.provider!;
      const products = unique(perChannel.map((m) => m.get(common[0]!)!.name));
      report({
        severity: 'warning',
        messageId: 'oneProvider',
        range,
        data: { provider: provider.name, channels: channels.map((c) => c.label), products: joinAnd(products.map((p) => `"${p}"`)), suggestions: suggestions([], 2).join(' or ') },
      });
    }
  },
});

/** The channels in `sections` (the rule's sections and all their subsections); `roots` are the sections themselves. */
function collectChannels(doc: RunbookDocument, sections: readonly SectionNode[], roots: ReadonlySet<SectionNode>, kb: KnowledgeBase, primaryProviders: Provider[]): Channel[] {
  const candidates: Array<{ label: string; text: string; range: Range; markedPrimary: boolean }> = [];
  const consumed = new Set<SectionNode>();
  for (const s of sections) {
    if (consumed.has(s)) continue;
    // A sub-heading that names a means is one channel; its body describes it.
    if (!roots.has(s) && namesMeans(kb, withoutNonDependencies(s.heading), primaryProviders)) {
      for (const d of subtree(s)) consumed.add(d);
      const body = subtree(s).map((d) => (d === s ? d.model.text : `${d.heading}\n${d.model.text}`)).join('\n');
      candidates.push({ label: s.heading, text: `${s.heading}\n${body}`, range: s.headingRange, markedPrimary: PRIMARY_MARK.test(withoutNonDependencies(s.heading)) });
      continue;
    }
    for (const table of s.tables) {
      const name = Math.max(0, findColumn(table.headers, NAME_COLUMNS));
      const conditions = table.headers.flatMap((_, i) => (findColumn([table.headers[i]!], CONDITION_COLUMNS) === 0 ? [i] : []));
      const role = findColumn(table.headers, ROLE_COLUMNS);
      table.rows.forEach((_, r) => {
        const label = cellText(table, r, name) || rowText(table, r, conditions);
        const roleValue = role >= 0 ? cellText(table, r, role) : '';
        const text = rowText(table, r, conditions);
        candidates.push({ label, text, range: rowRange(table, r), markedPrimary: PRIMARY_VALUE.test(roleValue) || (PRIMARY_MARK.test(withoutNonDependencies(text)) && !BACKUP_WORD.test(withoutNonDependencies(text))) });
      });
    }
    for (const item of sectionItems(doc, s)) {
      if (item.task) continue;
      const label = itemLabel(item.node.children[0] as Nodes | undefined, item.ownProse);
      const stripped = withoutNonDependencies(item.prose);
      candidates.push({ label, text: item.prose, range: item.ownRange, markedPrimary: PRIMARY_MARK.test(stripped) && !BACKUP_WORD.test(stripped) });
    }
  }
  const channels: Channel[] = [];
  for (const c of candidates) {
    if (c.markedPrimary) continue;
    const text = withoutNonDependencies(withoutUrls(c.text));
    const mentions = findMentions(kb, text, primaryProviders);
    const naming = mentions.filter((m) => m.channel);
    if (naming.length === 0) continue;
    const labelMentions = findMentions(kb, withoutNonDependencies(withoutUrls(c.label)), primaryProviders).filter((m) => m.channel);
    // What the channel is: a named product or means, in the label first; a vendor's bare name last.
    const specific = (m: Mention) => m.kind === 'means' || (m.kind === 'product' && !m.provider?.id.startsWith('unknown:'));
    const first = labelMentions.find(specific) ?? naming.find(specific) ?? labelMentions[0] ?? naming[0]!;
    const key = first.kind === 'product' ? `product:${first.name}` : first.kind === 'means' ? `means:${first.means!.id}` : `generic:${first.capability}`;
    if (channels.some((ch) => ch.key === key)) continue;
    const label = shorten(c.label, 60, { label: true }) || shorten(c.text, 60, { label: true }) || first.text;
    channels.push({ label, text, range: c.range, key, mentions });
  }
  return channels;
}

/** Every paragraph and table row of the document, with its line, for reading the primary stack. */
function evidenceUnits(doc: RunbookDocument, sections: readonly SectionNode[]): EvidenceUnit[] {
  const out: EvidenceUnit[] = [];
  const inSections = (offset: number) => sections.some((s) => s.range.start.offset <= offset && offset <= s.range.end.offset);
  const stack: Nodes[] = [...doc.root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'paragraph' || node.type === 'tableRow') {
      const start = node.position?.start.offset ?? 0;
      const text = node.type === 'paragraph' ? plainText(node, { code: false }) : node.children.map((c) => plainText(c, { code: false })).join(' | ');
      out.push({ text, line: doc.lines.point(start).line, start, end: node.position?.end.offset ?? start, inBackupSection: inSections(start) });
      continue;
    }
    if ('children' in node) {
      const kids = node.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return out;
}

function namesMeans(kb: KnowledgeBase, text: string, primaryProviders: Provider[]): boolean {
  return findMentions(kb, withoutUrls(text), primaryProviders).some((m) => m.channel && (m.kind === 'product' || m.kind === 'means'));
}

/** What a channel needs from the primary providers: their products, or an indirect need (SSO, corporate laptops) or a generic channel they supply. */
function dependencies(channel: Channel, primaries: PrimaryProvider[]): Dependency[] {
  const out: Dependency[] = [];
  const primaryIds = new Set(primaries.map((p) => p.provider.id));
  const specific = channel.mentions.some((m) => m.channel && (m.kind === 'product' || m.kind === 'means'));
  for (const m of channel.mentions) {
    if (m.kind === 'product' && m.provider && primaryIds.has(m.provider.id)) {
      out.push({ display: m.name === m.provider.name ? channel.label : m.name, provider: m.provider });
    } else if (m.kind === 'indirect' || (m.kind === 'generic' && !specific)) {
      // A sign-in needs the identity provider: a dedicated one (Okta) when listed, else a suite that has one.
      const able = primaries.filter((p) => m.capability && p.provider.capabilities.includes(m.capability));
      const dedicated = able.filter((p) => p.provider.capabilities.length === 1);
      for (const p of dedicated.length > 0 ? dedicated : able) {
        {
          out.push({ display: channel.label, note: m.kind === 'indirect' ? m.reason! : `uses ${m.name}`, provider: p.provider });
        }
      }
    }
  }
  // One entry per display name and provider.
  return out.filter((d, i) => out.findIndex((o) => o.display === d.display && o.note === d.note && o.provider.id === d.provider.id) === i);
}

/** `"Microsoft Teams" and "Outlook" both depend on Microsoft 365; "Zoom" depends on Okta`. */
function describeDependencies(deps: Dependency[]): string {
  const byProvider = new Map<string, { provider: Provider; names: string[] }>();
  for (const d of deps) {
    const entry = byProvider.get(d.provider.id) ?? { provider: d.provider, names: [] };
    const name = `"${d.display}"${d.note ? ` (${d.note})` : ''}`;
    if (!entry.names.includes(name)) entry.names.push(name);
    byProvider.set(d.provider.id, entry);
  }
  const parts: string[] = [];
  const assigned = new Set<string>();
  for (const { provider, names } of byProvider.values()) {
    const fresh = names.filter((n) => !assigned.has(n));
    if (fresh.length === 0) continue;
    fresh.forEach((n) => assigned.add(n));
    const verb = fresh.length === 1 ? 'depends' : fresh.length === 2 ? 'both depend' : 'all depend';
    parts.push(`${joinAnd(fresh)} ${verb} on ${provider.name}`);
  }
  return parts.join('; ');
}

function suggestions(primaries: PrimaryProvider[], count: number): string[] {
  const ids = new Set(primaries.map((p) => p.provider.id));
  const all = [
    { text: 'a conference phone bridge', needs: [] as string[] },
    { text: 'a Signal group', needs: ['signal'] },
    { text: 'an SMS cascade to personal mobiles', needs: [] },
    { text: 'satellite phones', needs: [] },
  ];
  return all.filter((s) => !s.needs.some((id) => ids.has(id))).slice(0, count).map((s) => s.text);
}

/** The item's bold lead (`**Conference bridge**: …`) or its text up to the first colon or dash. */
function itemLabel(first: Nodes | undefined, ownText: string): string {
  if (first && first.type === 'paragraph') {
    const lead = first.children[0];
    if (lead && (lead.type === 'strong' || lead.type === 'emphasis')) {
      const t = plainText(lead).replace(/[:\s]+$/, '');
      if (t) return t;
    }
  }
  const cut = ownText.split(/\s*(?::\s|\s[—–-]\s|\.\s)/)[0] ?? ownText;
  return cut;
}


/** Web addresses keep their host (`meet.google.com`) but not their path (`…/terraform-modules/google`). */
function withoutUrls(text: string): string {
  return text.replace(/\b((?:https?:\/\/|www\.)[^\s/]+)(\S*)/gi, (_, host: string, rest: string) => host + ' '.repeat(rest.length));
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

