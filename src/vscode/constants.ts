/** Public contract of the extension (design §7): command ids, diagnostic source, docs links. Never rename. */
import { findRule } from '../core/index.js';

export const SOURCE = 'runbook-lint';
export const README_URL = 'https://github.com/runbook-lint/runbook-lint';
export const CONFIG_NAMES = ['.runbook-lint.jsonc', '.runbook-lint.json'] as const;
export const FIX_ALL_KIND_SUFFIX = 'runbookLint';

export const COMMANDS = {
  lint: 'runbookLint.lint',
  lintWorkspace: 'runbookLint.lintWorkspace',
  openChecklist: 'runbookLint.openChecklist',
  newRunbook: 'runbookLint.newRunbook',
  insertMissingSections: 'runbookLint.insertMissingSections',
  markReviewed: 'runbookLint.markReviewed',
  exportChecklist: 'runbookLint.exportChecklist',
} as const;

/** README anchor of a rule (`…#rule-escalation-path`); `fatal` and unknown ids link to the README. */
export function ruleDocsUrl(ruleId: string): string {
  const rule = findRule(ruleId);
  return rule ? `${README_URL}#${rule.meta.docs}` : `${README_URL}#readme`;
}
