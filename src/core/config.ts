import type { Rule } from './rule.js';
import type { RuleConfig, RuleSetting, Severity } from './types.js';

/** The config file of design §5, after parsing (JSONC) and schema validation. */
export interface RunbookLintConfig {
  schema?: string;
  include?: string[];
  ignore?: string[];
  rules?: Record<string, RuleSetting>;
  /** Config files (relative to this one) or npm packages whose settings this file builds on; later entries win. */
  extends?: string | string[];
  /** Settings for the files matching `files` (globs relative to this config), applied in order. */
  overrides?: Array<{ files: string[]; rules?: Record<string, RuleSetting>; schema?: string }>;
  /** Stop merging with the configs of parent folders. */
  root?: boolean;
}

export class ConfigError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function severityOf(value: unknown, fallback: Severity): Severity | 'off' | undefined {
  switch (value) {
    case 'off':
    case 0:
      return 'off';
    case 'warn':
    case 'warning':
    case 1:
      return 'warning';
    case 'error':
    case 2:
      return 'error';
    case undefined:
      return fallback;
    default:
      return undefined;
  }
}

/**
 * Resolve each rule's severity and options from the config (ESLint-style settings). Options are
 * merged over the rule's defaults. Unknown ids and bad values become ConfigErrors, never silence.
 */
export function resolveRuleConfigs(rules: readonly Pick<Rule, 'meta'>[], settings: Record<string, RuleSetting> = {}, file?: string): Map<string, RuleConfig> {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  for (const id of Object.keys(settings)) {
    if (!byId.has(id)) throw new ConfigError(`Unknown rule "${id}" in "rules". Known rules: ${[...byId.keys()].join(', ')}.`, file);
  }
  const out = new Map<string, RuleConfig>();
  for (const rule of rules) {
    const setting = settings[rule.meta.id];
    const [level, options] = Array.isArray(setting) ? setting : [setting, undefined];
    const severity = severityOf(level, rule.meta.severity);
    if (!severity) throw new ConfigError(`Rule "${rule.meta.id}": severity must be "off", "warn" or "error" (or 0, 1, 2), found ${JSON.stringify(level)}.`, file);
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
      throw new ConfigError(`Rule "${rule.meta.id}": options must be an object, found ${JSON.stringify(options)}.`, file);
    }
    out.set(rule.meta.id, { severity, options: { ...(rule.meta.defaultOptions ?? {}), ...(options ?? {}) } });
  }
  return out;
}
