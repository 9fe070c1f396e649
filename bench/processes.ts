/**
 * Process-level measurements (what a user sees): our CLI cold and with a warm `--cache`,
 * markdownlint-cli2 on the same files, and the corpus replicated up to 10× (time and peak RSS).
 * Every run is a fresh `node` process measured from spawn to exit; GNU time adds CPU time and peak RSS.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { replicate } from './lib/corpus.js';
import { runNode, type ProcessRun } from './lib/proc.js';
import { linearFit, median, sample, type LinearFit, type Sample } from './lib/stats.js';

export interface ProcessSample {
  wall: Sample;
  cpu: Sample;
  maxRssBytes: Sample;
  /** runbook-lint's own timer (RUNBOOK_LINT_DEBUG): finding, reading, linting and caching files, before formatting. */
  internal: Sample;
}

export interface ScalePoint {
  times: number;
  files: number;
  bytes: number;
  run: ProcessSample;
  /** Size of the `--format json` report written to stdout. */
  outputBytes: number;
}

/** What the 1× JSON report is made of. */
export interface OutputMix {
  bytes: number;
  /** Characters of `fix.text`, by rule. */
  fixChars: Record<string, number>;
  messageChars: number;
  /** The report holds characters outside Latin-1, so V8 keeps it as a two-byte string. */
  twoByte: boolean;
}

export interface ProcessResults {
  cores: number;
  /** `node -e 0`: the floor any Node CLI pays. */
  nodeStartup: ProcessSample;
  /** `runbook-lint --version`: node + loading the CLI bundle. */
  cliStartup: ProcessSample;
  /** c′: cold CLI, one lint thread (`--jobs 1`) and the default (`--jobs` = cores). */
  cliColdJobs1: ProcessSample;
  cliColdAuto: ProcessSample;
  /** d: `--cache`, first run (fills the cache) and second run (warm). */
  cachePopulate: ProcessSample;
  cacheWarm: ProcessSample;
  cacheFileBytes: number;
  /** The warm run printed exactly what the cold run printed. */
  warmOutputIdentical: boolean;
  cliFiles: number;
  cliFindings: number;
  /** e: markdownlint-cli2 (one JS thread; files are read with async I/O). */
  markdownlint: ProcessSample;
  markdownlintVersion: string;
  markdownlintFiles: number;
  markdownlintFindings: number;
  /** f: 1×, 2×, 5×, 10× copies, default jobs. */
  scale: ScalePoint[];
  /** Wall time (median per factor) against file count. */
  fit: LinearFit;
  /** CPU time (median per factor, all threads) against file count. */
  cpuFit: LinearFit;
  rssFit: LinearFit;
  /** One 10× run with `--format stylish` (no fix texts in the report). */
  stylishTen: ProcessSample;
  stylishTenOutputBytes: number;
  outputMix: OutputMix;
}

function processSample(runs: ProcessRun[]): ProcessSample {
  return {
    wall: sample(runs.map((r) => r.wallMs)),
    cpu: sample(runs.map((r) => (r.userMs ?? NaN) + (r.sysMs ?? NaN))),
    maxRssBytes: sample(runs.map((r) => r.maxRssBytes ?? NaN)),
    internal: sample(runs.map((r) => Number(/^runbook-lint: \d+ files, .* (\d+) ms$/m.exec(r.stderr)?.[1] ?? NaN))),
  };
}

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string; message: string; fix?: { text: string } }>;
}

function outputMix(path: string): OutputMix {
  const text = readFileSync(path, 'utf8');
  const mix: OutputMix = { bytes: Buffer.byteLength(text), fixChars: {}, messageChars: 0, twoByte: /[^\u0000-\u00ff]/.test(text) };
  for (const r of JSON.parse(text) as JsonResult[]) {
    for (const m of r.messages) {
      mix.messageChars += m.message.length;
      if (m.fix) mix.fixChars[m.ruleId] = (mix.fixChars[m.ruleId] ?? 0) + m.fix.text.length;
    }
  }
  return mix;
}

function countJson(path: string): { files: number; findings: number } {
  const results = JSON.parse(readFileSync(path, 'utf8')) as JsonResult[];
  return { files: results.length, findings: results.reduce((n, r) => n + r.messages.length, 0) };
}

export interface ProcessOptions {
  repoRoot: string;
  corpusDir: string;
  corpusBytes: number;
  corpusFiles: number;
  tmp: string;
  rounds: number;
  bigRounds: number;
  log: (line: string) => void;
}

export async function measureProcesses(o: ProcessOptions): Promise<ProcessResults> {
  const cli = join(o.repoRoot, 'bin', 'runbook-lint.js');
  const mdl = join(o.repoRoot, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
  const out = join(o.tmp, 'stdout.txt');
  const cwd = join(o.tmp, 'cwd');
  mkdirSync(cwd, { recursive: true });
  const ok = [0, 1];
  const run = (args: string[], runCwd = cwd, env?: NodeJS.ProcessEnv) => runNode(args, { cwd: runCwd, stdoutFile: out, okCodes: ok, env });
  // RUNBOOK_LINT_DEBUG=1 makes the CLI print its own timing on stderr (one line; no effect on the work done).
  const debugEnv = { ...process.env, RUNBOOK_LINT_DEBUG: '1' };
  const lint = (extra: string[], targets: string[], format = 'json') => run([cli, '--format', format, '--no-color', ...extra, ...targets], cwd, debugEnv);

  // markdownlint-cli2 with its default rules ("default": true; no config exists in the corpus) and
  // progress on stdout so the file count can be checked.
  const mdlConfig = join(o.tmp, 'mdl', '.markdownlint-cli2.jsonc');
  mkdirSync(join(o.tmp, 'mdl'), { recursive: true });
  writeFileSync(mdlConfig, JSON.stringify({ config: { default: true } }));
  const markdownlint = () => run([mdl, '--config', mdlConfig, '**/*.md'], o.corpusDir);

  // The first timed run of each tool is also checked: same file count, output parsed for the report.
  let cold = { files: 0, findings: 0 };
  let coldOutput = '';
  let mix: OutputMix | undefined;
  let mdlFiles = NaN;
  let mdlFindings = NaN;
  let mdlVersion = '?';
  const checkCli = (): void => {
    cold = countJson(out);
    coldOutput = readFileSync(out, 'utf8');
    mix = outputMix(out);
    if (cold.files !== o.corpusFiles) throw new Error(`runbook-lint linted ${cold.files} files, expected ${o.corpusFiles}`);
  };
  const checkMarkdownlint = (r: ProcessRun): void => {
    const stdout = readFileSync(out, 'utf8');
    mdlFiles = Number(/Linting: (\d+) file/.exec(stdout)?.[1] ?? NaN);
    mdlFindings = Number(/Summary: (\d+) error/.exec(stdout)?.[1] ?? NaN);
    mdlVersion = /markdownlint-cli2 (v\S+ \(markdownlint v\S+\))/.exec(stdout)?.[1] ?? '?';
    if (mdlFiles !== o.corpusFiles) throw new Error(`markdownlint-cli2 linted ${mdlFiles} files, expected ${o.corpusFiles}: ${stdout.slice(0, 300)} ${r.stderr.slice(0, 300)}`);
  };

  o.log(`processes: start-up (${o.rounds} rounds), c′ (--jobs 1, auto) and e (markdownlint-cli2) (${o.bigRounds} interleaved rounds)`);
  const runs: Record<string, ProcessRun[]> = { node: [], version: [], j1: [], auto: [], mdl: [] };
  for (let r = 0; r < o.rounds; r++) {
    runs.node!.push(await run(['-e', '0']));
    runs.version!.push(await run([cli, '--version']));
  }
  const tasks: Array<[string, () => Promise<ProcessRun>]> = [
    ['j1', () => lint(['--jobs', '1'], [o.corpusDir])],
    ['auto', () => lint([], [o.corpusDir])],
    ['mdl', markdownlint],
  ];
  for (let r = 0; r < o.bigRounds; r++) {
    for (let i = 0; i < tasks.length; i++) {
      const [name, task] = tasks[(i + r) % tasks.length]!;
      const result = await task();
      runs[name]!.push(result);
      if (name === 'j1' && !mix) checkCli();
      if (name === 'mdl' && Number.isNaN(mdlFiles)) checkMarkdownlint(result);
    }
  }

  o.log(`processes: d (--cache: fill, then warm ×2), ${o.bigRounds} rounds`);
  const cacheFile = join(o.tmp, 'cache', 'runbook-lint-cache.json');
  const cacheArgs = ['--cache', '--cache-location', cacheFile];
  const populate: ProcessRun[] = [];
  const warm: ProcessRun[] = [];
  let warmOutputIdentical = true;
  for (let r = 0; r < o.bigRounds; r++) {
    rmSync(cacheFile, { force: true });
    populate.push(await lint(cacheArgs, [o.corpusDir]));
    for (let w = 0; w < 2; w++) {
      warm.push(await lint(cacheArgs, [o.corpusDir]));
      if (readFileSync(out, 'utf8') !== coldOutput) warmOutputIdentical = false;
    }
  }
  const cacheFileBytes = existsSync(cacheFile) ? statSync(cacheFile).size : NaN;

  o.log('processes: f (corpus copied 10× into a temp folder)');
  const copies = replicate(o.corpusDir, join(o.tmp, 'copies'), 10);
  const factors = [1, 2, 5, 10];
  const scaleRuns = new Map<number, ProcessRun[]>(factors.map((k) => [k, []]));
  const outputBytes = new Map<number, number>();
  for (let r = 0; r < o.bigRounds; r++) {
    for (let i = 0; i < factors.length; i++) {
      const k = factors[(i + r) % factors.length]!;
      o.log(`processes: f ${k}× round ${r + 1}/${o.bigRounds}`);
      scaleRuns.get(k)!.push(await lint([], copies.slice(0, k)));
      outputBytes.set(k, statSync(out).size);
      if (r === 0) {
        const counted = countJson(out);
        if (counted.files !== o.corpusFiles * k) throw new Error(`runbook-lint linted ${counted.files} files at ${k}×, expected ${o.corpusFiles * k}`);
      }
    }
  }
  o.log('processes: f 10× with --format stylish (once)');
  const stylishTen = await lint([], copies, 'stylish');
  const stylishTenOutputBytes = statSync(out).size;
  rmSync(join(o.tmp, 'copies'), { recursive: true, force: true });
  const scale: ScalePoint[] = factors.map((k) => ({ times: k, files: o.corpusFiles * k, bytes: o.corpusBytes * k, run: processSample(scaleRuns.get(k)!), outputBytes: outputBytes.get(k)! }));
  // Fits over the per-factor medians (one slow run on a shared machine should not decide linearity).
  const fit = linearFit(
    scale.map((p) => p.files),
    scale.map((p) => p.run.wall.median),
  );
  const cpuFit = linearFit(
    scale.map((p) => p.files),
    scale.map((p) => p.run.cpu.median),
  );
  const rssFit = linearFit(
    scale.map((p) => p.files),
    scale.map((p) => median(p.run.maxRssBytes.values)),
  );

  return {
    cores: availableParallelism(),
    nodeStartup: processSample(runs.node!),
    cliStartup: processSample(runs.version!),
    cliColdJobs1: processSample(runs.j1!),
    cliColdAuto: processSample(runs.auto!),
    cachePopulate: processSample(populate),
    cacheWarm: processSample(warm),
    cacheFileBytes,
    warmOutputIdentical,
    cliFiles: cold.files,
    cliFindings: cold.findings,
    markdownlint: processSample(runs.mdl!),
    markdownlintVersion: mdlVersion,
    markdownlintFiles: mdlFiles,
    markdownlintFindings: mdlFindings,
    scale,
    fit,
    cpuFit,
    rssFit,
    stylishTen: processSample([stylishTen]),
    stylishTenOutputBytes,
    outputMix: mix!,
  };
}
