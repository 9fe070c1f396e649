/**
 * Template text that `placeholder-text` reports (the `[insert …]` of an inserted skeleton, TBD, TODO).
 * Other rules stay silent where it appears, so one unfinished value gives one finding, not three.
 */
const TEMPLATE_TEXT = /\[insert\b[^\]]*\]|\bTBD\b|\bTODO\b|\bTBC\b/i;

export function hasTemplateText(text: string): boolean {
  return TEMPLATE_TEXT.test(text);
}
