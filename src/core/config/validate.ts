/**
 * Validation of a parsed config against schemas/config.schema.json, then of each rule's options
 * against the rule's `meta.optionsSchema`, then of severities: the one place these messages are
 * worded. One message per location (the most specific one wins).
 */
import configSchemaJson from '../../../schemas/config.schema.json' with { type: 'json' };
import { resolveRuleConfigs, type RunbookLintConfig } from '../config.js';
import type { Rule } from '../rule.js';
import { builtinRules } from '../rules/index.js';
import type { RuleSetting } from '../types.js';
import type { ErrorObject } from 'ajv';
import { compileOwnSchema, locateAjvErrors, type LocatedMessage } from './ajv.js';
import { keyNode, nodeAt, pointerKey, problemAt, type JsonDoc } from './json.js';
import type { ConfigProblem } from './problems.js';

export const configSchema = configSchemaJson as Record<string, unknown>;

/** `/rules/<id>/1/…` or `/overrides/<n>/rules/<id>/1/…`: an error inside a rule's options, and the rule's id. */
const RULE_OPTIONS_PATH = /^(?:\/overrides\/\d+)?\/rules\/([^/]+)\/1(?:\/|$)/;

/**
 * The wording of an error in a rule's options, the same whether the config schema (which embeds
 * every rule's option schema, for editors) or the rule's own `optionsSchema` found it: an unknown
 * option with the known ones; an option's `x-message` as it stands (it names the option); else the
 * rule, the option and what is wrong.
 */
function ruleOptionMessage(rule: Rule | undefined, id: string, e: ErrorObject, optionPath: string): string {
  const params = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  const names = Object.keys((rule?.meta.optionsSchema?.properties as Record<string, unknown> | undefined) ?? {});
  // An unknown option names the known ones (the options object's own `x-message` is about its type).
  if (e.keyword === 'additionalProperties') return `Rule "${id}" has no option "${params.additionalProperty}"${names.length ? `; its options are: ${names.join(', ')}` : ''}.`;
  if (typeof parent['x-message'] === 'string') return parent['x-message'];
  const option = optionPath ? `option "${optionPath.slice(1).replace(/\//g, '.')}"` : 'options';
  return `Rule "${id}": ${option} ${e.message}${e.keyword === 'enum' ? ` (${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})` : ''}.`;
}

export function unknownRuleMessage(id: string, rules: readonly Rule[] = builtinRules): string {
  return `Unknown rule "${id}" in "rules". Known rules: ${rules.map((r) => r.meta.id).join(', ')}.`;
}

/** Validate a config document; `config` is set only when there are no problems. */
export function validateConfigDoc(doc: JsonDoc): { config?: RunbookLintConfig; problems: ConfigProblem[] } {
  const value = doc.value;
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { problems: [problemAt(doc, doc.tree?.offset ?? 0, doc.tree?.length ?? 0, 'the config must be a JSON object, e.g. { "rules": { "section-order": "off" } }.')] };
  }
  const validate = compileOwnSchema(configSchema);
  const found: LocatedMessage[] = [];
  if (!validate(value)) {
    found.push(
      ...locateAjvErrors(doc, validate.errors ?? [], '', (e) => {
        const params = e.params as Record<string, unknown>;
        if (e.keyword === 'propertyNames' && /\/rules$/.test(e.instancePath)) return unknownRuleMessage(String(params.propertyName));
        const inOptions = RULE_OPTIONS_PATH.exec(e.instancePath);
        if (inOptions) {
          const id = inOptions[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
          return ruleOptionMessage(builtinRules.find((r) => r.meta.id === id), id, e, e.instancePath.slice(inOptions[0].replace(/\/$/, '').length));
        }
        return undefined;
      }),
    );
  }
  const config = value as RunbookLintConfig;
  found.push(...ruleSettingProblems(doc, (config as { rules?: unknown }).rules, '/rules'));
  const overrides = (config as { overrides?: unknown }).overrides;
  if (Array.isArray(overrides)) overrides.forEach((o, i) => found.push(...ruleSettingProblems(doc, (o as { rules?: unknown } | null)?.rules, `/overrides/${i}/rules`)));
  const problems = onePerLocation(doc, found);
  return problems.length > 0 ? { problems } : { config, problems };
}

/**
 * Problems of a `rules` object (rule ids, options against each rule's schema, severities), located
 * inside `doc` at `base`. Also used for the editor's `runbookLint.rules` setting.
 */
export function ruleSettingProblems(doc: JsonDoc, rules: unknown, base: string, known: readonly Rule[] = builtinRules): LocatedMessage[] {
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) return [];
  const out: LocatedMessage[] = [];
  for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
    const rule = known.find((r) => r.meta.id === id);
    const at = `${base}/${pointerKey(id)}`;
    if (!rule) {
      const key = keyNode(doc, base, id);
      out.push({ offset: key?.offset ?? 0, length: key?.length ?? 0, message: unknownRuleMessage(id, known) });
      continue;
    }
    const options = Array.isArray(setting) ? setting[1] : undefined;
    if (options && typeof options === 'object' && !Array.isArray(options) && rule.meta.optionsSchema) {
      const check = compileOwnSchema(rule.meta.optionsSchema);
      if (!check(options)) {
        out.push(...locateAjvErrors(doc, check.errors ?? [], `${at}/1`, (e) => ruleOptionMessage(rule, id, e, e.instancePath)));
        continue;
      }
    }
    try {
      resolveRuleConfigs([rule], { [id]: setting as RuleSetting });
    } catch (error) {
      const node = nodeAt(doc, at);
      out.push({ offset: node?.offset ?? 0, length: node?.length ?? 0, message: (error as Error).message });
    }
  }
  return out;
}

/** In file order, the first (most specific: config schema before rule checks) message per offset. */
export function onePerLocation(doc: JsonDoc, found: LocatedMessage[]): ConfigProblem[] {
  const byOffset = new Map<number, LocatedMessage>();
  for (const p of found) if (!byOffset.has(p.offset)) byOffset.set(p.offset, p);
  return [...byOffset.values()].sort((a, b) => a.offset - b.offset).map((p) => problemAt(doc, p.offset, p.length, p.message));
}
