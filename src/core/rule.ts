import type { ErrorObject } from 'ajv';
import type { CompiledSchema } from './schema.js';
import type { RunbookDocument } from './model.js';
import type { Finding, Fix, Range, RuleMeta, Severity } from './types.js';

export interface Report {
  message: string;
  range: Range;
  fix?: Fix;
  data?: Record<string, unknown>;
  /** Only to lower a finding to a warning (e.g. a schema node's `x-severity`); config can lower further. */
  severity?: Severity;
}

export interface RuleContext {
  doc: RunbookDocument;
  schema: CompiledSchema;
  /** ajv errors after collapsing wrappers (if/anyOf); the schema-backed rules pick theirs. */
  schemaErrors: ErrorObject[];
  options: Record<string, unknown>;
  /** "Today", injected so results are reproducible in tests. */
  now: Date;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

export type { Finding };
