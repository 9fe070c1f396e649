import type { Heading, RootContent } from 'mdast';
import { defineRule } from '../rule.js';
import { subtree, type SectionNode } from '../model.js';

/** Body nodes that render nothing a responder can use: comments (incl. runbook-lint directives), link definitions, rules. */
function isContent(node: RootContent): boolean {
  if (node.type === 'definition' || node.type === 'thematicBreak') return false;
  if (node.type === 'html') return node.value.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() !== '';
  return true;
}

function hasContent(section: SectionNode): boolean {
  return subtree(section).some((s) => s.body.some(isContent));
}

/** `## [On-call reference](oncall.md)`: the heading is a link to where the content lives. */
function isLinkHeading(heading: Heading | undefined): boolean {
  if (!heading) return false;
  const kids = heading.children.filter((k) => !(k.type === 'text' && k.value.trim() === ''));
  return kids.length === 1 && (kids[0]!.type === 'link' || kids[0]!.type === 'linkReference');
}

/** A heading with nothing under it: no body and no subsection with content. */
export default defineRule({
  meta: {
    id: 'empty-section',
    severity: 'warning',
    description: 'A heading with no content under it (no text and no subsection with content).',
    fixable: false,
    messages: {
      empty: 'Section "{{heading}}" has no content{{subsections}}; write what responders need here, or remove the heading.',
    },
  },
  check({ doc, report }) {
    const headings = new Map<number, Heading>();
    for (const node of doc.root.children) if (node.type === 'heading') headings.set(node.position?.start.offset ?? -1, node);
    const reported = new Set<SectionNode>();
    for (const section of doc.sections) {
      // Report the outermost empty heading once; its empty subsections are named in the same message.
      if (section.parent && reported.has(section.parent)) {
        reported.add(section);
        continue;
      }
      if (hasContent(section) || isLinkHeading(headings.get(section.headingRange.start.offset))) continue;
      reported.add(section);
      const below = subtree(section).length - 1;
      const subs = below === 0 ? '' : ` (nor its ${below === 1 ? 'subsection' : `${below} subsections`})`;
      report({
        messageId: 'empty',
        range: section.headingRange,
        data: { sectionId: section.id, heading: section.heading, emptySubsections: below, subsections: subs },
      });
    }
  },
});
