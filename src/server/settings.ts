/**
 * Which schema and rule settings apply to a document the client opened. Until core's resolver
 * (config discovery behind an injected host) is on main, every document gets the built-in schema
 * and default rules.
 */
import { fileURLToPath } from 'node:url';
import { builtinRules, resolveRuleConfigs, type CompiledSchema, type RuleConfig } from '../core/index.js';
import { builtinSchema } from '../core/builtin-schema.js';

export interface DocumentSettings {
  schema: CompiledSchema;
  /** How hovers name the schema, e.g. `built-in runbook-lint:continuity`. */
  schemaLabel: string;
  ruleConfigs: Map<string, RuleConfig>;
  /** The config or schema could not be loaded: the runbook gets one `fatal` diagnostic with this text. */
  problem?: string;
  /** True/false when include globs exist, undefined when none do. */
  included?: boolean;
  ignored: boolean;
}

/** The file-system path of a `file:` URI; undefined for other schemes (untitled buffers, virtual files). */
export function filePathOf(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export class SettingsSource {
  private defaults?: DocumentSettings;

  /** Forget cached configs and schemas (a watched file changed). */
  invalidate(): void {}

  /** True when a change to this path can change settings (config files, schema files read so far). */
  async watches(path: string): Promise<boolean> {
    return /(^|[\\/])\.runbook-lint\.jsonc?$/.test(path);
  }

  async forDocument(uri: string): Promise<DocumentSettings> {
    void filePathOf(uri);
    return (this.defaults ??= { schema: builtinSchema(), schemaLabel: 'built-in runbook-lint:continuity', ruleConfigs: resolveRuleConfigs(builtinRules, {}), ignored: false });
  }
}
