/**
 * What the usual communication channels depend on (pure): the products of the big platform
 * providers with their aliases, the means of communication that need no provider (phone bridge,
 * SMS, satellite phone, radio, in person), and what channels need indirectly (an SSO sign-in needs
 * the identity provider; corporate laptops need the endpoint platform, the July 2024 lesson).
 */

import { escapeRegExp } from '../../text.js';

/** A name to look for: plain text (case-insensitive) or `{ text, caseSensitive: true }` for words like "Teams". */
export type Alias = string | { text: string; caseSensitive: true };

export type Capability = 'email' | 'chat' | 'video' | 'voice' | 'sms' | 'paging' | 'identity' | 'endpoint' | 'status' | 'documents';

export interface Product {
  /** Display name, used in messages (`Microsoft Teams`). */
  name: string;
  aliases: Alias[];
  /** False for products that are not a way to communicate (sign-in, endpoint agents, documents), which a channel may still need. */
  channel?: false;
}

export interface Provider {
  id: string;
  /** Display name (`Microsoft 365`). */
  name: string;
  /** Names that refer to the provider itself, e.g. in `primary_providers` (`M365`, `Office 365`). */
  aliases: Alias[];
  products: Product[];
  /** What the provider supplies; generic channels (`email`, `chat`) and SSO/laptop needs map to these. */
  capabilities: Capability[];
}

const cs = (text: string): Alias => ({ text, caseSensitive: true });

export const PROVIDERS: readonly Provider[] = [
  {
    id: 'microsoft-365', name: 'Microsoft 365',
    aliases: ['Microsoft 365', 'Office 365', 'O365', 'M365', 'MS365', 'MS 365', 'Microsoft Office 365', 'Office365', 'Microsoft365', 'Microsoft', 'MSFT', 'Microsoft Online', cs('MS')],
    capabilities: ['email', 'chat', 'video', 'voice', 'identity', 'documents'],
    products: [
      { name: 'Microsoft Teams', aliases: ['Microsoft Teams', 'MS Teams', 'MSTeams', 'Teams Phone', 'Teams meeting', 'Teams meetings', 'Teams chat', 'Teams channel', cs('Teams')] },
      { name: 'Outlook', aliases: ['Microsoft Outlook', 'Outlook on the web', 'Outlook Web Access', 'Outlook', cs('OWA')] },
      { name: 'Exchange Online', aliases: ['Exchange Online', 'Microsoft Exchange', 'Exchange Server', cs('Exchange')] },
      { name: 'SharePoint', aliases: ['SharePoint Online', 'SharePoint', 'Share Point'], channel: false },
      { name: 'OneDrive', aliases: ['OneDrive for Business', 'OneDrive', 'One Drive'], channel: false },
      { name: 'Viva Engage', aliases: ['Viva Engage', 'Yammer'] },
      { name: 'Skype for Business', aliases: ['Skype for Business', 'Lync', 'Skype'] },
      { name: 'Entra ID', aliases: ['Microsoft Entra ID', 'Microsoft Entra', 'Entra ID', 'Azure Active Directory', 'Azure AD', cs('AAD'), cs('Entra')], channel: false },
      { name: 'Microsoft Intune', aliases: ['Microsoft Intune', 'Intune'], channel: false },
      { name: 'Microsoft Defender', aliases: ['Microsoft Defender', 'Defender for Endpoint'], channel: false },
    ],
  },
  {
    id: 'google-workspace', name: 'Google Workspace',
    aliases: ['Google Workspace', 'G Suite', 'GSuite', 'G-Suite', 'Google Apps', 'GCP Workspace', 'Google Workspace (G Suite)', 'Google'],
    capabilities: ['email', 'chat', 'video', 'voice', 'identity', 'documents'],
    products: [
      { name: 'Gmail', aliases: ['Gmail', 'Google Mail', 'Googlemail'] },
      { name: 'Google Chat', aliases: ['Google Chat', 'Hangouts Chat'] },
      { name: 'Google Meet', aliases: ['Google Meet', 'Hangouts Meet', 'meet.google.com'] },
      { name: 'Google Hangouts', aliases: ['Google Hangouts', 'Hangouts'] },
      { name: 'Google Voice', aliases: ['Google Voice'] },
      { name: 'Google Groups', aliases: ['Google Groups', 'Google Group'] },
      { name: 'Google Docs', aliases: ['Google Docs', 'Google Doc', 'Google Drive', 'Google Sheets', 'Google Sites'], channel: false },
      { name: 'Google Calendar', aliases: ['Google Calendar'], channel: false },
    ],
  },
  {
    // Hosting, not a channel; listed so "Google Cloud Storage" is not read as Google Workspace.
    id: 'google-cloud', name: 'Google Cloud', aliases: ['Google Cloud', 'Google Cloud Platform', 'GCP'], capabilities: [],
    products: [{ name: 'Google Cloud', aliases: ['Google Cloud Platform', 'Google Cloud Storage', 'Google Cloud', 'Google Kubernetes Engine', 'BigQuery', 'Cloud Storage'], channel: false }],
  },
  {
    id: 'slack', name: 'Slack', aliases: ['Slack', 'Slack Technologies'], capabilities: ['chat', 'video'],
    products: [
      { name: 'Slack Huddles', aliases: ['Slack Huddles', 'Slack Huddle', 'Slack huddles'] },
      { name: 'Slack', aliases: ['Slack Connect', 'Slack channel', 'Slack'] },
    ],
  },
  {
    id: 'zoom', name: 'Zoom', aliases: [cs('Zoom'), 'Zoom Video Communications', 'Zoom Communications'], capabilities: ['video', 'voice', 'chat'],
    products: [
      { name: 'Zoom Phone', aliases: ['Zoom Phone'] },
      { name: 'Zoom Chat', aliases: ['Zoom Team Chat', 'Zoom Chat'] },
      { name: 'Zoom', aliases: ['Zoom Meetings', 'Zoom meeting', 'Zoom bridge', 'Zoom call', 'zoom.us', cs('Zoom')] },
    ],
  },
  {
    id: 'webex', name: 'Cisco Webex', aliases: ['Cisco Webex', 'Webex'], capabilities: ['video', 'voice', 'chat', 'identity'],
    products: [
      { name: 'Webex', aliases: ['Webex Teams', 'Webex Calling', 'Webex Meetings', 'Cisco Webex', 'Webex', 'WebEx'] },
      { name: 'Cisco Duo', aliases: ['Cisco Duo', 'Duo Security', cs('Duo')], channel: false },
    ],
  },
  {
    id: 'aws', name: 'AWS', aliases: ['AWS', 'Amazon Web Services', 'Amazon'], capabilities: ['email', 'chat', 'video', 'sms', 'voice'],
    products: [
      { name: 'Amazon Chime', aliases: ['Amazon Chime', 'AWS Chime', cs('Chime')] },
      { name: 'Amazon WorkMail', aliases: ['Amazon WorkMail', 'AWS WorkMail', 'WorkMail'] },
      { name: 'Amazon SES', aliases: ['Amazon SES', 'AWS SES', 'Simple Email Service', cs('SES')] },
      { name: 'Amazon SNS', aliases: ['Amazon SNS', 'AWS SNS', 'Simple Notification Service', cs('SNS')] },
      { name: 'Amazon Connect', aliases: ['Amazon Connect'] },
      { name: 'AWS Wickr', aliases: ['AWS Wickr', 'Wickr'] },
    ],
  },
  {
    id: 'atlassian', name: 'Atlassian', aliases: ['Atlassian', 'Atlassian Cloud'], capabilities: ['status', 'paging', 'documents'],
    products: [
      { name: 'Statuspage', aliases: ['Atlassian Statuspage', 'Statuspage', 'statuspage.io'] },
      { name: 'Opsgenie', aliases: ['Opsgenie', 'OpsGenie', 'Ops Genie'] },
      { name: 'Jira', aliases: ['Jira Service Management', 'Jira Service Desk', 'Jira'], channel: false },
      { name: 'Confluence', aliases: ['Confluence'], channel: false },
    ],
  },
  {
    id: 'pagerduty', name: 'PagerDuty', aliases: ['PagerDuty', 'Pager Duty'], capabilities: ['paging', 'status'],
    products: [{ name: 'PagerDuty', aliases: ['PagerDuty', 'Pager Duty', 'PagerDuty Status Pages'] }],
  },
  {
    id: 'crowdstrike', name: 'CrowdStrike', aliases: ['CrowdStrike', 'Crowd Strike'], capabilities: ['endpoint'],
    products: [{ name: 'CrowdStrike Falcon', aliases: ['CrowdStrike Falcon', 'Falcon sensor', 'Falcon agent', cs('Falcon')], channel: false }],
  },
  {
    id: 'sentinelone', name: 'SentinelOne', aliases: ['SentinelOne', 'Sentinel One'], capabilities: ['endpoint'],
    products: [{ name: 'SentinelOne', aliases: ['SentinelOne', 'Sentinel One'], channel: false }],
  },
  {
    id: 'okta', name: 'Okta', aliases: ['Okta', 'Okta Workforce Identity', 'Auth0'], capabilities: ['identity'],
    products: [{ name: 'Okta', aliases: ['Okta Verify', 'Okta', 'Auth0'], channel: false }],
  },
  {
    id: 'ping-identity', name: 'Ping Identity', aliases: ['Ping Identity', 'PingFederate', 'PingOne'], capabilities: ['identity'],
    products: [{ name: 'Ping Identity', aliases: ['Ping Identity', 'PingFederate', 'PingOne', 'PingID'], channel: false }],
  },
  {
    id: 'ringcentral', name: 'RingCentral', aliases: ['RingCentral', 'Ring Central'], capabilities: ['voice', 'video', 'chat', 'sms'],
    products: [{ name: 'RingCentral', aliases: ['RingCentral Video', 'RingCentral', 'Ring Central', 'Glip'] }],
  },
  {
    id: 'twilio', name: 'Twilio', aliases: ['Twilio'], capabilities: ['sms', 'voice', 'email'],
    products: [{ name: 'Twilio', aliases: ['Twilio', 'SendGrid'] }],
  },
  {
    id: 'everbridge', name: 'Everbridge', aliases: ['Everbridge'], capabilities: ['sms', 'voice', 'paging'],
    products: [{ name: 'Everbridge', aliases: ['Everbridge', 'xMatters'] }],
  },
  {
    id: 'discord', name: 'Discord', aliases: ['Discord'], capabilities: ['chat', 'voice'],
    products: [{ name: 'Discord', aliases: ['Discord'] }],
  },
  {
    id: 'signal', name: 'Signal', aliases: [cs('Signal'), 'Signal Messenger', 'Signal Foundation'], capabilities: ['chat', 'voice'],
    products: [{ name: 'Signal', aliases: ['Signal Messenger', 'Signal group', 'Signal app', cs('Signal')] }],
  },
  {
    id: 'meta', name: 'WhatsApp (Meta)', aliases: ['WhatsApp', cs('Meta'), 'Meta Platforms', 'Facebook'], capabilities: ['chat', 'voice'],
    products: [
      { name: 'WhatsApp', aliases: ['WhatsApp', 'Whats App'] },
      { name: 'Workplace from Meta', aliases: ['Workplace from Meta', 'Facebook Workplace'] },
      { name: 'Messenger', aliases: ['Facebook Messenger'] },
    ],
  },
  {
    id: 'telegram', name: 'Telegram', aliases: ['Telegram'], capabilities: ['chat'],
    products: [{ name: 'Telegram', aliases: ['Telegram'] }],
  },
  {
    id: 'mattermost', name: 'Mattermost', aliases: ['Mattermost'], capabilities: ['chat'],
    products: [{ name: 'Mattermost', aliases: ['Mattermost'] }],
  },
  {
    id: 'rocket-chat', name: 'Rocket.Chat', aliases: ['Rocket.Chat', 'RocketChat', 'Rocket Chat'], capabilities: ['chat'],
    products: [{ name: 'Rocket.Chat', aliases: ['Rocket.Chat', 'RocketChat', 'Rocket Chat'] }],
  },
  {
    id: 'matrix', name: 'Matrix/Element', aliases: [cs('Matrix'), cs('Element'), 'Matrix/Element', 'Element Matrix'], capabilities: ['chat', 'voice'],
    products: [{ name: 'Matrix/Element', aliases: ['Element Matrix', 'Matrix room', 'Matrix chat', 'matrix.org', 'element.io', cs('Element'), cs('Matrix')] }],
  },
  {
    id: 'zoho', name: 'Zoho', aliases: ['Zoho', 'Zoho Workplace'], capabilities: ['email', 'chat'],
    products: [{ name: 'Zoho', aliases: ['Zoho Mail', 'Zoho Cliq', 'Zoho'] }],
  },
];

/** A way to communicate that needs no platform provider (PSTN, radio, people in a room). */
export interface Means {
  id: string;
  /** Display name (`conference phone bridge`). */
  name: string;
  pattern: RegExp;
}

export const MEANS: readonly Means[] = [
  { id: 'phone-bridge', name: 'conference phone bridge', pattern: /\b(?:conference (?:phone )?(?:bridge|line|call|number)|(?:phone|telephone|audio|voice|bridge|conference|emergency) (?:bridge|line)|dial[- ]?in(?: number| line| bridge)?|teleconference|conference calls?|bridge line|(?:incident |crisis |war[- ]room |backup |emergency )?bridge)s?\b/i },
  { id: 'satellite-phone', name: 'satellite phone', pattern: /\b(?:satellite (?:phone|telephone|messenger|communicator)s?|sat[- ]?phones?|iridium|inmarsat|thuraya|starlink)\b/i },
  { id: 'radio', name: 'radio', pattern: /\b(?:(?:two-way |ham |amateur |vhf |uhf |hf )?radios?|walkie[- ]talkies?|push[- ]to[- ]talk|tetra|ptt)\b/i },
  { id: 'personal-email', name: 'personal email', pattern: /\b(?:personal|private|home|non-corporate|non-work) e-?mail(?: address(?:es)?| accounts?)?\b/i },
  { id: 'sms', name: 'SMS', pattern: /\b(?:sms(?: cascade| tree| messages?| alerts?| broadcast)?|text messag(?:e|es|ing)|texting|texts?(?= (?:to|messages?|cascade|tree|alerts?)\b)|mms)\b/i },
  { id: 'pager', name: 'pager', pattern: /\b(?:pagers?|beepers?|paging devices?)\b/i },
  { id: 'phone', name: 'phone call', pattern: /\b(?:(?:personal |mobile |cell |private |home )?(?:mobile |cell(?:ular)? |desk |office )?(?:tele)?phones?(?: calls?| tree| numbers?)?|call tree|phone tree|calling tree|cascade calls?|mobiles|landlines?|voice calls?|hotline|operator (?:line|desk)|softphones?|fax)\b/i },
  { id: 'in-person', name: 'in person', pattern: /\b(?:in[- ]person|face[- ]to[- ]face|war[- ]rooms?|assembly points?|meeting points?|muster points?|(?:crisis |incident |emergency )command (?:post|cent(?:re|er))|command posts?|situation rooms?|crisis rooms?|operations rooms?|ops rooms?|runners?|couriers?)\b/i },
  { id: 'status-page', name: 'status page', pattern: /\bstatus (?:page|site)s?\b/i },
];

/** Generic channel words that mean "the company's own system for this", whoever provides it. */
export const GENERIC_CAPABILITIES: ReadonlyArray<{ capability: Capability; label: string; pattern: RegExp }> = [
  { capability: 'email', label: 'corporate email', pattern: /\b(?:e-?mail|mail(?:ing)? lists?|distribution lists?|dls?)\b/i },
  { capability: 'chat', label: 'corporate chat', pattern: /\b(?:[Cc]hat|CHAT|[Ii]nstant [Mm]essag(?:e|es|ing)|IM)\b/ },
  { capability: 'video', label: 'video conferencing', pattern: /\b(?:video(?:[- ]?conferenc(?:e|ing)| calls?| meetings?)|web ?conferenc(?:e|ing)|online meetings?)\b/i },
];

/** What a channel needs indirectly: a sign-in through the identity provider, or the corporate computers. */
export const INDIRECT_NEEDS: ReadonlyArray<{ capability: Capability; reason: string; pattern: RegExp }> = [
  { capability: 'identity', reason: 'needs SSO sign-in', pattern: /\b(?:sso|single[- ]sign[- ]on|corporate (?:login|log-in|sign-in|credentials|accounts?|identity)|company (?:login|accounts?|credentials)|work accounts?|(?:log|sign)(?:ged)? in with (?:your|our|the) (?:corporate|company|work) (?:account|credentials|identity))\b/i },
  { capability: 'endpoint', reason: 'runs on corporate computers', pattern: /\b(?:(?:corporate|company|work|office|managed) (?:laptops?|desktops?|pcs?|computers?|workstations?|devices?|endpoints?)|windows (?:laptops?|desktops?|pcs?|machines?|workstations?|endpoints?|hosts?|clients?)|softphones?|desktop (?:app|client)s?)\b/i },
];

export interface KnowledgeBase {
  providers: Provider[];
}

/** The built-in providers plus the config's `providers` option (`{ "Acme Cloud": ["AcmeChat"] }`); a known name extends that provider. */
const kbCache = new Map<string, KnowledgeBase>();

export function buildKnowledgeBase(extra: Record<string, string[]> = {}): KnowledgeBase {
  const key = JSON.stringify(extra ?? {});
  const cached = kbCache.get(key);
  if (cached) return cached;
  const kb = createKnowledgeBase(extra ?? {});
  if (kbCache.size > 16) kbCache.clear();
  kbCache.set(key, kb);
  return kb;
}

function createKnowledgeBase(extra: Record<string, string[]>): KnowledgeBase {
  const providers: Provider[] = PROVIDERS.map((p) => ({ ...p, aliases: [...p.aliases], products: p.products.map((x) => ({ ...x, aliases: [...x.aliases] })) }));
  for (const [name, products] of Object.entries(extra)) {
    const known = providers.find((p) => p.aliases.some((a) => sameName(aliasText(a), name)) || sameName(p.name, name));
    const entries = (products ?? []).filter((x) => typeof x === 'string' && x.trim()).map((x) => ({ name: x.trim(), aliases: [x.trim()] }));
    if (known) known.products.push(...entries);
    else providers.push({ id: `custom:${name}`, name, aliases: [name], capabilities: [], products: [{ name, aliases: [name] }, ...entries] });
  }
  return { providers };
}

function aliasText(alias: Alias): string {
  return typeof alias === 'string' ? alias : alias.text;
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/[^\p{L}\p{N}.]+/gu, ' ').trim();
}

function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

const GENERIC_COMPANY_WORDS = /(?:\s+(?:conferencing|communications?|telecom(?:munications)?|cloud|networks?|systems|technologies|technology|software|services|solutions|group|holdings|corp(?:oration)?|inc\.?|ltd\.?|llc|plc|gmbh|ag|s\.?a\.?|limited|company|co\.?))+$/i;

export interface PrimaryProvider {
  /** As written in the front matter. */
  written: string;
  /** The provider it resolves to; an unknown name becomes a provider of its own, matched by name. */
  provider: Provider;
  known: boolean;
}

/**
 * `primary_providers` (or `critical_providers`) from the front matter as providers: a list or a
 * comma/semicolon-separated string; names resolve case-insensitively through provider aliases
 * (`M365`, `O365`, `Google`) and product names (`Slack`, `Microsoft Teams`).
 */
export function resolvePrimaryProviders(kb: KnowledgeBase, value: unknown): PrimaryProvider[] {
  const names: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string') names.push(...v.split(/[,;\n]|\s+\+\s+/).map((s) => s.trim()).filter(Boolean));
    else if (typeof v === 'number') names.push(String(v));
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      // `- name: Microsoft 365` style entries.
      const name = (v as Record<string, unknown>).name ?? (v as Record<string, unknown>).provider;
      if (typeof name === 'string') names.push(name.trim());
    }
  };
  if (Array.isArray(value)) value.forEach(add);
  else add(value);
  const out: PrimaryProvider[] = [];
  for (const written of names) {
    const provider = resolveProvider(kb, written);
    const known = !provider.id.startsWith('unknown:');
    if (!out.some((p) => p.provider.id === provider.id)) out.push({ written, provider, known });
  }
  return out;
}

/** The provider a name refers to (by provider alias, then product alias), or a name-only provider. */
export function resolveProvider(kb: KnowledgeBase, name: string): Provider {
  const n = normalizeName(name);
  const byAlias = kb.providers.find((p) => sameName(p.name, name) || p.aliases.some((a) => normalizeName(aliasText(a)) === n));
  if (byAlias) return byAlias;
  const byProduct = kb.providers.find((p) => p.products.some((x) => sameName(x.name, name) || x.aliases.some((a) => normalizeName(aliasText(a)) === n)));
  if (byProduct) return byProduct;
  const trimmed = name.replace(/\([^)]*\)/g, '').trim() || name;
  // "Brightline Conferencing" is also written "Brightline"; "Acme Cloud" also "Acme".
  const short = trimmed.replace(GENERIC_COMPANY_WORDS, '').trim();
  const aliases = short && short !== trimmed && short.length >= 4 ? [trimmed, short] : [trimmed];
  return { id: `unknown:${n}`, name: trimmed, aliases, capabilities: [], products: [{ name: trimmed, aliases }] };
}

export interface Mention {
  kind: 'product' | 'means' | 'generic' | 'indirect';
  /** The mention names a way to communicate (a messaging product, a means, a generic channel word). */
  channel: boolean;
  /** Display name: product name, means name, or the generic label. */
  name: string;
  provider?: Provider;
  means?: Means;
  capability?: Capability;
  /** For indirect needs: why (`needs SSO sign-in`). */
  reason?: string;
  index: number;
  end: number;
  text: string;
}

function aliasRegExp(alias: Alias): RegExp {
  const text = aliasText(alias);
  const body = escapeRegExp(text).replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, typeof alias === 'string' ? 'giu' : 'gu');
}

interface Matcher {
  provider: Provider;
  product: Product;
}

interface CompiledKb {
  /** One alternation per case mode, longest names first, and the lookup from matched text back to the product. */
  regexes: Array<{ re: RegExp; lookup: Map<string, Matcher>; caseSensitive: boolean }>;
}

const compiled = new WeakMap<KnowledgeBase, CompiledKb>();

function lookupKey(text: string, caseSensitive: boolean): string {
  const t = text.replace(/\s+/g, ' ');
  return caseSensitive ? t : t.toLowerCase();
}

function compile(entries: Array<{ alias: Alias; matcher: Matcher }>): CompiledKb['regexes'] {
  const out: CompiledKb['regexes'] = [];
  for (const caseSensitive of [false, true]) {
    const lookup = new Map<string, Matcher>();
    const names: string[] = [];
    for (const { alias, matcher } of entries) {
      if ((typeof alias !== 'string') !== caseSensitive) continue;
      const key = lookupKey(aliasText(alias), caseSensitive);
      if (lookup.has(key)) continue; // the first (product before provider name) wins
      lookup.set(key, matcher);
      names.push(aliasText(alias));
    }
    if (names.length === 0) continue;
    names.sort((a, b) => b.length - a.length);
    const body = names.map((n) => escapeRegExp(n).replace(/\s+/g, '\\s+')).join('|');
    out.push({ re: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`, caseSensitive ? 'gu' : 'giu'), lookup, caseSensitive });
  }
  return out;
}

function productMatchers(kb: KnowledgeBase): CompiledKb {
  let c = compiled.get(kb);
  if (!c) {
    const entries: Array<{ alias: Alias; matcher: Matcher }> = [];
    for (const provider of kb.providers) {
      for (const product of provider.products) for (const alias of product.aliases) entries.push({ alias, matcher: { provider, product } });
    }
    // The provider's own name in a channel ("provider: Microsoft", "hosted by Google") counts too, as
    // a dependency but not as a channel; very short aliases (`MS`) only serve `primary_providers`.
    for (const provider of kb.providers) {
      for (const alias of provider.aliases) {
        if (aliasText(alias).length <= 2) continue;
        entries.push({ alias, matcher: { provider, product: { name: provider.name, aliases: [alias], channel: false } } });
      }
    }
    c = { regexes: compile(entries) };
    compiled.set(kb, c);
  }
  return c;
}

const MEANS_GLOBAL = MEANS.map((means) => ({ means, re: new RegExp(means.pattern.source, 'gi') }));
const GENERIC_GLOBAL = GENERIC_CAPABILITIES.map((g) => ({ g, re: new RegExp(g.pattern.source, g.pattern.flags.includes('i') ? 'gi' : 'g') }));
const INDIRECT_GLOBAL = INDIRECT_NEEDS.map((need) => ({ need, re: new RegExp(need.pattern.source, 'gi') }));

/**
 * Every product, provider-free means, generic channel word and indirect need in `text`, in order,
 * without overlaps (longer names first). Unknown primary providers are found by their name when
 * passed in `extraProviders`.
 */
export function findMentions(kb: KnowledgeBase, text: string, extraProviders: readonly Provider[] = []): Mention[] {
  const out: Mention[] = [];
  const free = (start: number, end: number) => !out.some((m) => m.index < end && start < m.end);
  const found: Array<{ start: number; end: number; text: string; matcher: Matcher }> = [];
  for (const provider of extraProviders) {
    if (!provider.id.startsWith('unknown:')) continue;
    for (const alias of provider.aliases) {
      for (const m of text.matchAll(aliasRegExp(alias))) found.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], matcher: { provider, product: provider.products[0]! } });
    }
  }
  for (const { re, lookup, caseSensitive } of productMatchers(kb).regexes) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const matcher = lookup.get(lookupKey(m[0], caseSensitive));
      if (matcher) found.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], matcher });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const f of found) {
    if (free(f.start, f.end)) out.push({ kind: 'product', channel: f.matcher.product.channel !== false, name: f.matcher.product.name, provider: f.matcher.provider, index: f.start, end: f.end, text: f.text });
  }
  for (const { means, re } of MEANS_GLOBAL) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (free(start, end)) out.push({ kind: 'means', channel: true, name: means.name, means, index: start, end, text: m[0] });
    }
  }
  for (const { g, re } of GENERIC_GLOBAL) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (free(start, end)) out.push({ kind: 'generic', channel: true, name: g.label, capability: g.capability, index: start, end, text: m[0] });
    }
  }
  // Indirect needs may overlap a means ("softphones" is a phone that runs on a computer), not a product.
  const products = out.filter((m) => m.kind === 'product');
  for (const { need, re } of INDIRECT_GLOBAL) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!products.some((p) => p.index < end && start < p.end) && !out.some((o) => o.kind === 'indirect' && o.index < end && start < o.end)) out.push({ kind: 'indirect', channel: false, name: m[0], capability: need.capability, reason: need.reason, index: start, end, text: m[0] });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * `text` without the clauses that name a system as something the channel does NOT rely on:
 * conditions (`when Teams is down`, `if Outlook fails`), contrasts (`instead of Teams`, `not on
 * Microsoft 365`, `independent of Okta`, `fallback for Slack`). Each clause runs to the next
 * sentence break, semicolon, colon, dash, bracket or "but".
 */
export function withoutNonDependencies(text: string): string {
  const starts = /\b(?:when|whenever|if|while|unless|until|in case(?: of)?|should|during|after|once|because|since|instead of|rather than|in place of|not|no|never|without|outside(?: of)?|other than|except|apart from|separate(?:ly)? from|unlike|independent(?:ly)? of|regardless of|(?:does|do|did|will|would)(?: not|n't)|isn't|aren't|cannot|can't|(?:fallback|fall-back|backup|back-up|alternative|replacement|substitute|stand-in) (?:for|to)|replaces?|replacing|away from)\b/gi;
  return text.replace(new RegExp(`${starts.source}[^.;:()\\[\\]—–\\n]*?(?=\\bbut\\b|[.;:()\\[\\]—–\\n]|$)`, 'gi'), (m) => ' '.repeat(m.length));
}

/** One piece of evidence that the plan runs on a provider day to day. */
export interface PrimaryEvidence {
  provider: Provider;
  /** What the plan uses it for: `chat`, `mail`, `meetings`, `communication`. */
  role: string;
  /** The product or name as written (`Slack`, `Gmail`). */
  written: string;
  /** The product's display name (`Microsoft Teams`). */
  product: string;
  /** The unit's line (the rule refines it to the mention's own line). */
  line: number;
  /** Source offsets of the unit the evidence comes from. */
  start: number;
  end: number;
  /** A short quote of the sentence. */
  quote: string;
}

export interface EvidenceUnit {
  text: string;
  line: number;
  start: number;
  end: number;
  /** Inside the backup-channels section: only "if Slack is down" counts there, not "we use Signal". */
  inBackupSection: boolean;
}

const COMM_CAPABILITIES: readonly Capability[] = ['chat', 'email', 'video', 'voice'];
/** "Slack is down", "if Gmail becomes unavailable", "Slack outage": the plan's normal channel fails. */
const OUTAGE_AFTER = /^\s*(?:\([^)]*\)\s*)?(?:(?:itself|service|services|workspace)\s+)?(?:(?:is|are|goes|go|becomes|become|has|have|gets|get)\s+)?(?:(?:completely|fully|also|itself)\s+)?(?:down|unavailable|offline|out of service|unreachable|inaccessible|not available|not working|fails?|failed|failing|outages?|disruptions?|degraded|compromised|impacted)\b/i;
const OUTAGE_BEFORE = /\b(?:outage|loss|failure|unavailability|disruption|compromise) of (?:the |our )?$/i;
/** The sentence says what is normally used. */
const USAGE_CUE = /\b(?:we use|we rely on|relies on|rely on|uses|our (?:primary|main|usual|normal|day-to-day|default|everyday|standard|internal|corporate|company)|primary|main|usual|normal(?:ly)?|default|day-to-day|everyday|typically|usually|standard|(?:is|are) used (?:for|to|as)|used for (?:all )?(?:internal )?(?:communications?|chat|messaging|e-?mail|meetings))\b/i;
/** `coordinate in Slack`, `communication happens over Slack`: the incident runs on it. */
const COMM_VIA = /\b(?:communicat\w*|coordinat\w*|chat\w*|messag\w*|discuss\w*|collaborat\w*|meet\w*|calls?|convene\w*|updates?|announce\w*|post\w*|notif\w*|e-?mails?|mail|goes|sent|sends?|hosted|runs?|handled|provided|incidents? (?:are|is) (?:declared|managed|run|handled))\b[^.;!?]{0,50}\b(?:via|on|in|over|through|using|with|by|is|are)\s+(?:a |an |the |our )?(?:dedicated |private |new |shared |company |corporate )?$/i;
const BACKUP_CUE = /\b(?:backup|back-up|fallback|fall-back|alternate|alternative|secondary|out[- ]of[- ]band|emergency|instead)\b/i;

function roleOf(product: string): string {
  if (/mail|outlook|exchange/i.test(product)) return 'mail';
  if (/meet|zoom|webex|hangouts|huddle|chime/i.test(product)) return 'meetings';
  if (/chat|slack|teams|mattermost|discord|rocket|element|matrix|yammer|viva/i.test(product)) return 'chat';
  return 'communication';
}

function quoteAround(sentence: string, index: number): string {
  const flat = sentence.replace(/\s+/g, ' ').trim();
  if (flat.length <= 60) return flat;
  const at = Math.max(0, Math.min(index - 20, flat.length - 57));
  return `${at > 0 ? '…' : ''}${flat.slice(at, at + 57).trim()}…`;
}

/**
 * The providers a plan uses day to day, read from its own words when the front matter does not list
 * them: "we use Slack for…", "the incident is coordinated in Slack", "if Gmail is down", "our primary
 * chat is Microsoft Teams". Only messaging, mail and meeting providers count; a sentence about a
 * backup ("fall back to Signal") is never evidence of a primary. The first sentence per provider is
 * kept as evidence.
 */
export function inferPrimaryStack(kb: KnowledgeBase, units: readonly EvidenceUnit[]): PrimaryEvidence[] {
  const out: PrimaryEvidence[] = [];
  for (const unit of units) {
    for (const sentence of unit.text.split(/(?<=[.!?;])\s+|\n+/)) {
      const mentions = findMentions(kb, sentence).filter((m) => m.kind === 'product' && m.channel && m.provider && !m.provider.id.startsWith('unknown:') && m.provider.capabilities.some((c) => COMM_CAPABILITIES.includes(c)));
      if (mentions.length === 0) continue;
      const outage = mentions.filter((m) => OUTAGE_AFTER.test(sentence.slice(m.end, m.end + 40)) || OUTAGE_BEFORE.test(sentence.slice(Math.max(0, m.index - 40), m.index)));
      let chosen = outage;
      if (chosen.length === 0 && !unit.inBackupSection && !BACKUP_CUE.test(sentence) && !/\b(?:if|when|whenever|should|in case)\b/i.test(sentence)) {
        chosen = mentions.filter((m) => USAGE_CUE.test(sentence) || COMM_VIA.test(sentence.slice(Math.max(0, m.index - 90), m.index)));
      }
      for (const m of chosen) {
        if (out.some((e) => e.provider.id === m.provider!.id)) continue;
        out.push({ provider: m.provider!, role: roleOf(m.name), written: m.text, product: m.name, line: unit.line, start: unit.start, end: unit.end, quote: quoteAround(sentence, m.index) });
      }
    }
  }
  return out;
}
