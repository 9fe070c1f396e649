import type { Rule } from '../rule.js';
import requiredSection from './required-section.js';
import frontmatter from './frontmatter.js';
import schema from './schema.js';
import placeholderText from './placeholder-text.js';
import staleReview from './stale-review.js';
import backupChannels from './backup-channels.js';
import escalationPath from './escalation-path.js';
import contactDetails from './contact-details.js';
import vendorAssistance from './vendor-assistance.js';
import recoveryObjectives from './recovery-objectives.js';
import emptySection from './empty-section.js';
import duplicateSection from './duplicate-section.js';
import sectionOrder from './section-order.js';
import noSecrets from './no-secrets.js';

/** Every built-in rule, in the order of design §4 (the README documents them in this order). */
export const builtinRules: readonly Rule[] = [
  requiredSection,
  frontmatter,
  schema,
  placeholderText,
  staleReview,
  backupChannels,
  escalationPath,
  contactDetails,
  vendorAssistance,
  recoveryObjectives,
  emptySection,
  duplicateSection,
  sectionOrder,
  noSecrets,
];

export function findRule(id: string): Rule | undefined {
  return builtinRules.find((r) => r.meta.id === id);
}
