import { defineRule } from '../rule.js';
import { rangeForPointer } from '../model.js';
import { annotationNode, annotationSeverity, schemaErrorKind } from '../validate.js';
import { insertSectionFix } from '../fix.js';
import type { SectionSpec } from '../schema.js';

/** Missing sections come from the schema's `required` lists; every one is reported at once (unlike MD043). */
export default defineRule({
  meta: {
    id: 'required-section',
    severity: 'error',
    description: 'A section the schema requires (or recommends) is missing.',
    fixable: true,
    messages: {
      missing: 'Missing {{kind}} section "{{title}}"{{under}}{{also}}. Expected a heading "{{title}}".',
      missingWithReason: 'Missing {{kind}} section "{{title}}"{{under}}{{also}}. {{reason}}',
    },
  },
  check({ doc, schema, schemaErrors, now, report }) {
    // Report in the schema's recommended order: fixes inserted at the same place then land in that order.
    const rank = (e: (typeof schemaErrors)[number]) => schema.info.sectionById.get((e.params as { missingProperty: string }).missingProperty)?.order ?? Infinity;
    const missing = schemaErrors.filter((e) => schemaErrorKind(e) === 'required-section').sort((a, b) => rank(a) - rank(b));
    for (const error of missing) {
      const id = (error.params as { missingProperty: string }).missingProperty;
      const topLevel = error.instancePath === '/sections';
      const spec: SectionSpec | undefined = topLevel ? schema.info.sectionById.get(id) : undefined;
      const node = annotationNode(error);
      const title = spec?.title ?? (Array.isArray(node['x-headings']) ? String(node['x-headings'][0]) : typeof node.title === 'string' ? node.title : id);
      const severity = annotationSeverity(node) ?? spec?.severity ?? 'error';
      const kind = severity === 'warning' ? 'recommended' : 'required';
      const aliases = (spec?.aliases ?? []).filter((a) => a !== title).slice(0, 3);
      const also = aliases.length > 0 ? ` (also recognised: ${aliases.map((a) => `"${a}"`).join(', ')})` : '';
      const reason = typeof node['x-message'] === 'string' ? node['x-message'] : undefined;
      const parentId = topLevel ? undefined : error.instancePath.split('/').slice(-2, -1)[0];
      const under = parentId === undefined ? '' : ` under "${parentId}"`;
      report({
        messageId: reason === undefined ? 'missing' : 'missingWithReason',
        range: rangeForPointer(doc, error.instancePath),
        severity,
        data: { sectionId: id, title, kind, under, also, ...(parentId !== undefined ? { parentId } : {}), ...(reason !== undefined ? { reason } : {}) },
        ...(spec ? { fix: insertSectionFix(doc, schema.info, spec, now) } : {}),
      });
    }
  },
});
