import type { ErrorObject } from 'ajv';
import type { CompiledSchema } from './schema.js';
import type { RunbookDocument } from './model.js';
import type { Finding, Fix, Range, RuleMeta, Severity } from './types.js';
import type { Located, TextScanner } from './scan-memo.js';

/**
 * What a rule reports. Give either the `message` text, or a `messageId` (a key of the rule's
 * `meta.messages`) whose `{{name}}` placeholders are filled from `data`. `data` also travels with the
 * finding, so other code (the checklist, editors) reads facts from it, never from the message text.
 */
export type Report = {
  range: Range;
  fix?: Fix;
  data?: Record<string, unknown>;
  /** Only to lower a finding to a warning (e.g. a schema node's `x-severity`); config can lower further. */
  severity?: Severity;
} & ({ message: string; messageId?: undefined } | { messageId: string; message?: undefined });

export interface RuleContext<Options extends object = Record<string, unknown>> {
  doc: RunbookDocument;
  schema: CompiledSchema;
  /** ajv errors after collapsing wrappers (if/anyOf); the schema-backed rules pick theirs. */
  schemaErrors: ErrorObject[];
  /**
   * The rule's options: validated against `meta.optionsSchema` when the config was loaded and merged
   * over `meta.defaultOptions` once, so a rule reads them as typed values without re-checking.
   */
  options: Options;
  /** "Today", injected so results are reproducible in tests. */
  now: Date;
  report(report: Report): void;
  /**
   * `scanner.scan(text)`, for a rule that scans the document's text (or a text with the same
   * offsets): an editor's re-lint reuses the results of the segments an edit did not touch
   * (src/core/scan-memo.ts; the scanner must keep TextScanner's contract). Same results either way.
   */
  scanText<T extends Located>(scanner: TextScanner<T>, text: string): T[];
}

export interface Rule<Options extends object = Record<string, unknown>> {
  meta: RuleMeta;
  check(context: RuleContext<Options>): void;
}

/**
 * Declare a rule: one file per rule under src/core/rules/, registered in rules/index.ts, documented in
 * docs/rules/<id>.md. `Options` types `context.options`; declare every option with a default in
 * `meta.defaultOptions` (or make it optional in the type) and its JSON Schema in `meta.optionsSchema`.
 */
export function defineRule<Options extends object = Record<string, unknown>>(rule: Rule<Options> & { meta: { defaultOptions?: Partial<Options> } }): Rule {
  return rule as unknown as Rule;
}

/** A message template's `{{name}}` placeholders filled from `data`; an unknown name is a bug in the rule. */
export function formatMessage(template: string, data: Record<string, unknown> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in data)) throw new Error(`message placeholder "{{${name}}}" has no value in the report's data`);
    return String(data[name]);
  });
}

/** The text of a report: its own `message`, or its `messageId`'s template filled from `data`. */
export function reportMessage(meta: RuleMeta, report: Report): string {
  if (report.messageId === undefined) return report.message!;
  const template = meta.messages?.[report.messageId];
  if (template === undefined) throw new Error(`unknown messageId "${report.messageId}" (meta.messages has ${Object.keys(meta.messages ?? {}).join(', ') || 'none'})`);
  return formatMessage(template, report.data);
}

export type { Finding };
