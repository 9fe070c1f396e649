import type { RunbookDocument, SectionNode } from '../model.js';
import { describeRecognition, type RecognitionKind } from './recognise.js';

/** One heading as `--print-sections` and the editor's hover show it. */
export interface HeadingReport {
  line: number;
  level: number;
  heading: string;
  /** The schema section id the heading maps to, or null. */
  id: string | null;
  /** The schema section whose content this heading's body counts for (itself, or its recognised owner). */
  section: string | null;
  recognition: { by: RecognitionKind; detail: string } | null;
  /** Line of the heading this one continues (a sibling "Scope" after "Purpose"), or null. */
  partOf: number | null;
  /** Line of the first copy, for a repeat that `duplicate-section` reports, or null. */
  duplicateOf: number | null;
  reason: string;
}

/** Why one section is, or is not, a schema section, in one sentence. */
export function explainSection(doc: RunbookDocument, section: SectionNode): string {
  const base = describeRecognition(section, doc.schema);
  if (section.duplicateOf) return `${base}; a second copy of the section at line ${section.duplicateOf.headingRange.start.line}`;
  if (section.colophon) return 'not a schema section: the template\'s colophon ("About this template", "License", …) is never one';
  return base;
}

/** Every heading of the document (the title excepted) with its section id and the reason, in document order. */
export function headingReport(doc: RunbookDocument): HeadingReport[] {
  return doc.sections.map((s) => ({
    line: s.headingRange.start.line,
    level: s.level,
    heading: s.heading,
    id: s.known ? s.id : null,
    section: s.known ? s.id : (s.owner?.id ?? null),
    recognition: s.known && s.recognition ? { by: s.recognition.by, detail: s.recognition.detail } : null,
    partOf: s.partOf ? s.partOf.headingRange.start.line : null,
    duplicateOf: s.duplicateOf ? s.duplicateOf.headingRange.start.line : null,
    reason: explainSection(doc, s),
  }));
}

/** The section whose heading covers a 1-based line, for the editor's hover. */
export function sectionAtHeadingLine(doc: RunbookDocument, line: number): SectionNode | undefined {
  return doc.sections.find((s) => s.headingRange.start.line <= line && line <= s.headingRange.end.line);
}
