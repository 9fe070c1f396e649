import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp.js';
import { main } from '../../src/cli/main.js';

/** Repo root, from out/test/cli/helpers.js. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const bin = join(root, 'bin', 'runbook-lint.js');
export const cliFixtures = join(root, 'test', 'fixtures', 'cli');
export const miniSchema = join(cliFixtures, 'mini.schema.json');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn the built CLI (`npm run build` must have run) with pipes, in `cwd`. */
export function runCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): CliRun {
  const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, RUNBOOK_LINT_DEBUG: undefined };
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...base, ...env } as NodeJS.ProcessEnv, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temp folder with the given files (paths relative to it; Buffers written as is). */
export function tempProject(files: Record<string, string | Buffer> = {}): string {
  const dir = tempDir('runbook-lint-cli-');
  writeTree(dir, files);
  return dir;
}

export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Every rule off except the ones the CLI tests rely on, so rule work elsewhere cannot move these results. */
export const QUIET_RULES = {
  frontmatter: 'off',
  schema: 'off',
  'placeholder-text': 'off',
  'stale-review': 'off',
  'backup-channels': 'off',
  'escalation-path': 'off',
  'contact-details': 'off',
  'vendor-assistance': 'off',
  'recovery-objectives': 'off',
  'duplicate-section': 'off',
  'section-order': 'off',
  'no-secrets': 'off',
  'required-section': 'error',
  'empty-section': 'warn',
} as const;

/** A config using the mini schema (copied next to it) with only required-section and empty-section on. */
export function miniConfig(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ schema: './mini.schema.json', rules: QUIET_RULES, ...extra }, null, 2);
}

export const MINI_SCHEMA_TEXT = (): string => readFileSync(miniSchema, 'utf8');

/** Passes the mini schema. */
export const CLEAN = '# Payments runbook\n\n## Summary\n\nThis runbook covers payments.\n\n## Contacts\n\n- On-call engineer: +1 555 0100\n\n## Notes\n\nNothing else.\n';
/** One warning: the "Notes" section is empty (empty-section). */
export const WARN = '# Payments runbook\n\n## Summary\n\nThis runbook covers payments.\n\n## Contacts\n\n- On-call engineer: +1 555 0100\n\n## Notes\n';
/** One error (Contacts missing) and one warning (Notes missing). */
export const ERR = '# Payments runbook\n\n## Summary\n\nThis runbook covers payments.\n';

/** A project with the mini schema and config plus the given files. */
export function miniProject(files: Record<string, string | Buffer> = {}, config: Record<string, unknown> = {}): string {
  return tempProject({ '.runbook-lint.json': miniConfig(config), 'mini.schema.json': MINI_SCHEMA_TEXT(), ...files });
}

export interface JsonResult {
  filePath: string;
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  messages: Array<{ ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number; fix?: { range: [number, number]; text: string } }>;
  /** --fix-dry-run: the fixed text of files the fixes changed. */
  output?: string;
}

export function parseJson(run: CliRun): JsonResult[] {
  try {
    return JSON.parse(run.stdout) as JsonResult[];
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** No stack trace lines and the standard one-line prefix. */
export function assertCleanError(stderr: string): void {
  if (/^\s+at .+\(?.*:\d+:\d+\)?$/m.test(stderr) || /node:internal/.test(stderr)) throw new Error(`stderr has a stack trace:\n${stderr}`);
  if (!stderr.startsWith('runbook-lint: ')) throw new Error(`stderr does not start with "runbook-lint: ":\n${stderr}`);
}

/** A writable stream that keeps what was written (stdout/stderr of an in-process run). */
function capture(isTTY = false): NodeJS.WriteStream & { text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  }) as unknown as NodeJS.WriteStream & { text(): string };
  (stream as { isTTY?: boolean }).isTTY = isTTY;
  stream.text = () => chunks.join('');
  return stream;
}

/**
 * The CLI in this process (src/cli/main.ts `main`, the same code the bundle runs), for tests that
 * need no process of their own: no start-up per call (exit codes, stdout/stderr, formats, config
 * errors, --fix on temp folders, --stdin with `input`). Tests of process behaviour (the bin and the
 * bundle, real pipes, signals, worker threads) use runCli.
 */
export async function runCliInProcess(args: string[], cwd: string, env: Record<string, string | undefined> = {}, options: { tty?: boolean; input?: string | Buffer } = {}): Promise<CliRun> {
  const stdout = capture(false);
  const stderr = capture(options.tty ?? false);
  const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, RUNBOOK_LINT_DEBUG: undefined };
  // `input`: what --stdin reads (one chunk, then the end), as a pipe would deliver it.
  const stdin = Readable.from(options.input === undefined ? [] : [typeof options.input === 'string' ? Buffer.from(options.input, 'utf8') : options.input]);
  const code = await main(args, { cwd, env: { ...base, ...env } as NodeJS.ProcessEnv, stdout, stderr, stdin });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** runCli with `input` on standard input (for --stdin). */
export function runCliWithInput(args: string[], cwd: string, input: string | Buffer, env: Record<string, string | undefined> = {}): CliRun {
  const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, RUNBOOK_LINT_DEBUG: undefined };
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...base, ...env } as NodeJS.ProcessEnv, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
