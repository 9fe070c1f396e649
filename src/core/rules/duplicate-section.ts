import { defineRule } from '../rule.js';
import type { SectionNode } from '../model.js';
import { normalizeHeading } from '../text.js';

function isDescendant(node: SectionNode, ancestor: SectionNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/**
 * Per-scenario blocks repeat a subsection by design (`## Disk full` › `### Mitigation`, `## Node down` ›
 * `### Mitigation`): the same heading at the same depth under different parents of the same depth.
 */
function isRepeatedBlock(a: SectionNode, b: SectionNode): boolean {
  return (
    a.parent !== undefined && b.parent !== undefined && a.parent !== b.parent && !a.parent.known && !b.parent.known &&
    a.level === b.level && a.parent.level === b.parent.level && normalizeHeading(a.heading) === normalizeHeading(b.heading)
  );
}

/**
 * The same schema section twice ("Escalation Contacts" and later "Call Tree"): responders read one and
 * miss the other, and only the first is validated. Unknown headings may repeat (two "Notes" are ordinary Markdown).
 */
export default defineRule({
  meta: {
    id: 'duplicate-section',
    severity: 'error',
    description: 'The same schema section appears twice (e.g. "Escalation Contacts" and "Call Tree").',
    fixable: false,
    messages: {
      again: '"{{heading}}" appears again (line {{firstLine}}); the schema has one "{{title}}" section. Merge the two, so responders find everything in one place.',
      sameSection: '"{{heading}}" is the same section as "{{firstHeading}}" (line {{firstLine}}); the schema has one "{{title}}" section. Merge the two, so responders find everything in one place.',
    },
  },
  check({ doc, schema, report }) {
    for (const section of doc.sections) {
      const first = section.duplicateOf;
      if (!first || !section.known) continue;
      // A subsection of the same section (`## Mitigation` › `### Disaster and recovery`) is part of it, not a second copy.
      if (isDescendant(section, first) || isRepeatedBlock(first, section)) continue;
      const title = schema.info.sectionById.get(section.id)?.title ?? section.id;
      const same = first.heading.trim().toLowerCase() === section.heading.trim().toLowerCase();
      report({
        messageId: same ? 'again' : 'sameSection',
        range: section.headingRange,
        data: { sectionId: section.id, firstLine: first.headingRange.start.line, heading: section.heading, firstHeading: first.heading, title },
      });
    }
  },
});
