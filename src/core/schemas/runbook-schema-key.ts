/**
 * A runbook may name its own schema in its front matter: `runbook_schema: ./schemas/alert.schema.json`
 * (relative to the runbook's folder, local files only; trusted workspaces and the CLI only).
 *
 * Why not `$schema`: in YAML tooling `$schema` already means "the schema of this YAML document"
 * (yaml-language-server, VS Code's YAML support), so editors would validate the front matter
 * itself against the runbook schema, which describes the whole runbook model; and a snake_case key
 * sits with the other front-matter keys (`last_reviewed`, `review_interval`).
 */
export const RUNBOOK_SCHEMA_KEY = 'runbook_schema';

export interface RunbookSchemaRef {
  value: string;
  /** Offset and length of the value in the text (for problems). */
  offset: number;
  length: number;
}

/** Front matter must open on the first line; only its first 200 lines are searched. */
const MAX_LINES = 200;

/** The `runbook_schema` value of a runbook's front matter, if it has one (a plain one-line scalar). */
export function runbookSchemaRef(text: string): RunbookSchemaRef | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = body.length === text.length ? 0 : 1;
  if (!/^---[ \t]*\r?\n/.test(body)) return undefined;
  let offset = body.indexOf('\n') + 1;
  for (let n = 0; n < MAX_LINES && offset < body.length; n++) {
    const end = body.indexOf('\n', offset);
    const line = body.slice(offset, end === -1 ? body.length : end).replace(/\r$/, '');
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) return undefined;
    const m = /^runbook_schema[ \t]*:[ \t]*(?:"([^"]*)"|'([^']*)'|([^#\s][^#]*?))[ \t]*(?:#.*)?$/.exec(line);
    if (m) {
      const value = (m[1] ?? m[2] ?? m[3] ?? '').trim();
      const at = line.indexOf(m[1] ?? m[2] ?? m[3] ?? '', line.indexOf(':'));
      return value === '' ? undefined : { value, offset: shift + offset + at - (m[3] === undefined ? 1 : 0), length: (m[3] === undefined ? 2 : 0) + (m[1] ?? m[2] ?? m[3] ?? '').length };
    }
    if (end === -1) break;
    offset = end + 1;
  }
  return undefined;
}
