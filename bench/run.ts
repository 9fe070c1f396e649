/**
 * `npm run bench`: every benchmark of issue 3 item 9 in one run, written to bench/report.md.
 *
 *   in-process (child: out/bench/inprocess.js)   a bare remark+gfm parse, b our parse, c full lint cold, 30 KB re-lint
 *   processes  (bench/processes.ts)              c′ CLI cold, d CLI warm --cache, e markdownlint-cli2, f 1×–10× scaling
 *   profile    (child: out/bench/profile-target.js under --cpu-prof)
 *   extension  (bench/extension-metrics.mjs, owned by the extension engineer)
 *
 * Environment knobs (for quick local runs; the committed report uses the defaults):
 * BENCH_ROUNDS (default 5), BENCH_BIG_ROUNDS (default 3), BENCH_SKIP_PROCESSES=1, BENCH_SKIP_ROBUSTNESS=1, BENCH_SKIP_SCALING=1.
 * Workers, memory per format and cache alone: `node out/bench/scaling.js [--rounds N] [--only workers,memory,cache]` (bench/scaling.ts).
 * The robustness section alone: `node out/bench/robustness.js [--quick]` (bench/robustness.ts).
 * The editor section alone: `node out/bench/incremental.js [--quick]` (bench/incremental.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InProcessResult } from './inprocess.js';
import { listMarkdown } from './lib/corpus.js';
import { summariseProfile, type ProfileSummary } from './lib/cpuprofile.js';
import { GNU_TIME } from './lib/proc.js';
import { measureProcesses, type ProcessResults } from './processes.js';
import { renderReport, type ReportInput } from './report.js';
import { formatReport } from '../test/real-world/report.js';
import { scoreCorpus } from '../test/real-world/score.js';
import { measureShapes, renderShapes } from './robustness.js';
import { incrementalTarget, renderIncremental, type IncrementalResult } from './incremental.js';
import { statSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url)); // out/bench
const repoRoot = resolve(here, '..', '..');
const corpusDir = join(repoRoot, '..', 'shared', 'corpus');
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const bigRounds = Number(process.env.BENCH_BIG_ROUNDS ?? 3);
const started = performance.now();

function log(line: string): void {
  const s = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${s}s] ${line}\n`);
}

/** Run `node <args>` and return its stdout (stderr is passed through for progress). */
function nodeOutput(args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolveOut, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolveOut(out);
      else reject(new Error(`node ${args.join(' ')} ${signal ? `was killed (${signal})` : `exited with ${code}`}: ${err.trim().slice(0, 1500)}`));
    });
  });
}

async function main(): Promise<void> {
  if (!existsSync(corpusDir)) throw new Error(`Corpus not found at ${corpusDir} (expected ../shared/corpus next to the repository).`);
  const files = listMarkdown(corpusDir);
  const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
  const loadBefore = loadavg();
  log(`corpus ${files.length} files, ${(bytes / 1048576).toFixed(1)} MB; ${availableParallelism()} cores; load ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
  const tmp = mkdtempSync(join(tmpdir(), 'runbook-lint-bench-'));
  try {
    log(`in-process a/b/c + stages + 30 KB (${rounds} rounds)`);
    const inProcess = JSON.parse(
      await nodeOutput(['--expose-gc', join(here, 'inprocess.js'), corpusDir, join(repoRoot, 'examples')], 15 * 60_000, { ...process.env, BENCH_ROUNDS: String(rounds) }),
    ) as InProcessResult;
    log(`a ${inProcess.a.wall.median.toFixed(0)} ms, b ${inProcess.b.wall.median.toFixed(0)} ms, c ${inProcess.c.wall.median.toFixed(0)} ms`);

    let processes: ProcessResults | undefined;
    let processesError: string | undefined;
    if (process.env.BENCH_SKIP_PROCESSES === '1') processesError = 'skipped (BENCH_SKIP_PROCESSES=1)';
    else if (!existsSync(join(repoRoot, 'dist', 'cli.js'))) processesError = 'dist/cli.js is missing (run `npm run build`)';
    else {
      try {
        processes = await measureProcesses({ repoRoot, corpusDir, corpusBytes: bytes, corpusFiles: files.length, tmp, rounds, bigRounds, log });
      } catch (error) {
        processesError = (error as Error).message;
        log(`processes failed: ${processesError}`);
      }
    }

    log('cpu profile of the in-process lint');
    let profile: ProfileSummary | undefined;
    let profileError: string | undefined;
    try {
      const dir = join(tmp, 'profile');
      await nodeOutput(['--cpu-prof', `--cpu-prof-dir=${dir}`, join(here, 'profile-target.js'), corpusDir, '1'], 10 * 60_000);
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error('no .cpuprofile written');
      profile = summariseProfile(join(dir, file), 15);
    } catch (error) {
      profileError = (error as Error).message;
    }

    // The same corpus through the CLI with default jobs under --cpu-prof: one profile per thread
    // (main = thread 0), to show where the worker threads' time goes (issue 12: workers that scale).
    log('cpu profile of the CLI with default jobs (one profile per thread)');
    let threadProfiles: ReportInput['threadProfiles'];
    try {
      const dir = join(tmp, 'thread-profiles');
      await nodeOutput(['--cpu-prof', `--cpu-prof-dir=${dir}`, join(repoRoot, 'bin', 'runbook-lint.js'), '--format', 'json', '-o', join(tmp, 'thread-profiles.json'), corpusDir], 10 * 60_000).catch((error: Error) => {
        if (!existsSync(join(tmp, 'thread-profiles.json'))) throw error; // exit 1 = findings, expected
        return '';
      });
      // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: workers are threads of the CLI's process or,
      // when they are child processes (src/cli/pool.ts workerProcessArgs), processes of their own.
      const id = (f: string) => /\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(f)?.slice(1).map(Number) ?? [-1, -1];
      const files = readdirSync(dir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .sort((x, y) => id(x)[0]! - id(y)[0]! || id(x)[1]! - id(y)[1]!);
      threadProfiles = files.map((f, i) => ({ thread: i === 0 ? 'main' : `worker ${i}`, summary: summariseProfile(join(dir, f), 8) }));
    } catch (error) {
      log(`thread profiles failed: ${(error as Error).message}`);
    }

    let extension: ReportInput['extension'];
    const metrics = join(repoRoot, 'bench', 'extension-metrics.mjs');
    if (!existsSync(metrics)) extension = { pending: true };
    else {
      log('extension metrics (bench/extension-metrics.mjs)');
      try {
        extension = { json: JSON.parse(await nodeOutput([metrics], 5 * 60_000)) };
      } catch (error) {
        extension = { error: (error as Error).message };
      }
    }

    const cpu = cpus()[0];
    const input: ReportInput = {
      machine: {
        date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
        cpuModel: cpu?.model.trim() ?? 'unknown CPU',
        cores: availableParallelism(),
        memoryBytes: totalmem(),
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        loadBefore,
        loadAfter: loadavg(),
        gnuTime: Boolean(GNU_TIME),
      },
      corpusLabel: relative(repoRoot, corpusDir),
      files: files.length,
      bytes,
      rounds,
      bigRounds,
      totalSeconds: (performance.now() - started) / 1000,
      inProcess,
      processes,
      processesError,
      profile,
      profileError,
      threadProfiles,
      extension,
    };
    const rendered = renderReport(input);
    const { targets } = rendered;
    let markdown = rendered.markdown;
    // Editor: incremental re-lint of the largest real plan (language server path) and ms/KB of the real plans.
    const editorTargets: Array<{ id: string; measured: string; pass: boolean }> = [];
    try {
      log('editor: incremental re-lint and ms/KB of the real-world plans (bench/incremental.ts)');
      // Its own process, so its "first lint in a fresh process" is one.
      const incremental = JSON.parse(await nodeOutput([join(here, 'incremental.js'), '--json'], 10 * 60_000)) as IncrementalResult;
      markdown += '\n' + renderIncremental(incremental);
      editorTargets.push(incrementalTarget(incremental));
    } catch (error) {
      markdown += `\n## Editor: incremental re-lint\n\nNot measured: ${(error as Error).message}\n`;
    }
    if (process.env.BENCH_SKIP_ROBUSTNESS !== '1') {
      log('robustness shapes (time and RSS against size)');
      const sizes = [64 * 1024, 256 * 1024, 1048576];
      markdown += '\n' + renderShapes(await measureShapes(sizes, log), sizes);
    }
    // Peak RSS at 10× the corpus for every format (the processes section measures json and stylish only).
    if (process.env.BENCH_SKIP_SCALING !== '1') {
      log('peak RSS at 10× per format (bench/scaling.ts --only memory)');
      try {
        markdown += '\n' + (await nodeOutput([join(here, 'scaling.js'), '--only', 'memory'], 60 * 60_000));
      } catch (error) {
        markdown += `\n## CLI scaling, memory and cache (bench/scaling.ts)\n\nFailed: ${(error as Error).message}\n`;
      }
    }
    // Accuracy on the real-world plans (test/real-world): section recall and per-rule precision.
    const accuracy = formatReport(scoreCorpus()).split('\n## Missed sections')[0]!.replace(/^# Real-world corpus score/, '## Real-world plans: section recall and rule precision').replace(/\n## Per plan\n[\s\S]*?\n## Per rule/, '\n### Per rule');
    const reportPath = join(repoRoot, 'bench', 'report.md');
    writeFileSync(reportPath, `${markdown.trimEnd()}\n\n${accuracy.trim()}\n\nPer plan, with every unmatched finding: \`node out/test/real-world/report.js\`.\n`);
    process.stdout.write(`${accuracy.trim()}\n\n`);
    for (const t of [...targets, ...editorTargets]) process.stdout.write(`${t.pass ? 'PASS' : 'MISS'}  ${t.id}: ${t.measured}\n`);
    process.stdout.write(`\nWrote ${relative(process.cwd(), reportPath)} in ${input.totalSeconds.toFixed(0)} s.\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
