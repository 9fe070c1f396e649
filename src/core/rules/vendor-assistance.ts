import { defineRule } from '../rule.js';
import { escapeRegExp } from '../text.js';
import { hasTemplateText } from './util/placeholders.js';
import { subtree, type RunbookDocument, type SectionNode } from '../model.js';
import { ruleContent } from '../sections/for-rule.js';
import { linksIn, sentences, unitsOf } from './util/entries.js';
import { scanContacts } from './util/contacts.js';

/**
 * The vendor assistance policy must say who may accept or decline help from a vendor, on what
 * criteria, and how to reach the vendors; and (warning) how to check that a vendor is who they say.
 * July 2024: Microsoft and CrowdStrike both said their offers of help to Delta were declined or went
 * unanswered; CISA warned that attackers impersonated the vendors.
 */

const ROLE_WORDS = /\b(?:incident (?:commander|manager|lead|director|coordinator|controller)|(?:it|technology|security|operations|engineering) director|director(?: of [\p{L}-]+)?|head of [\p{L}][\p{L} -]*|duty (?:manager|officer)|crisis (?:manager|management team|team|lead|director|coordinator)|(?:business )?continuity (?:manager|coordinator|lead|officer)|(?:iscp|plan|dr|disaster recovery) (?:coordinator|manager|lead)|emergency (?:manager|management team|coordinator)|(?:on-call|engineering|operations|service|it|security|programme|program|vendor|supplier|account|delivery|change) (?:manager|lead|owner|director)|(?:system|service|business|risk|product) owner|vp(?: of [\p{L}-]+)?|vice president|chief [\p{L} ]+? officer|(?:gold|silver|bronze) commander|executive(?: on call| sponsor)?|senior leadership|leadership team|operations lead|security lead|technical lead|tech lead|commander|manager|officer|coordinator|director)\b/iu;
const ROLE_ACRONYMS = /\b(?:IC|IM|CIO|CISO|CTO|CEO|COO|CFO|CSO|CRO|VP|SVP|EVP|BCM|BCO|DRC)\b/;
const DECIDE = /\b(?:accept(?:s|ed|ing|ance)?|declin(?:e|es|ed|ing)|approv(?:e|es|ed|al|ing)|authori[sz](?:e|es|ed|ation|ing)|reject(?:s|ed|ing)?|refus(?:e|es|ed|ing)|decid(?:e|es|ed|ing)|decision|decisions|sign(?:s|ed)? off|turn(?:s|ed)? down|take(?:s|n)? up|engag(?:e|es|ed|ing)|invite(?:s|d)?|grant(?:s|ed)? access|say(?:s)? yes|call(?:s)? in|bring(?:s)? in)\b/i;
const AUTHORITY_FIELD = /^(?:decision-?authority|decision-?maker|decision-?owner|who-(?:may|can)-(?:accept|decide|approve|decline|accept-or-decline)(?:-.*)?|who-decides|authority|approver|approved-by|accepted-by|authori[sz]ed-by|decides|accepts|escalation-authority)$/;

const CRITERIA_WORD = /\b(?:criteria|criterion|conditions? (?:for|to)|accept(?:ance)? (?:threshold|trigger)s?|decision (?:rule|threshold)s?)\b/i;
const CRITERIA_FIELD = /(?:criteria|criterion|accept-(?:when|if)|when-to-accept|conditions|triggers?|decline-(?:when|if|unless)|decision-rule)/;
const ACCEPT_VERB = /\b(?:accept(?:s|ed|ing)?|declin(?:e|es|ed|ing)|engag(?:e|es|ed|ing)|request(?:s|ed|ing)?|take(?:s)? up|bring(?:s)? in|call(?:s)? in|invite(?:s|d)?|ask(?:s)? for (?:vendor )?(?:help|assistance|support)|escalate to the vendor)\b/i;
const CONDITIONAL = /\b(?:when|whenever|if|unless|once|as soon as|provided(?: that)?|only if|where|in case|after|beyond|exceed(?:s|ed)?|at risk|breach(?:ed|es)?)\b/i;
/** Clauses that describe the offer itself, not a criterion: "if a vendor offers help", "when offered". */
const OFFER_CLAUSE = /\b(?:if|when|whenever|once)\s+(?:(?:a|the|any|an)\s+)?(?:vendor|provider|supplier|third[- ]party|partner|platform provider|they|someone|anyone|help|assistance|support|outside help|offer(?:s)?)\s+(?:is\s+|are\s+)?(?:offer(?:s|ed)?|call(?:s|ed)?|contact(?:s|ed)?|reach(?:es)? out|get(?:s)? in touch|propose(?:s|d)?|made|received|arrive(?:s)?)\b[^,.;:]*|\b(?:if|when)\s+(?:you|we|anyone|someone|staff)\s+(?:receive|get)s?\s+(?:an?\s+)?(?:offer|call|message)\b[^,.;:]*|\b(?:if|when)\s+offered\b/gi;
const RTO_AT_RISK = /\b(?:rto|rpo|recovery time(?: objective)?|mtd|sla)\b[^.;]*\b(?:at risk|breach|exceed|miss|not on track|will not be met|cannot be met|overrun)|\b(?:at risk|breach|exceed|miss|not on track)\w*\b[^.;]*\b(?:rto|rpo|recovery time(?: objective)?|mtd|sla)\b/i;

const IDENTITY_VERB = /\b(?:verif(?:y|ies|ied|ying|ication)|confirm(?:s|ed|ing|ation)?|authenticat(?:e|es|ed|ing|ion)|validat(?:e|es|ed|ing|ion)|check(?:s|ed|ing)?)\b/i;
const IDENTITY_OBJECT = /\b(?:identity|identities|caller|callers|who (?:they|he|she|the caller) (?:are|is)|genuine|legitima(?:te|cy)|authentic(?:ity)?|known (?:contacts?|numbers?)|call(?:ing)? (?:them |it |the vendor )?back|callback|contact (?:list|table|details) on file|on file)\b/i;
const IDENTITY_STRONG = /\b(?:call(?:ing)?[- ]back|callback|impersonat\w*|phishing|social engineering|pretext\w*|out[- ]of[- ]band verification|identify themselves|proof of identity|shared secret|code ?word|pass ?phrase|pre-?agreed (?:code|number|contact)|known[- ]good (?:number|contact))\b/i;

const PORTAL = /\b(?:support|portal|help|helpdesk|service desk|contact|case|cases|ticket|tickets|escalation|status)\b/i;
/** Words of receiving outside help, which tell the policy's heading from one that only notifies vendors. */
const VENDOR_HELP = /\b(?:help|assist(?:ance|s|ed|ing)?|support|engag(?:e|es|ed|ing|ement)|offer(?:s|ed|ing)?)\b/i;
const VENDOR_REFERENCE = /\b(?:vendor contacts?|supplier contacts?|vendor (?:contact )?(?:table|list)|contact list|dependencies|dependencies and vendor contacts|appendix b|third[- ]party contacts?|support contacts?)\b/i;

interface Options {
  roles: string[];
  requireIdentityCheck: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'vendor-assistance',
    severity: 'error',
    description: 'The Vendor Assistance Policy names no role that may accept or decline vendor help, no criteria or no vendor contact (and, as a warning, no vendor identity check).',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        roles: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Extra role names that count as a decision authority, e.g. "Gold Commander".' },
        requireIdentityCheck: { type: 'boolean', description: 'Warn when the policy does not say how to verify a vendor\'s identity.' },
      },
      additionalProperties: false,
      examples: [{ roles: ['Gold Commander'] }],
    },
    defaultOptions: { roles: [], requireIdentityCheck: true },
    messages: {
      noRole: 'The vendor assistance policy names no role that may accept or decline vendor help; expected e.g. "Only the Incident Commander (or, in their absence, the IT Director) may accept or decline help offered by a vendor" (in July 2024 Microsoft and CrowdStrike both said their offers of help to Delta were declined or went unanswered).',
      noCriteria: 'The vendor assistance policy gives no criteria for accepting or declining help; expected e.g. "Accept help when recovery is not on track to meet the RTO, or when the fix needs access only the vendor has" (offers were turned down during the July 2024 outage while flights were still being cancelled).',
      noContact: 'The vendor assistance policy has no vendor contact; expected each vendor\'s emergency phone number, email address or support portal (or a reference to a vendor contact table that has them), so an offer can be accepted and verified quickly.',
      noIdentityCheck: 'The vendor assistance policy does not say how to verify that a vendor is who they claim to be; expected e.g. "Verify every caller by calling back the number in the vendor contact table; never act on a link or number from an inbound message" (CISA warned of impersonation during the July 2024 outage).',
    },
  },
  check({ doc, options, report }) {
    const content = ruleContent(doc, 'vendor-assistance');
    if (!content) return;
    const { roots, sections } = content;
    const rootSet = new Set(roots);
    const extraRoles = options.roles.filter((r) => r.trim());
    const roleRe = extraRoles.length > 0 ? new RegExp(`\\b(?:${extraRoles.map(escapeRegExp).join('|')})\\b`, 'i') : undefined;
    const units = unitsOf(doc, sections, rootSet);
    const fields = sections.flatMap((s) => s.fields);

    const isRole = (s: string) => ROLE_WORDS.test(s) || ROLE_ACRONYMS.test(s) || Boolean(roleRe?.test(s));
    const isAuthority = (s: string) => isRole(s) && DECIDE.test(s);
    const isCriterion = (raw: string) => {
      const s = raw.replace(OFFER_CLAUSE, ' ');
      return CRITERIA_WORD.test(s) || RTO_AT_RISK.test(s) || (ACCEPT_VERB.test(s) && CONDITIONAL.test(s));
    };
    const isIdentityCheck = (s: string) => IDENTITY_STRONG.test(s) || (IDENTITY_VERB.test(s) && IDENTITY_OBJECT.test(s));
    const allSentences = units.flatMap((u) => sentences(u.text));
    // Where the policy is written: the heading whose content is most about vendor help ("Contact External
    // Response Support"), not an earlier "Notify Vendors and Partners" that only informs them.
    const evidence = units
      .filter((u) => VENDOR_HELP.test(u.text) || usableContact(u.text) || sentences(u.text).some((s) => isAuthority(s) || isCriterion(s) || isIdentityCheck(s)))
      .map((u) => u.range.start.offset);
    const range = content.landing(evidence).headingRange;

    const hasAuthority =
      allSentences.some(isAuthority) ||
      fields.some((f) => AUTHORITY_FIELD.test(f.key) && f.value.trim() !== '');
    if (!hasAuthority) {
      report({
        messageId: 'noRole',
        range,
        data: { missing: 'role' },
      });
    }

    const hasCriteria =
      fields.some((f) => CRITERIA_FIELD.test(f.key) && f.value.trim() !== '') ||
      sections.some((s) => !rootSet.has(s) && /\b(?:criteria|when to accept|conditions|when to engage)\b/i.test(s.heading) && (s.body.length > 0 || s.children.length > 0)) ||
      allSentences.some(isCriterion);
    if (!hasCriteria) {
      report({
        messageId: 'noCriteria',
        range,
        data: { missing: 'criteria' },
      });
    }

    // An unfilled contact table ("[insert support phone]") is placeholder-text's finding, not a missing contact.
    if (!hasVendorContact(doc, sections, units.map((u) => u.text)) && !sections.some((s) => s.tables.some((t) => t.rows.some((row) => Object.values(row).some(hasTemplateText))))) {
      report({
        messageId: 'noContact',
        range,
        data: { missing: 'contact' },
      });
    }

    if (options.requireIdentityCheck) {
      if (!allSentences.some(isIdentityCheck)) {
        report({
          severity: 'warning',
          messageId: 'noIdentityCheck',
          range,
          data: { missing: 'identity-check' },
        });
      }
    }
  },
});

/** A phone number or email address; a web address only when it reads as a support portal or contact page. */
function usableContact(text: string): boolean {
  return scanContacts(text).some((t) => !t.problem && (t.kind === 'phone' || t.kind === 'email' || (t.kind === 'url' && PORTAL.test(text))));
}

function hasVendorContact(doc: RunbookDocument, sections: readonly SectionNode[], texts: string[]): boolean {
  if (texts.some(usableContact)) return true;
  const links = sections.flatMap((s) => linksIn(doc, s.body));
  if (links.some((l) => /^(?:mailto:[^@\s]+@|tel:\+?\d)/i.test(l.url) || (/^https?:\/\//i.test(l.url) && (PORTAL.test(l.url) || PORTAL.test(l.text))))) return true;
  // "Vendor contacts are in the Dependencies section": fine if that section has them.
  if (texts.some((t) => VENDOR_REFERENCE.test(t)) || links.some((l) => l.url.startsWith('#'))) {
    const candidates = doc.sections.filter((s) => s.id === 'dependencies' || /\b(?:vendor|supplier|third[- ]party)\b.*\bcontacts?\b|\bcontacts?\b.*\b(?:vendor|supplier)s?\b/i.test(s.heading));
    return candidates.some((s) => subtree(s).some((d) => usableContact(d.model.text)));
  }
  return false;
}
