import { defineRule } from '../rule.js';
import { rangeForPointer } from '../model.js';
import { annotationNode, annotationSeverity, describeError, schemaErrorKind } from '../validate.js';
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
    for (const error of schemaErrors) {
      if (schemaErrorKind(error) !== 'frontmatter') continue;
      const node = annotationNode(error);
      const severity = annotationSeverity(node);
      const custom = typeof node['x-message'] === 'string' ? node['x-message'] : undefined;
      if (error.keyword === 'required') {
        const key = (error.params as { missingProperty: string }).missingProperty;
        const kind = severity === 'warning' ? 'recommended' : 'required';
        report({
          message: `Front matter has no "${key}" (${kind}).${custom ? ' ' + custom : ''}`,
          range: rangeForPointer(doc, '/frontmatter'),
          severity,
          data: { key },
          fix: addKeyFix(doc, key),
        });
      } else {
        const found = describeError(error);
        report({ message: custom ? `${custom} (${found.replace(/\.$/, '')})` : found, range: rangeForPointer(doc, error.instancePath), severity });
      }
    }
  },
});

/** Add `key: [insert key]` at the end of the front matter (or a new block): visible, and still reported as a placeholder. */
function addKeyFix(doc: RunbookDocument, key: string): Fix {
  const eol = detectEol(doc.text);
  const line = `${key}: "[insert ${key.replace(/_/g, ' ')}]"`;
  const fm = doc.frontmatter?.range;
  if (!fm) return { title: `Add front matter with "${key}"`, edits: [{ start: 0, end: 0, newText: `---${eol}${line}${eol}---${eol}${eol}` }] };
  // Insert before the closing fence line.
  const closing = doc.lines.lineStart(fm.end.line);
  return { title: `Add "${key}" to the front matter`, edits: [{ start: closing, end: closing, newText: line + eol }] };
}
