/**
 * The parts of schemas/config.schema.json and package.json that come from the rule definitions: the
 * rule-id enum and, per rule, its description, docs link and option schema. `npm run build`
 * (scripts/sync-rules.mjs) writes them; test/rules/registry.test.ts fails when the checked-in files
 * differ from what the rule metas declare. Nothing here is edited by hand in those files.
 */
import { docsUrl } from '../docs-links.js';
import type { Rule } from '../rule.js';

type Json = Record<string, unknown>;

const SEVERITY = { $ref: '#/$defs/severity' };

/** `{ "maxAgeDays": 180 }`: an options object as the config's messages and docs write it. */
function inline(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** The example options of a rule: its option schema's first `examples` entry, else its defaults. */
function exampleOptions(rule: Rule): unknown {
  const examples = rule.meta.optionsSchema?.examples;
  return Array.isArray(examples) && examples.length > 0 ? examples[0] : rule.meta.defaultOptions ?? {};
}

/** The rule's option schema, each option annotated with its default for editor hovers. */
function optionsSchemaOf(rule: Rule): Json {
  const schema = rule.meta.optionsSchema!;
  const defaults = rule.meta.defaultOptions ?? {};
  const properties = Object.fromEntries(
    Object.entries((schema.properties as Record<string, Json> | undefined) ?? {}).map(([name, option]) => [
      name,
      name in defaults && !('default' in option) ? { ...option, default: defaults[name] } : option,
    ]),
  );
  return {
    ...schema,
    description: `Options of \`${rule.meta.id}\`.`,
    properties,
    'x-message': `The options of \`${rule.meta.id}\` must be an object, e.g. ${inline(exampleOptions(rule))}.`,
  };
}

/** One rule's entry under `rules`: a severity, `[severity]`, or `[severity, { options }]` for rules with options. */
export function ruleSettingSchema(rule: Rule): Json {
  const { id, description, severity, optionsSchema } = rule.meta;
  const names = Object.keys((optionsSchema?.properties as Json | undefined) ?? {});
  const options = names.length === 0 ? '' : ` Option${names.length === 1 ? '' : 's'}: ${names.map((n) => `\`${n}\``).join(', ')}.`;
  const head = { description: `${description}${options} Default: ${severity}.`, 'x-docs': docsUrl(`rules/${id}.md`) };
  if (!optionsSchema) return { $ref: '#/$defs/ruleSetting', ...head };
  const example = `["error", ${inline(exampleOptions(rule))}]`;
  const arrayMessage = `A rule setting array is \`[severity]\` or \`[severity, { options }]\`, e.g. ${example}.`;
  return {
    ...head,
    anyOf: [
      SEVERITY,
      { type: 'array', minItems: 1, maxItems: 1, items: false, prefixItems: [SEVERITY], 'x-message': arrayMessage },
      { type: 'array', minItems: 2, maxItems: 2, items: false, prefixItems: [SEVERITY, optionsSchemaOf(rule)], 'x-message': arrayMessage },
    ],
    'x-message': `Set \`${id}\` to "off", "warn", "error" (or 0, 1, 2), or to ${example}.`,
  };
}

/** The rule ids, in registry order. */
export function ruleIds(rules: readonly Rule[]): string[] {
  return rules.map((r) => r.meta.id);
}

/** `configSchema` with its `rules` property's id enum and per-rule entries derived from `rules`. */
export function withRuleSchemas(configSchema: Json, rules: readonly Rule[]): Json {
  const properties = configSchema.properties as Json;
  const rulesProperty = properties.rules as Json;
  const ids = ruleIds(rules);
  return {
    ...configSchema,
    properties: {
      ...properties,
      rules: {
        ...rulesProperty,
        propertyNames: { enum: ids, 'x-message': `Unknown rule id. Known rules: ${ids.join(', ')}.` },
        properties: Object.fromEntries(rules.map((r) => [r.meta.id, ruleSettingSchema(r)])),
      },
    },
  };
}

/** package.json with the `runbookLint.rules` setting's id enum derived from `rules`. */
export function withRuleSettings(packageJson: Json, rules: readonly Rule[]): Json {
  const contributes = packageJson.contributes as Json;
  const configuration = contributes.configuration as Json;
  const settings = configuration.properties as Json;
  const setting = settings['runbookLint.rules'] as Json;
  return {
    ...packageJson,
    contributes: {
      ...contributes,
      configuration: {
        ...configuration,
        properties: { ...settings, 'runbookLint.rules': { ...setting, propertyNames: { ...(setting.propertyNames as Json), enum: ruleIds(rules) } } },
      },
    },
  };
}
