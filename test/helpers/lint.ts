import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, type LintResult } from '../../src/core/lint.js';
import { resolveRuleConfigs } from '../../src/core/config.js';
import { builtinRules } from '../../src/core/rules/index.js';
import type { RuleSetting } from '../../src/core/types.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';

/** Tests run from the repo root (npm test). */
export const repoRoot = process.cwd();
export const fixturesDir = join(repoRoot, 'test', 'fixtures');

/** A fixed "today" so date-based rules give the same findings every day. */
export const TODAY = new Date('2026-11-23T12:00:00Z');

export function lintWithDefaults(text: string, rules: Record<string, RuleSetting> = {}, now: Date = TODAY): LintResult {
  return lintText(text, { schema: builtinSchema(), ruleConfigs: resolveRuleConfigs(builtinRules, rules), now });
}

export function readFixture(...parts: string[]): string {
  return readFileSync(join(fixturesDir, ...parts), 'utf8');
}
