import { defineRule } from '../rule.js';
import { rangeForPointer } from '../model.js';
import { annotationNode, annotationSeverity, describeError, describeFound, schemaErrorKind } from '../validate.js';
import { detectEol } from '../text.js';
import type { Fix } from '../types.js';
import type { RunbookDocument } from '../model.js';

/** Front-matter keys checked against the schema's `frontmatter` node; missing keys can be added as placeholders. */
export default defineRule({
  meta: {
    id: 'frontmatter',
    severity: 'error',
    description: 'A front-matter field is missing or invalid against the schema.',
    fixable: true,
    messages: {
      invalidYaml: 'Front matter is not valid YAML: {{reason}}; expected "key: value" lines between the --- fences.',
      notAMapping: 'Front matter must be a YAML mapping of keys (e.g. "owner: …"), found a list or a single value.',
      // The schema author's `x-message` with what was found, or ajv's error in words.
      invalidCustom: '{{reason}} ({{found}})',
      invalid: '{{text}}',
      noFrontmatter: 'The runbook has no front matter; expected a --- block with {{expected}}.',
      missingKey: 'Front matter has no "{{key}}" ({{kind}}).',
      missingKeyWithReason: 'Front matter has no "{{key}}" ({{kind}}). {{reason}}',
    },
  },
  check({ doc, schemaErrors, report }) {
    // Broken YAML is reported where it breaks; the body is still linted (a Hugo template's
    // front matter should not hide the rest), but keys we could not read are not called missing.
    const yamlError = doc.frontmatter?.error;
    if (yamlError) {
      report({ messageId: 'invalidYaml', range: yamlError.range, data: { yaml: true, reason: yamlError.message } });
      return;
    }
    if (doc.frontmatter?.notAMapping) {
      report({ messageId: 'notAMapping', range: doc.frontmatter.notAMapping });
      return;
    }
    const missing: Array<{ key: string; severity: 'error' | 'warning' | undefined; why?: string }> = [];
    for (const error of schemaErrors) {
      if (schemaErrorKind(error) !== 'frontmatter') continue;
      const node = annotationNode(error);
      const severity = annotationSeverity(node);
      const custom = typeof node['x-message'] === 'string' ? node['x-message'] : undefined;
      if (error.keyword === 'required') {
        missing.push({ key: (error.params as { missingProperty: string }).missingProperty, severity, why: custom });
      } else {
        const at = { range: rangeForPointer(doc, error.instancePath), severity };
        const facts = { pointer: error.instancePath, keyword: error.keyword };
        if (custom) report({ ...at, messageId: 'invalidCustom', data: { ...facts, reason: custom, found: describeFound(error) } });
        else report({ ...at, messageId: 'invalid', data: { ...facts, text: describeError(error) } });
      }
    }
    if (missing.length === 0) return;
    if (!doc.frontmatter) {
      // One finding and one fix for a runbook without front matter: separate fixes would each add a block.
      const required = missing.filter((m) => m.severity !== 'warning').map((m) => m.key);
      const recommended = missing.filter((m) => m.severity === 'warning').map((m) => m.key);
      const keys = required.length > 0 ? required : recommended;
      const list = (names: string[]) => names.map((k) => `"${k}"`).join(', ');
      const expected = `${required.length > 0 ? `${list(required)} (required)` : ''}${required.length > 0 && recommended.length > 0 ? ' and ' : ''}${recommended.length > 0 ? `${list(recommended)} (recommended)` : ''}`;
      report({
        messageId: 'noFrontmatter',
        range: doc.lines.lineRange(1),
        severity: required.length > 0 ? undefined : 'warning',
        data: { keys: missing.map((m) => m.key), required, recommended, expected },
        fix: addFrontmatterFix(doc, keys),
      });
      return;
    }
    for (const m of missing) {
      report({
        messageId: m.why ? 'missingKeyWithReason' : 'missingKey',
        range: rangeForPointer(doc, '/frontmatter'),
        severity: m.severity,
        data: { key: m.key, kind: m.severity === 'warning' ? 'recommended' : 'required', ...(m.why ? { reason: m.why } : {}) },
        fix: addKeyFix(doc, m.key),
      });
    }
  },
});

function placeholderLine(key: string): string {
  return `${key}: "[insert ${key.replace(/_/g, ' ')}]"`;
}

/** A new front-matter block; values are visible placeholders that `placeholder-text` keeps reporting. */
function addFrontmatterFix(doc: RunbookDocument, keys: string[]): Fix {
  const eol = detectEol(doc.text);
  const block = ['---', ...keys.map(placeholderLine), '---', '', ''].join(eol);
  return { title: 'Add front matter', edits: [{ start: 0, end: 0, newText: block }] };
}

/** Add `key: "[insert key]"` before the closing fence. */
function addKeyFix(doc: RunbookDocument, key: string): Fix {
  const eol = detectEol(doc.text);
  const closing = doc.lines.lineStart(doc.frontmatter!.range!.end.line);
  return { title: `Add "${key}" to the front matter`, edits: [{ start: closing, end: closing, newText: placeholderLine(key) + eol }] };
}
