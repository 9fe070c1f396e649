import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from '../errors.js';
import { CONFIG_NAMES } from '../config.js';

export const INIT_CONFIG_NAME = '.runbook-lint.jsonc';
export const INIT_EXAMPLE_PATH = join('runbooks', 'example-runbook.md');

export const INIT_CONFIG = `// runbook-lint configuration: https://github.com/runbook-lint/runbook-lint/blob/main/docs/configuration.md
// The nearest .runbook-lint.jsonc / .runbook-lint.json walking up from a runbook applies to it,
// so a folder can have its own. Comments and trailing commas are allowed in this file.
{
  // JSON Schema of this file, for completion and hovers in editors.
  "$schema": "./node_modules/runbook-lint/schemas/config.schema.json",

  // The schema runbooks are checked against: the built-in business-continuity schema, or a path
  // (relative to this file) to your own JSON Schema, e.g. "./schemas/alert-runbook.schema.json".
  "schema": "runbook-lint:continuity",

  // Which Markdown files are runbooks (globs relative to this file). Without "include", the CLI
  // lints every **/*.md and the editor only files whose front matter marks them as runbooks.
  "include": ["runbooks/**/*.md"],

  // Files never linted, even when "include" matches them. node_modules and .git always are.
  "ignore": ["**/archive/**"],

  // Rule settings: "off", "warn", "error", or ["error", { options }].
  // \`npx runbook-lint rules\` lists every rule with its default severity.
  "rules": {
    // "stale-review": ["error", { "maxAgeDays": 180 }],
    // "section-order": "off",
  },
}
`;

/** Paths `init` would write, refusing before writing anything if one exists. */
export function initTargets(cwd: string): { config: string; example: string } {
  const config = join(cwd, INIT_CONFIG_NAME);
  const example = join(cwd, INIT_EXAMPLE_PATH);
  const existing = [...CONFIG_NAMES.map((n) => join(cwd, n)), example].filter((p) => existsSync(p));
  if (existing.length > 0) {
    throw new UsageError(`Not initialising: ${existing.map((p) => relative(cwd, p)).join(' and ')} already exist${existing.length === 1 ? 's' : ''}; runbook-lint init never overwrites files.`);
  }
  return { config, example };
}
