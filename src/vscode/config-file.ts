/**
 * Parse and validate `.runbook-lint.json(c)` text and the `runbookLint.rules` setting (pure; no
 * vscode, no fs): the same checks as the CLI (config schema, each rule's options schema,
 * severities), with problems located by offset so they can be shown on the config file.
 */
import configSchemaJson from '../../schemas/config.schema.json' with { type: 'json' };
import { jsonc, type JsonNode, type ParseError } from './jsonc.js';
import { builtinRules, compileSchema, ConfigError, resolveRuleConfigs, type JsonSchema, type RunbookLintConfig, type RuleConfig, type RuleSetting } from '../core/index.js';


export interface ConfigProblem {
  message: string;
  offset: number;
  length: number;
}

export interface ParsedConfig {
  config?: RunbookLintConfig;
  problems: ConfigProblem[];
}

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
  parentSchema?: unknown;
  /** Set by ajv on the inner error of a failed `propertyNames`. */
  propertyName?: string;
}

/** The property name a `propertyNames` failure is about (outer error: params; inner error: the error itself). */
function badPropertyName(e: AjvLikeError): string | undefined {
  const name = e.propertyName ?? e.params.propertyName;
  return name === undefined ? undefined : String(name);
}

function pointerPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function nodeFor(tree: JsonNode | undefined, pointer: string, key?: string): { offset: number; length: number } {
  if (!tree) return { offset: 0, length: 0 };
  const path = pointerPath(pointer);
  for (let n = path.length; n >= 0; n--) {
    const node = jsonc.findNodeAtLocation(tree, path.slice(0, n));
    if (!node) continue;
    if (key !== undefined && n === path.length && node.type === 'object') {
      const prop = node.children?.find((c) => c.children?.[0]?.value === key);
      if (prop?.children?.[0]) return { offset: prop.children[0].offset, length: prop.children[0].length };
    }
    return { offset: node.offset, length: node.length };
  }
  return { offset: tree.offset, length: 0 };
}

function describe(e: AjvLikeError, knownRules: string[]): string {
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  const at = e.instancePath ? `"${e.instancePath.slice(1).replace(/\//g, '.')}"` : 'the config';
  if (badPropertyName(e) !== undefined) {
    return `Unknown rule "${badPropertyName(e)}" in "rules". Known rules: ${knownRules.join(', ')}.`;
  }
  if (e.keyword === 'additionalProperties') return `${at} has no property "${String(e.params.additionalProperty)}".`;
  if (typeof parent['x-message'] === 'string') return parent['x-message'];
  return `${at} ${e.message ?? 'is invalid'}.`;
}

let configValidator: ReturnType<typeof compileSchema> | undefined;

/** Validate rule settings (from a config file or the editor setting); problems point into `tree` at `base`. */
export function validateRules(rules: unknown, tree: JsonNode | undefined, base: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (rules === undefined) return problems;
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) {
    return [{ message: '"rules" must be an object of rule id → setting.', ...nodeFor(tree, base) }];
  }
  const known = builtinRules.map((r) => r.meta.id);
  for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
    const rule = builtinRules.find((r) => r.meta.id === id);
    const at = `${base}/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!rule) {
      problems.push({ message: `Unknown rule "${id}" in "rules". Known rules: ${known.join(', ')}.`, ...nodeFor(tree, base, id) });
      continue;
    }
    try {
      resolveRuleConfigs([rule], { [id]: setting as RuleSetting });
    } catch (error) {
      problems.push({ message: (error as Error).message, ...nodeFor(tree, at) });
      continue;
    }
    const options = Array.isArray(setting) ? setting[1] : undefined;
    if (options === undefined || !rule.meta.optionsSchema) continue;
    const check = compileSchema(rule.meta.optionsSchema as JsonSchema).validate;
    if (!check(options)) {
      for (const e of (check.errors ?? []) as AjvLikeError[]) {
        const props = Object.keys((rule.meta.optionsSchema.properties as Record<string, unknown> | undefined) ?? {});
        const message =
          e.keyword === 'additionalProperties'
            ? `Rule "${id}" has no option "${String(e.params.additionalProperty)}"${props.length ? `; its options are: ${props.join(', ')}` : ''}.`
            : `Rule "${id}": ${e.instancePath ? `option "${e.instancePath.slice(1)}"` : 'options'} ${e.message}.`;
        problems.push({ message, ...nodeFor(tree, `${at}/1${e.instancePath}`) });
      }
    }
  }
  return problems;
}

/** Parse JSONC config text and validate it like the CLI does. */
export function parseConfigText(input: string): ParsedConfig {
  const text = input.charCodeAt(0) === 0xfeff ? ' ' + input.slice(1) : input;
  const errors: ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length > 0 || !tree) {
    const e = errors[0];
    return { problems: [{ message: `Config is not valid JSON (comments and trailing commas are allowed): ${e ? jsonc.printParseErrorCode(e.error) : 'empty file'}.`, offset: e?.offset ?? 0, length: e?.length ?? 0 }] };
  }
  const value = jsonc.getNodeValue(tree) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { problems: [{ message: 'The config must be a JSON object, e.g. { "rules": { "section-order": "off" } }.', offset: tree.offset, length: tree.length }] };
  }
  configValidator ??= compileSchema(configSchemaJson as JsonSchema);
  const validate = configValidator.validate;
  const problems: ConfigProblem[] = [];
  const known = builtinRules.map((r) => r.meta.id);
  if (!validate(value)) {
    const errs = (validate.errors ?? []) as AjvLikeError[];
    // Keep the most specific error per location; anyOf wrappers add noise.
    const seen = new Set<string>();
    for (const e of errs) {
      if (e.keyword === 'anyOf' || e.keyword === 'if') continue;
      if (e.instancePath.startsWith('/rules/') && e.instancePath.split('/').length > 2) continue; // rule settings: validateRules says it better
      const message = describe(e, known);
      const key = e.instancePath + '\0' + message;
      if (seen.has(key)) continue;
      seen.add(key);
      const key2 = badPropertyName(e) !== undefined ? badPropertyName(e) : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty) : undefined;
      problems.push({ message, ...nodeFor(tree, e.instancePath, key2) });
    }
  }
  const config = value as RunbookLintConfig;
  const ruleProblems = validateRules(config.rules, tree, '/rules').filter((p) => !problems.some((q) => q.offset === p.offset && q.message === p.message));
  problems.push(...ruleProblems);
  return problems.length > 0 ? { problems } : { config, problems };
}

/** Config rules with the editor's `runbookLint.rules` overrides on top. Throws ConfigError on bad values. */
export function mergeRuleConfigs(configRules: Record<string, RuleSetting> | undefined, overrides: Record<string, RuleSetting> | undefined): Map<string, RuleConfig> {
  const merged = { ...(configRules ?? {}), ...(overrides ?? {}) };
  return resolveRuleConfigs(builtinRules, merged);
}

export { ConfigError };
