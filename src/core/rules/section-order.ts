import { defineRule } from '../rule.js';
import type { RunbookDocument, SectionNode } from '../model.js';

/**
 * Indices (into `orders`) of one longest strictly increasing subsequence. O(n²) is plenty for a
 * runbook's dozen known sections; ties keep the earliest sections in the document in place.
 */
export function longestIncreasing(orders: number[]): Set<number> {
  const n = orders.length;
  const length = new Array<number>(n).fill(1);
  const previous = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (orders[j]! < orders[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
  }
  let best = -1;
  for (let i = 0; i < n; i++) if (best === -1 || length[i]! > length[best]!) best = i;
  const keep = new Set<number>();
  for (let i = best; i !== -1; i = previous[i]!) keep.add(i);
  return keep;
}

/**
 * The sections whose order is judged, in document order: for each known id, its first heading that is
 * not nested inside another recognised section. A subsection recognised as its own section ("Notify
 * Vendors" under "Communicate Externally") is part of its parent's content, placed where the parent is;
 * comparing it with top-level sections would report the parent's structure as disorder. Second copies
 * are duplicate-section's business.
 */
export function orderedSections(doc: RunbookDocument): SectionNode[] {
  const seen = new Set<string>();
  const out: SectionNode[] = [];
  for (const section of doc.sections) {
    if (!section.known || section.duplicateOf || seen.has(section.id) || insideKnown(section)) continue;
    seen.add(section.id);
    out.push(section);
  }
  return out;
}

function insideKnown(section: SectionNode): boolean {
  for (let p = section.parent; p; p = p.parent) if (p.known) return true;
  return false;
}

/**
 * Known sections out of the schema's recommended order (property order of `sections.properties`).
 * Every misplaced section is reported at once: the sections in the longest run that is already in
 * order stay put, and each other one is named with where the schema expects it.
 */
export default defineRule({
  meta: {
    id: 'section-order',
    severity: 'warning',
    description: "Known sections are out of the schema's recommended order; every misplaced section is reported.",
    fixable: false,
    messages: {
      // `found`: `"X" comes before "Y"` or `"X" comes after "Y"`; `expected`: where the schema wants it.
      misplaced: '{{found}}; the schema expects it {{expected}}.',
    },
  },
  check({ doc, schema, report }) {
    const info = schema.info;
    const sections = orderedSections(doc);
    const orders = sections.map((s) => info.sectionById.get(s.id)?.order ?? Number.MAX_SAFE_INTEGER);
    const keep = longestIncreasing(orders);
    if (keep.size === sections.length) return;
    const inOrder = [...keep].sort((a, b) => orders[a]! - orders[b]!);
    sections.forEach((section, i) => {
      if (keep.has(i)) return;
      const order = orders[i]!;
      // What it collides with in the document: the nearest in-order section on the wrong side of it.
      const laterLower = inOrder.filter((k) => k > i && orders[k]! < order).sort((a, b) => a - b)[0];
      const earlierHigher = inOrder.filter((k) => k < i && orders[k]! > order).sort((a, b) => b - a)[0];
      const found =
        laterLower !== undefined
          ? `"${section.heading}" comes before "${sections[laterLower]!.heading}"`
          : `"${section.heading}" comes after "${sections[earlierHigher!]!.heading}"`;
      // Where the schema wants it, relative to the sections that stay.
      const before = inOrder.filter((k) => orders[k]! < order).pop();
      const after = inOrder.find((k) => orders[k]! > order);
      const expected = before !== undefined ? `after "${sections[before]!.heading}"` : `before "${sections[after!]!.heading}"`;
      report({
        messageId: 'misplaced',
        range: section.headingRange,
        data: { sectionId: section.id, expectedAfter: before !== undefined ? sections[before]!.id : undefined, expectedBefore: after !== undefined ? sections[after]!.id : undefined, found, expected },
      });
    });
  },
});
