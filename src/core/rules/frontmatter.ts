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
    docs: 'rule-frontmatter',
    fixable: true,
  },
  check({ doc, schemaErrors, report }) {
    // Broken YAML is reported where it breaks; the body is still linted (a Hugo template's
    // front matter should not hide the rest), but keys we could not read are not called missing.
    const yamlError = doc.frontmatter?.error;
    if (yamlError) {
      report({ message: `Front matter is not valid YAML: ${yamlError.message}; expected "key: value" lines between the --- fences.`, range: yamlError.range, data: { yaml: true } });
      return;
    }
    if (doc.frontmatter?.notAMapping) {
      report({ message: 'Front matter must be a YAML mapping of keys (e.g. "owner: …"), found a list or a single value.', range: doc.frontmatter.notAMapping });
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
        report({ message: custom ? `${custom} (${describeFound(error)})` : describeError(error), range: rangeForPointer(doc, error.instancePath), severity });
      }
    }
    if (missing.length === 0) return;
    if (!doc.frontmatter) {
      // One finding and one fix for a runbook without front matter: separate fixes would each add a block.
      const required = missing.filter((m) => m.severity !== 'warning').map((m) => m.key);
      const recommended = missing.filter((m) => m.severity === 'warning').map((m) => m.key);
      const keys = required.length > 0 ? required : recommended;
      const list = (names: string[]) => names.map((k) => `"${k}"`).join(', ');
      report({
        message: `The runbook has no front matter; expected a --- block with ${required.length > 0 ? `${list(required)} (required)` : ''}${required.length > 0 && recommended.length > 0 ? ' and ' : ''}${recommended.length > 0 ? `${list(recommended)} (recommended)` : ''}.`,
        range: doc.lines.lineRange(1),
        severity: required.length > 0 ? undefined : 'warning',
        data: { keys: missing.map((m) => m.key) },
        fix: addFrontmatterFix(doc, keys),
      });
      return;
    }
    for (const m of missing) {
      report({
        message: `Front matter has no "${m.key}" (${m.severity === 'warning' ? 'recommended' : 'required'}).${m.why ? ' ' + m.why : ''}`,
        range: rangeForPointer(doc, '/frontmatter'),
        severity: m.severity,
        data: { key: m.key },
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
