import { builtinRuleMetas } from './rules/metas.js';

/** The project's home; reports (SARIF), diagnostics and hovers of every front end link below it. */
export const PROJECT_URL = 'https://github.com/runbook-lint/runbook-lint';

const DOCS_URL = `${PROJECT_URL}/blob/main/docs`;

/** A page of docs/ (e.g. `cli.md`, `configuration.md`), optionally at an anchor. */
export function docsUrl(page: string, anchor?: string): string {
  return `${DOCS_URL}/${page}${anchor ? `#${anchor}` : ''}`;
}

/** A rule's own page, docs/rules/<rule-id>.md; `fatal` and unknown ids link to the list of rules. */
export function ruleDocsUrl(ruleId: string): string {
  return builtinRuleMetas.some((m) => m.id === ruleId) ? docsUrl(`rules/${ruleId}.md`) : docsUrl('rules/README.md');
}
