/** Worker thread of `lintWorkspace` on the desktop: lints texts with settings sent once per key. */
import { parentPort } from 'node:worker_threads';
import { builtinRules, compileSchema, lintText, resolveRuleConfigs, type CompiledSchema, type RuleConfig, type RuleSetting } from '../../core/index.js';
import { builtinSchema } from '../../core/builtin-schema.js';
import type { PoolSettings } from '../workspace-lint.js';

const settings = new Map<string, { schema: CompiledSchema; ruleConfigs: Map<string, RuleConfig> }>();

type Message = { type: 'settings'; settings: PoolSettings } | { type: 'lint'; id: number; text: string; settingsKey: string };

parentPort!.on('message', (m: Message) => {
  if (m.type === 'settings') {
    const s = m.settings;
    try {
      const schema = s.payload.kind === 'builtin' ? builtinSchema() : compileSchema(s.payload.json, { extraSchemas: s.payload.extras });
      settings.set(s.key, { schema, ruleConfigs: resolveRuleConfigs(builtinRules, s.rules as Record<string, RuleSetting>) });
    } catch (error) {
      parentPort!.postMessage({ type: 'settings-error', key: s.key, message: (error as Error).message });
    }
    return;
  }
  const s = settings.get(m.settingsKey);
  if (!s) {
    parentPort!.postMessage({ type: 'result', id: m.id, error: `no settings ${m.settingsKey}` });
    return;
  }
  const result = lintText(m.text, { schema: s.schema, ruleConfigs: s.ruleConfigs });
  parentPort!.postMessage({ type: 'result', id: m.id, findings: result.findings });
});
