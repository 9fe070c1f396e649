/**
 * The `runbook-lint` command line (design §6), bundled to dist/cli.js. Everything that can go wrong
 * in how it is called or configured is a UsageError (exit 2, one line, no stack trace).
 */
import { statSync, type Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_SCHEMA_ID, DEFAULT_MAX_BYTES } from '../core/resolve-api.js';
import { HELP, parseArgs, type CliOptions } from './args.js';
import { cachePath, LintCache, SETTLE_MS, settledStamp, type FileStamp } from './cache.js';
import { useColor } from './colors.js';
import { initTargets } from './commands/init.js';
import { INIT_CONFIG } from './commands/init.js';
import { newRunbookText, titleFromFileName, writeNewFile } from './commands/new.js';
import { rulesCommand } from './commands/rules.js';
import { printSections } from './commands/print-sections.js';
import { ConfigResolver, frontMatterSource, type FileSettings } from './config.js';
import type * as Engine from './engine.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { collectFiles } from './files.js';
import { showsFixText, type FormatContext } from './formatters/index.js';
import { plural } from './formatters/stylish.js';
import { loadFormatter, type LoadedFormatter } from './formatters/module.js';
import { createPool, workerHeapMb, workerProcessArgs, workingHeapFor } from './pool.js';
import { ReportStream, refuseInputAsOutput } from './report.js';
import { Progress } from './progress.js';
import type { FileOutcome, FileResult, LintTask } from './types.js';
import { buildId, VERSION } from './version.js';
import { startLanguageServer } from './lsp.js';
import { contentHash, decodeSource, readRegularFileWithStats } from './read.js';
import { readStdin, STDIN_NAME } from './stdin.js';
import { writeReport } from './write.js';

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Read by --stdin (default: process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

/** Runs below this many files stay in the main thread unless --jobs asks for threads. */
export const AUTO_THREAD_THRESHOLD = 64;

const defaultIO = (): CliIO => ({ cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });

/**
 * The lint engine (rules, Markdown parser, schema compiler: most of the CLI's code), loaded on first
 * use: a run whose every file comes from the cache, and `rules`, `--help` or `--version`, never load it.
 */
let engine: typeof Engine | undefined;
async function loadEngine(): Promise<typeof Engine> {
  engine ??= await import('./engine.js');
  return engine;
}

/** RUNBOOK_LINT_CACHE_SETTLE_MS: a test hook (tests cannot wait for files to settle); the default is SETTLE_MS. */
function settleTimeFor(env: NodeJS.ProcessEnv): number {
  const ms = Number(env.RUNBOOK_LINT_CACHE_SETTLE_MS ?? SETTLE_MS);
  return Number.isFinite(ms) && ms >= 0 ? ms : SETTLE_MS;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function debug(io: CliIO, message: string): void {
  if (io.env.RUNBOOK_LINT_DEBUG) io.stderr.write(`runbook-lint: ${message}\n`);
}

/** Run the CLI; resolves to the exit code. Throws only UsageError (exit 2) or internal errors. */
export async function run(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  if (argv[0] === 'export') return (await import('./export.js')).exportCommand(argv.slice(1), io); // src/cli/export.ts parses its own options
  const options = parseArgs(argv);
  if (options.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  switch (options.command) {
    case 'rules':
      if (options.patterns.length > 0) throw new UsageError(`"rules" takes no arguments (found ${options.patterns.join(' ')}).`);
      if (options.formatModule || (options.formatGiven && options.format !== 'json' && options.format !== 'stylish')) throw new UsageError('"rules" supports --format stylish or --format json.');
      return emit(rulesCommand(options.format === 'json', useColor(options.color, io.stdout, io.env)), options, io);
    case 'init':
      return init(options, io);
    case 'new':
      return newCommand(options, io);
    default:
      break;
  }
  const resolver = new ConfigResolver(io.cwd, options.config, options.schema);
  if (options.printConfig !== undefined) return printConfig(resolver, options, io);
  if (options.printSections !== undefined) {
    if (options.formatGiven && options.format !== 'json' && options.format !== 'stylish') throw new UsageError('--print-sections supports --format stylish or --format json.');
    const file = resolve(io.cwd, options.printSections);
    const s = await resolver.resolve(file);
    const { linter } = await loadEngine();
    return emit(printSections(linter, file, io.cwd, s.resolved.schema.info, options.format === 'json'), options, io);
  }
  return lint(resolver, options, io);
}

function emit(text: string, options: CliOptions, io: CliIO): number {
  if (options.output) writeOutput(resolve(io.cwd, options.output), text);
  else io.stdout.write(text);
  return EXIT_OK;
}

/** `--output`: never one of the files being linted (symbolic links resolved), written whole or not at all. */
function writeOutput(path: string, text: string, inputs: readonly string[] = []): void {
  refuseInputAsOutput(path, inputs);
  try {
    writeReport(path, text);
  } catch (error) {
    throw new UsageError(`Cannot write --output ${path}: ${(error as Error).message}`);
  }
}

/**
 * --stdin: one document from standard input, named by --stdin-filename (config, schema, report) or
 * `<text>` (config discovered from the cwd). Never written: --fix is refused in parseArgs, and
 * --fix-dry-run puts the fixed text in the report. No cache: there is no file to key it by.
 */
async function lintStdin(resolver: ConfigResolver, options: CliOptions, io: CliIO): Promise<FileResult[]> {
  if (options.patterns.length > 0) throw new UsageError(`--stdin lints standard input and takes no paths (found ${options.patterns.join(' ')}).`);
  const named = options.stdinFilename !== undefined;
  const filePath = named ? resolve(io.cwd, options.stdinFilename!) : STDIN_NAME;
  const discoverFrom = named ? filePath : resolve(io.cwd, STDIN_NAME);
  if (named && options.ignore) {
    // Like a file named on the command line: the config's "ignore" applies, .gitignore does not.
    const config = await resolver.configFor(filePath);
    if (config?.ignore?.(filePath)) {
      io.stderr.write(`runbook-lint: ${relative(io.cwd, filePath) || filePath} (--stdin-filename) was not linted: it matches "ignore" in ${config.file} (--no-ignore lints it).\n`);
      return [];
    }
  }
  const read = await readStdin(io.stdin ?? process.stdin);
  const source = read.ok ? decodeSource(read.bytes) : { ok: false as const, message: read.message, line: 1, column: 1 };
  // The document's own front matter (runbook_schema) is in what was read, not in the file at PATH.
  const settings = (await resolver.resolve(discoverFrom, { text: source.ok ? source.text : '' })).settings;
  const { lintSource, prepareSettings } = await loadEngine();
  return [lintSource(filePath, source, prepareSettings(settings), { fix: options.fixDryRun, dryRun: true, now: new Date() }).result];
}

async function lint(resolver: ConfigResolver, options: CliOptions, io: CliIO): Promise<number> {
  // A bad formatter module is a usage error before any work is done.
  const started = Date.now();
  const phases = new PhaseTimer(Boolean(io.env.RUNBOOK_LINT_DEBUG));
  const formatter = options.formatModule ? await loadFormatter(options.formatModule, io.cwd) : undefined;
  if (options.stdin) {
    const results = await lintStdin(resolver, options, io);
    const out = openReport(formatter, options, io, results.map((r) => r.filePath));
    for (const r of results) out.add(r);
    return finishReport(out, options, io, started);
  }
  const { files, notices, realPaths } = await collectFiles(options.patterns, io.cwd, resolver, { ignore: options.ignore });
  for (const n of notices) io.stderr.write(`runbook-lint: ${n}\n`);
  if (files.length === 0) throw new UsageError('No files to lint.');
  phases.mark('find files');

  const now = new Date();
  const fix = options.fix || options.fixDryRun;
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : 1;
  const threadsFor = (count: number) => (options.jobs !== undefined ? Math.min(options.jobs, count) : count >= AUTO_THREAD_THRESHOLD ? Math.min(cores, Math.ceil(count / 32)) : 1);
  // Fix texts travel and wait only when the report shows them or the cache keeps them.
  const stripFixes = !options.cache && !formatter && !showsFixText(options.format);
  const startPool = (threads: number) =>
    createPool({ workerUrl: new URL('./worker.js', import.meta.url), threads, fix, dryRun: options.fixDryRun, stripFixes, now: now.toISOString(), heapMb: workerHeapMb(io.env), workingHeapMb: workingHeapFor(files.length), processArgs: workerProcessArgs(threads, cores, files.length, io.env) });
  // Without a cache every file is linted: the threads start now, so their start-up (engine load,
  // schema compile) overlaps with resolving every file's config below.
  let threads = options.cache ? 1 : threadsFor(files.length);
  let pool = threads > 1 ? startPool(threads) : undefined;
  let out: ReportStream | undefined;
  try {
    // Resolve every file's config and schema first: a config or schema problem stops the run (exit 2).
    // With --cache each file is read once here: its hash for the lookup, its front matter for the resolver.
    const cache = options.cache ? new LintCache(cachePath(io.cwd, options.cacheLocation), buildId(import.meta.url), now.toISOString().slice(0, 10)) : undefined;
    if (cache) phases.mark('load cache');
    const settingsOf = new Map<string, FileSettings>();
    const hashOf = new Map<string, string | undefined>();
    /** With --cache: each read file's stamp, kept with its entry when it settled before this run (src/cli/cache.ts). */
    const stampOf = new Map<string, FileStamp | undefined>();
    const settleMs = settleTimeFor(io.env);
    for (const file of files) {
      if (cache) {
        // Same stamp as when its entry was made: the same bytes, so neither read nor hashed. Such a
        // file's front matter names no schema (otherwise no stamp is kept), so it is resolved without it.
        const stats = statOrUndefined(file);
        const known = cache.unchangedHash(file, stats);
        if (known) {
          hashOf.set(file, known);
          stampOf.set(file, settledStamp(stats!, started, settleMs)); // for a re-lint (other settings): the same stamp
          settingsOf.set(file, await resolver.resolve(file, { text: undefined }));
          continue;
        }
      }
      let bytes: Buffer | undefined;
      if (cache) {
        try {
          const read = readRegularFileWithStats(file, DEFAULT_MAX_BYTES);
          bytes = read.bytes;
          stampOf.set(file, settledStamp(read.stats, started, settleMs));
        } catch {
          bytes = undefined; // unreadable: lint it to get the `fatal` message
        }
        hashOf.set(file, bytes && contentHash(bytes));
      }
      const source = bytes && frontMatterSource(bytes);
      if (source?.text !== undefined) stampOf.delete(file); // its front matter may name its schema: always read
      settingsOf.set(file, await resolver.resolve(file, source));
    }
    phases.mark(options.cache ? 'stat or read and hash, resolve configs' : 'resolve configs');
    /** Results in report (file) order; each is written and dropped as soon as those before it are. */
    const slots: Array<FileResult | undefined> = new Array(files.length);
    const notes: Array<string[] | undefined> = new Array(files.length);
    const tasks: LintTask[] = [];
    const slotOf: number[] = [];
    files.forEach((file, i) => {
      const settings = settingsOf.get(file)!.settings;
      if (cache) {
        const hash = hashOf.get(file);
        const hit = hash ? cache.get(file, hash, settings.key) : undefined;
        if (hit && !(fix && (hit.fixableErrorCount > 0 || hit.fixableWarningCount > 0))) {
          if (stampOf.has(file)) cache.restamp(file, stampOf.get(file));
          stampOf.delete(file);
          slots[i] = hit;
          return;
        }
      }
      slotOf.push(i);
      tasks.push({ filePath: file, settingsKey: settings.key });
    });
    settingsOf.clear();
    if (cache) phases.mark('look up');

    out = openReport(formatter, options, io, files, realPaths);
    let cursor = 0;
    const drain = () => {
      while (cursor < files.length && slots[cursor] !== undefined) {
        for (const n of notes[cursor] ?? []) io.stderr.write(`runbook-lint: warning: ${n}\n`);
        out!.add(slots[cursor]!);
        slots[cursor] = undefined;
        notes[cursor] = undefined;
        cursor++;
      }
    };
    const delay = Number(io.env.RUNBOOK_LINT_PROGRESS_DELAY ?? 1000); // a test hook; the default shows progress after 1 s
    const progress = new Progress(tasks.length, io.stderr, Progress.enabledFor(io.stderr, io.env), Number.isFinite(delay) ? delay : 1000);
    let done = 0;
    const onOutcome = (t: number, outcome: FileOutcome) => {
      const task = tasks[t]!;
      if (cache) {
        // The stamp is kept only for the bytes it was taken with (the file did not change before the lint read it).
        const stamp = !outcome.fixed && outcome.contentHash === hashOf.get(task.filePath) ? stampOf.get(task.filePath) : undefined;
        if (outcome.contentHash) cache.set(task.filePath, outcome.contentHash, task.settingsKey, outcome.result, stamp);
        else cache.delete(task.filePath);
      }
      slots[slotOf[t]!] = outcome.result;
      notes[slotOf[t]!] = outcome.notices;
      progress.update(++done);
      drain();
    };
    drain(); // cache hits before the first file to lint

    if (cache) threads = threadsFor(tasks.length);
    if (threads > 1 && tasks.length > 1) {
      pool ??= startPool(threads);
      const used = new Map<string, FileSettings['settings']>();
      for (const t of tasks) used.set(t.settingsKey, resolver.settingsByKey.get(t.settingsKey)!);
      await pool.run(tasks, { settings: [...used.values()], onOutcome });
    } else {
      threads = 1;
      if (tasks.length > 0) {
        const { lintFile, prepareSettings, withoutFixTexts } = await loadEngine();
        tasks.forEach((task, t) => {
          const outcome = lintFile(task.filePath, prepareSettings(resolver.settingsByKey.get(task.settingsKey)!), { fix, dryRun: options.fixDryRun, now });
          onOutcome(t, stripFixes ? { ...outcome, result: withoutFixTexts(outcome.result) } : outcome);
        });
      }
    }
    progress.done();
    phases.mark('lint and report');
    if (cache) {
      try {
        cache.save(new Set(files));
      } catch (error) {
        io.stderr.write(`runbook-lint: warning: could not write the cache ${cache.path}: ${(error as Error).message}\n`);
      }
      phases.mark('save cache');
    }
    // `schemas compiled` counts this thread only: a run served wholly from the cache compiles none.
    hashOf.clear();
    stampOf.clear();
    debug(io, `${files.length} files, ${tasks.length} linted${cache ? `, ${cache.hits} from cache` : ''}, ${threads > 1 ? `${threads} worker ${pool?.kind ?? 'threads'}` : 'in-process'}, ${engine?.schemaCompileCount() ?? 0} schemas compiled here${cache ? `, ${cache.unread} unread (stamp unchanged)` : ''}, ${Date.now() - started} ms`);
    const code = await finishReport(out, options, io, started);
    phases.mark('finish report');
    debug(io, phases.summary());
    return code;
  } catch (error) {
    out?.abort();
    throw error;
  } finally {
    await pool?.close();
  }
}

/**
 * RUNBOOK_LINT_DEBUG: where a run's time goes, wall and CPU (this process, all its threads) per
 * phase; CPU time tells the tool's own work from waiting on a busy machine. The first figure
 * includes Node's start-up and loading the CLI.
 */
class PhaseTimer {
  private wall = 0;
  private cpu = 0;
  private readonly parts: string[] = [];
  /** Off (without RUNBOOK_LINT_DEBUG) it reads no clock. */
  constructor(private readonly on: boolean) {
    if (!on) return;
    this.wall = performance.now();
    this.cpu = cpuMs();
    this.parts.push(`start-up ${Math.round(this.wall)}/${Math.round(this.cpu)}`);
  }
  mark(name: string): void {
    if (!this.on) return;
    const wall = performance.now();
    const cpu = cpuMs();
    this.parts.push(`${name} ${Math.round(wall - this.wall)}/${Math.round(cpu - this.cpu)}`);
    this.wall = wall;
    this.cpu = cpu;
  }
  summary(): string {
    return `ms (wall/CPU): ${this.parts.join(', ')}`;
  }
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function openReport(formatter: LoadedFormatter | undefined, options: CliOptions, io: CliIO, inputs: readonly string[], realPaths?: ReadonlyMap<string, string>): ReportStream {
  const color = options.output ? options.color === true : useColor(options.color, io.stdout, io.env);
  const context: FormatContext = { cwd: io.cwd, color, version: VERSION };
  return new ReportStream({ format: options.format, formatter, quiet: options.quiet, output: options.output ? resolve(io.cwd, options.output) : undefined, stdout: io.stdout, context, realPaths }, inputs);
}

/** Finish the report, print the terminal summary, and choose the exit code. */
async function finishReport(out: ReportStream, options: CliOptions, io: CliIO, started: number): Promise<number> {
  await out.end();
  const { errors, warnings } = out;
  if (io.stderr.isTTY) io.stderr.write(summaryLine(out.files, errors, warnings, Date.now() - started));

  if (errors > 0) return EXIT_FINDINGS;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    io.stderr.write(`runbook-lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}.\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** One line for a person at a terminal (as markdownlint-cli2 prints): on stderr, so reports on stdout stay clean. */
export function summaryLine(files: number, errors: number, warnings: number, ms: number): string {
  const problems = errors + warnings;
  const found = problems === 0 ? 'no problems' : `${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return `runbook-lint: ${plural(files, 'file')} linted, ${found} in ${(ms / 1000).toFixed(2)} s\n`;
}


async function printConfig(resolver: ConfigResolver, options: CliOptions, io: CliIO): Promise<number> {
  const file = resolve(io.cwd, options.printConfig!);
  const s = await resolver.resolve(file);
  const configs = new Map(resolver.resolution.rules.map((meta) => [meta.id, meta]));
  const prepared = (await loadEngine()).prepareSettings(s.settings);
  const rules: Record<string, unknown> = {};
  for (const [id, rc] of prepared.ruleConfigs) {
    const defaults = configs.get(id)?.defaultOptions;
    const hasOptions = Object.keys(rc.options).length > 0 || (defaults && Object.keys(defaults).length > 0);
    const level = rc.severity === 'warning' ? 'warn' : rc.severity;
    rules[id] = hasOptions && rc.severity !== 'off' ? [level, rc.options] : level;
  }
  const config = s.config;
  const report = {
    filePath: file,
    configFile: config?.file ?? null,
    configSource: s.configSource === 'flag' ? '--config flag' : s.configSource === 'discovered' ? 'nearest .runbook-lint.jsonc/.runbook-lint.json walking up from the file' : 'none (no config file found; defaults apply)',
    schema: {
      id: s.resolved.schema.info.id,
      path: s.schemaPath === BUILTIN_SCHEMA_ID ? BUILTIN_SCHEMA_ID : s.schemaPath,
      why: s.schemaWhy,
      files: s.resolved.schema.files,
    },
    include: config?.config.include ?? null,
    ignore: config?.config.ignore ?? null,
    included: config?.include ? config.include(file) : null,
    ignored: Boolean(config?.ignore?.(file)),
    rules,
    // Every config file that contributed (parent folders, extends, overrides), in merge order, and what it set.
    sources: s.resolved.sources,
  };
  return emit(JSON.stringify(report, null, 2) + '\n', options, io);
}

async function init(options: CliOptions, io: CliIO): Promise<number> {
  if (options.patterns.length > 0) throw new UsageError(`"init" takes no arguments (found ${options.patterns.join(' ')}).`);
  const targets = initTargets(io.cwd);
  const resolver = new ConfigResolver(io.cwd, undefined, options.schema);
  const s = await resolver.resolve(targets.example);
  writeNewFile(targets.config, INIT_CONFIG);
  writeNewFile(targets.example, newRunbookText((await loadEngine()).linter, s.resolved.schema.info, 'Example Service Outage Runbook', new Date()));
  io.stdout.write(
    `Created ${relative(io.cwd, targets.config)} and ${relative(io.cwd, targets.example)}.\n` +
      `Fill in the [insert …] placeholders of the example (or start another runbook with "runbook-lint new runbooks/<name>.md"),\n` +
      `then run "npx runbook-lint" to see what is still missing.\n`,
  );
  return EXIT_OK;
}

async function newCommand(options: CliOptions, io: CliIO): Promise<number> {
  if (options.patterns.length !== 1) throw new UsageError('Usage: runbook-lint new FILE (one file, e.g. runbooks/payments-outage.md).');
  const target = resolve(io.cwd, options.patterns[0]!);
  const resolver = new ConfigResolver(io.cwd, options.config, options.schema);
  const s = await resolver.resolve(target);
  const text = newRunbookText((await loadEngine()).linter, s.resolved.schema.info, titleFromFileName(target), new Date());
  writeNewFile(target, text);
  const count = s.resolved.schema.info.sections.filter((x) => x.required).length;
  io.stdout.write(`Created ${relative(io.cwd, target) || target} with ${count} sections from ${s.schemaWhy}.\nReplace every [insert …] placeholder; "runbook-lint ${relative(io.cwd, target)}" lists what is left.\n`);
  return EXIT_OK;
}

/** A failure as the user sees it: one line on stderr (a stack only with RUNBOOK_LINT_DEBUG), exit 2. */
function reportFailure(error: unknown, io: CliIO): number {
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(error instanceof UsageError ? `runbook-lint: ${message}\n` : `runbook-lint: internal error: ${message}\n`);
  if (io.env.RUNBOOK_LINT_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT_USAGE;
}

/** Run the CLI and report any failure the way the command does; resolves to the exit code, never rejects. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** Entry point: never a stack trace, `runbook-lint: <message>` and exit 2 for anything unexpected. */
export function cli(argv: string[] = process.argv.slice(2)): void {
  if (argv[0] === 'lsp') return void startLanguageServer(argv.slice(1)); // stdout is the protocol from here on
  const io = defaultIO();
  // `runbook-lint | head`: a closed pipe is not an error worth a message.
  const onPipeError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.exitCode = reportFailure(error, io);
  };
  io.stdout.on('error', onPipeError);
  io.stderr.on('error', onPipeError);
  process.on('uncaughtException', (error) => {
    process.exit(reportFailure(error, io));
  });
  void main(argv, io).then((code) => {
    process.exitCode = code;
  });
}

const isEntry = process.argv[1] !== undefined && /(?:^|[\\/])(?:cli|main)\.js$/.test(process.argv[1]) && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isEntry) cli();
