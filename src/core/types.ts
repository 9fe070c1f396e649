/** Shared types of the lint core. Positions follow unist: 1-based line/column, 0-based offset. */

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  start: Point;
  end: Point;
}

export type Severity = 'error' | 'warning';

/** A replacement of `text.slice(start, end)` by `newText` (offsets into the original text). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** Short imperative label, shown as the quick-fix title. */
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
  /** Extra machine-readable facts (e.g. the missing section id) for editors and the panel. */
  data?: Record<string, unknown>;
  /** The key of the rule's `meta.messages` this message came from, when the rule reports by id. */
  messageId?: string;
}

/** A rule's metadata: stable id, default severity, fixability, option schema, message templates. Its docs page is docs/rules/<id>.md. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  description: string;
  fixable: boolean;
  /** JSON Schema of the rule's options object, validated when the config is loaded. */
  optionsSchema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
  /** Message templates by id, with `{{name}}` placeholders filled from a report's data. */
  messages?: Record<string, string>;
}

export type RuleSetting = 'off' | 'warn' | 'error' | 0 | 1 | 2 | [('off' | 'warn' | 'error' | 0 | 1 | 2), Record<string, unknown>?];

export interface RuleConfig {
  severity: Severity | 'off';
  options: Record<string, unknown>;
}
