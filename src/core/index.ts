/** Public API of the lint core: pure functions over in-memory text, shared by the CLI, the extension and workers. */
export { lintText, fatal, sortFindings, DEFAULT_MAX_BYTES, type LintOptions, type LintResult } from './lint.js';
export { parseMarkdown } from './parse.js';
export { buildDocument, plainText, subtree, rangeForPointer } from './model.js';
export { sectionsForRule } from './sections/for-rule.js';
export type { RunbookDocument, RunbookModel, SectionModel, SectionNode, ChecklistEntry, ListEntry, TableInfo, FieldEntry } from './model.js';
export { compileSchema, extractSchemaInfo, schemaRefs, hashString, SchemaError, BUILTIN_SCHEMA_ID, ANNOTATION_KEYWORDS } from './schema.js';
export type { CompiledSchema, SchemaInfo, SectionSpec, FrontmatterKeySpec, JsonSchema } from './schema.js';
export { applyFixes, applyEdits, insertSectionFix, insertionPoint, sectionMarkdown } from './fix.js';
export { disableFix, filterDisabled } from './disable.js';
export { snippetToText } from './snippet.js';
export { resolveRuleConfigs, ConfigError, type RunbookLintConfig } from './config.js';
export { builtinRules, findRule } from './rules/index.js';
export { PROJECT_URL, docsUrl, ruleDocsUrl } from './docs-links.js';
export { LineIndex, detectEol, normalizeHeading, slugify, kebabCase } from './text.js';
export type { Rule, RuleContext, Report } from './rule.js';
export type * from './types.js';
