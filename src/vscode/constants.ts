/** Public contract of the extension (design §7): command ids, diagnostic source, docs links. Never rename. */
import { PROJECT_URL } from '../core/api.js';

export { ruleDocsUrl } from '../core/api.js';
export { SOURCE } from '../editor/diagnostics.js';

export const README_URL = PROJECT_URL;
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
