import type { RunbookDocument, SectionNode } from '../model.js';

/**
 * The sections a content rule checks: those whose schema node lists the rule in `x-rules` (or, for a
 * schema without any `x-rules`, the default schema's ids), one per section id, in document order.
 * Rules read a returned section's whole content through `subtree`.
 */
export function sectionsForRule(doc: RunbookDocument, ruleId: string): SectionNode[] {
  const ids = doc.schema.ruleSections.get(ruleId) ?? [];
  const out: SectionNode[] = [];
  for (const id of ids) {
    const section = doc.byId.get(id);
    if (section) out.push(section);
  }
  return out.sort((a, b) => a.headingRange.start.offset - b.headingRange.start.offset);
}
