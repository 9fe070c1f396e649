import { subtree, type RunbookDocument, type SectionNode } from '../model.js';

/**
 * The sections a content rule checks: those whose schema node lists the rule in `x-rules` (or, for a
 * schema without any `x-rules`, the default schema's ids), one per section id, in document order.
 * Rules read a returned section's whole content through `subtree`, or all of it through `ruleContent`.
 */
export function sectionsForRule(doc: RunbookDocument, ruleId: string): SectionNode[] {
  const ids = doc.schema.ruleSections.get(ruleId) ?? [];
  const out: SectionNode[] = [];
  for (const id of ids) {
    const section = doc.byId.get(id);
    if (section) out.push(section);
  }
  return byOffset(out);
}

/** Everything a content rule reads, and where a finding about all of it lands. */
export interface RuleContent {
  /** The sections bound to the rule and their second copies: their own headings name the topic, not content. */
  roots: SectionNode[];
  /** The roots with their subsections and continuing headings (`subtree`), in document order, each once. */
  sections: SectionNode[];
  /**
   * The heading a finding about the content as a whole belongs on, given the source offsets of what the
   * rule found (tiers, policy sentences): the bound heading holding most of it; then one not nested in
   * another recognised section; then the strongest heading match; then the first.
   */
  landing(evidence?: readonly number[]): SectionNode;
}

/**
 * A rule's sections read together: a plan may split a section over several headings ("Notify Vendors"
 * early, "Contact External Response Support" later; "Executive On-Call" under the role checklists, the
 * "Contact List" under Resources) or repeat it, and a finding that something is missing must hold for
 * all of them, not only for the first heading.
 */
export function ruleContent(doc: RunbookDocument, ruleId: string): RuleContent | undefined {
  const first = sectionsForRule(doc, ruleId);
  if (first.length === 0) return undefined;
  const copies = doc.sections.filter((s) => s.duplicateOf && first.includes(s.duplicateOf));
  const roots = byOffset([...first, ...copies]);
  const sections = byOffset([...new Set(roots.flatMap((r) => subtree(r)))]);
  const ids = new Set(doc.schema.ruleSections.get(ruleId) ?? []);
  const candidates = sections.filter((s) => s.known && ids.has(s.id));
  const nestedInOther = (s: SectionNode) => {
    for (let p = s.parent; p; p = p.parent) if (p.known && !ids.has(p.id)) return true;
    return false;
  };
  return {
    roots,
    sections,
    landing(evidence = []) {
      const counts = new Map<SectionNode, number>();
      for (const offset of evidence) {
        // The outermost bound heading whose range holds the offset: a recognised subsection's content
        // counts for the section it sits in ("Vendor Contacts" inside the policy lands on the policy).
        const holder = candidates.find((c) => c.range.start.offset <= offset && offset <= c.range.end.offset);
        if (holder) counts.set(holder, (counts.get(holder) ?? 0) + 1);
      }
      let best = candidates[0]!;
      for (const c of candidates.slice(1)) {
        const d =
          (counts.get(c) ?? 0) - (counts.get(best) ?? 0) ||
          Number(nestedInOther(best)) - Number(nestedInOther(c)) ||
          (c.recognition?.score ?? 0) - (best.recognition?.score ?? 0);
        if (d > 0) best = c;
      }
      return best;
    },
  };
}

function byOffset(sections: SectionNode[]): SectionNode[] {
  return sections.sort((a, b) => a.headingRange.start.offset - b.headingRange.start.offset);
}
