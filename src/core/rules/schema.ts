import { defineRule } from '../rule.js';
import { rangeForPointer } from '../model.js';
import { annotationNode, annotationSeverity, describeError, schemaErrorKind } from '../validate.js';

/** Every other schema violation, in the schema author's words (`x-message`) where given. */
export default defineRule({
  meta: {
    id: 'schema',
    severity: 'error',
    description: "Any other schema violation, reported with the node's x-message.",
    fixable: false,
    // The schema author's `x-message`, or ajv's error in words: the schema owns this text.
    messages: { violation: '{{text}}' },
  },
  check({ doc, schemaErrors, report }) {
    for (const error of schemaErrors) {
      if (schemaErrorKind(error) !== 'schema') continue;
      const node = annotationNode(error);
      const custom = typeof node['x-message'] === 'string' ? node['x-message'] : undefined;
      report({
        messageId: 'violation',
        range: rangeForPointer(doc, error.instancePath),
        severity: annotationSeverity(node),
        data: { pointer: error.instancePath, keyword: error.keyword, text: custom ?? describeError(error) },
      });
    }
  },
});
