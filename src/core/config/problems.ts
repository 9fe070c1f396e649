/** Problems found while resolving configuration and schemas, located for every front end. */

/** One problem in a config or schema file (1-based lines/columns; 0-based offset into the text). */
export interface ConfigProblem {
  file: string;
  offset: number;
  length: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/**
 * A configuration or schema that cannot be used. `summary` is one sentence naming the file;
 * `problems` are located inside it (the CLI prints them as `file:line:column: message`, the editor
 * shows them as diagnostics on the file). Problems without a location (an unreadable file) have none.
 */
export class ResolveError extends Error {
  constructor(
    readonly kind: 'config' | 'schema',
    readonly file: string | undefined,
    readonly summary: string,
    readonly problems: ConfigProblem[] = [],
    /** How paths were displayed in the text (to print the problems the same way). */
    private readonly display: (path: string) => string = (p) => p,
  ) {
    super(problems.length > 0 ? `${summary}:\n  ${problems.map((p) => `${display(p.file)}:${p.line}:${p.column}: ${p.message}`).join('\n  ')}` : summary);
    this.name = 'ResolveError';
  }

  /** `file:line:column: message` lines, one per problem. */
  locatedLines(): string[] {
    return this.problems.map((p) => `${this.display(p.file)}:${p.line}:${p.column}: ${p.message}`);
  }
}
