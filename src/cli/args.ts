import { UsageError } from './errors.js';

/** Each worker thread holds its own heap; more than this only costs memory. */
export const MAX_JOBS = 64;

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab'] as const;
export type FormatName = (typeof FORMATS)[number];
export const SUBCOMMANDS = ['init', 'new', 'rules'] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

export interface CliOptions {
  command?: Subcommand;
  patterns: string[];
  format: FormatName;
  formatGiven: boolean;
  /** `--format ./my-formatter.js`: a formatter module to load (path as given, relative to cwd). */
  formatModule?: string;
  printConfig?: string;
  printSections?: string;
  output?: string;
  fix: boolean;
  /** --fix-dry-run: compute fixes, report what is left and the fixed text (JSON `output`), write nothing. */
  fixDryRun: boolean;
  /** --stdin: lint standard input instead of files. */
  stdin: boolean;
  /** --stdin-filename: the path standard input stands for (config discovery, report). */
  stdinFilename?: string;
  /** false with --no-ignore: .gitignore files and the config's "ignore" are not applied. */
  ignore: boolean;
  config?: string;
  schema?: string;
  maxWarnings: number;
  quiet: boolean;
  /** undefined = automatic (cores, small runs in-process). */
  jobs?: number;
  cache: boolean;
  cacheLocation?: string;
  color?: boolean;
  help: boolean;
  version: boolean;
}

const VALUE_OPTIONS: Record<string, keyof CliOptions> = {
  '--format': 'format',
  '-f': 'format',
  '--print-config': 'printConfig',
  '--print-sections': 'printSections',
  '--output': 'output',
  '-o': 'output',
  '--config': 'config',
  '-c': 'config',
  '--schema': 'schema',
  '--max-warnings': 'maxWarnings',
  '--jobs': 'jobs',
  '-j': 'jobs',
  '--cache-location': 'cacheLocation',
  '--stdin-filename': 'stdinFilename',
};

const FLAG_OPTIONS: Record<string, (o: CliOptions) => void> = {
  '--fix': (o) => (o.fix = true),
  '--fix-dry-run': (o) => (o.fixDryRun = true),
  '--stdin': (o) => (o.stdin = true),
  '--no-ignore': (o) => (o.ignore = false),
  '--quiet': (o) => (o.quiet = true),
  '-q': (o) => (o.quiet = true),
  '--cache': (o) => (o.cache = true),
  '--no-cache': (o) => (o.cache = false),
  '--color': (o) => (o.color = true),
  '--no-color': (o) => (o.color = false),
  '--help': (o) => (o.help = true),
  '-h': (o) => (o.help = true),
  '--version': (o) => (o.version = true),
  '-v': (o) => (o.version = true),
};

/** Parse argv (without `node` and the script). Throws UsageError (exit 2) on anything it does not understand. */
export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { patterns: [], format: 'stylish', formatGiven: false, fix: false, fixDryRun: false, stdin: false, ignore: true, maxWarnings: -1, quiet: false, cache: false, help: false, version: false };
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      if (o.patterns.length === 0 && o.command === undefined && !onlyPositionals && (SUBCOMMANDS as readonly string[]).includes(arg)) o.command = arg as Subcommand;
      else o.patterns.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (FLAG_OPTIONS[name]) {
      if (eq !== -1) throw new UsageError(`Option ${name} takes no value.`);
      FLAG_OPTIONS[name]!(o);
      continue;
    }
    const key = VALUE_OPTIONS[name];
    if (!key) throw new UsageError(`Unknown option "${name}". Run "runbook-lint --help" for the list of options.`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[++i];
      if (value === undefined || (value.startsWith('-') && value.length > 1 && !/^-\d/.test(value))) throw new UsageError(`Option ${name} needs a value.`);
    }
    setValue(o, key, name, value);
  }
  if (o.fix && o.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together.');
  if (o.fix && o.stdin) throw new UsageError('--fix cannot be used with --stdin (there is no file to write); use --fix-dry-run to get the fixed text in the JSON report ("output").');
  if (o.stdinFilename !== undefined && !o.stdin) throw new UsageError('--stdin-filename names standard input; it needs --stdin.');
  return o;
}

/** A --format value that names a module rather than a built-in format: a path or a .js/.mjs/.cjs file. */
export function isFormatterPath(value: string): boolean {
  return /[\\/]/.test(value) || /\.[cm]?js$/i.test(value);
}

function setValue(o: CliOptions, key: keyof CliOptions, name: string, value: string): void {
  switch (key) {
    case 'format':
      o.formatGiven = true;
      if (!(FORMATS as readonly string[]).includes(value) && isFormatterPath(value)) {
        o.formatModule = value;
        return;
      }
      if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`Unknown format "${value}" for ${name}; expected one of: ${FORMATS.join(', ')}, or a path to a formatter module (e.g. ./my-formatter.js).`);
      o.format = value as FormatName;
      o.formatModule = undefined;
      return;
    case 'maxWarnings': {
      if (!/^-?\d+$/.test(value) || Number(value) < -1) throw new UsageError(`${name} expects a whole number of warnings (0 or more; -1 for no limit), found "${value}".`);
      o.maxWarnings = Number(value);
      return;
    }
    case 'jobs': {
      if (value === 'auto') {
        o.jobs = undefined;
        return;
      }
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${name} expects a number of worker threads (1 or more) or "auto", found "${value}".`);
      if (value.length > 4 || Number(value) > MAX_JOBS) throw new UsageError(`${name} ${value} is more worker threads than runbook-lint starts; the most is ${MAX_JOBS}.`);
      o.jobs = Number(value);
      return;
    }
    default:
      if (value === '') throw new UsageError(`Option ${name} needs a non-empty value.`);
      (o as unknown as Record<string, unknown>)[key] = value;
  }
}

export const HELP = `runbook-lint — lint business-continuity runbooks (Markdown) against a JSON Schema

Usage:
  runbook-lint [options] [paths|globs…]   lint files (default: the config's "include", else **/*.md)
  runbook-lint init                       write .runbook-lint.jsonc and an example runbook
  runbook-lint new FILE                   write a new runbook from the schema's snippets
  runbook-lint rules [--format json]      list the rules
  runbook-lint export FILE --html OUT     write a printable HTML checklist of FILE to OUT
  runbook-lint lsp --stdio                run the language server (editor set-up: docs/editors.md)

Options:
  -f, --format NAME        output format: stylish (default), json, sarif, junit, github (workflow
                           commands), gitlab (Code Quality JSON), or a formatter module ./FILE.js
  -o, --output FILE        write the report to FILE instead of stdout
      --fix                apply automatic fixes (e.g. insert missing sections), then report what is left
      --fix-dry-run        compute the fixes without writing; the json format gains "output" (fixed text)
      --stdin              lint standard input (with --fix-dry-run for the fixed text; never written)
      --stdin-filename P   the path standard input stands for (config, schema and report)
      --no-ignore          lint files that .gitignore or the config's "ignore" would skip
  -c, --config FILE        use this config file for every file (no discovery)
      --schema FILE        validate every file against this runbook schema (or runbook-lint:continuity)
      --print-config FILE  print the config that applies to FILE, its schema and why, then exit
      --print-sections FILE  list FILE's headings with their section id and why (--format json), then exit
      --max-warnings N     exit 1 when there are more than N warnings
  -q, --quiet              report errors only
  -j, --jobs N             worker threads (default: one per CPU core; small runs stay in-process)
      --cache              only re-lint files whose content, config or schema changed
      --cache-location P   cache file (default: .runbook-lint-cache in the current directory)
      --no-color           no colours (also: NO_COLOR=1; FORCE_COLOR=1 forces them)
  -h, --help               show this help
  -v, --version            show the version

Config: the nearest .runbook-lint.jsonc or .runbook-lint.json walking up from each file.
Exit codes: 0 no errors (warnings allowed), 1 errors found or --max-warnings exceeded,
            2 usage, config or schema error.
Docs: https://github.com/runbook-lint/runbook-lint/blob/main/docs/cli.md
`;
