/**
 * Focused CLI bench for issue 12 items 2-4, runnable alone (the full `npm run bench` is heavy):
 *
 *   node out/bench/scaling.js [--rounds N] [--only workers,memory,cache] [--out FILE]
 *
 * workers  cold corpus run, interleaved rounds of `--jobs 1`, default jobs and markdownlint-cli2:
 *          wall, CPU (user+sys, all threads) and peak RSS; medians; ratios of the same rounds
 * memory   the corpus copied 10× into a temp folder: peak RSS of one default-jobs run per format
 * cache    `--cache` cold (empty cache) then warm, interleaved rounds: the warm/cold ratio
 *
 * The load average is recorded before and after: on a shared machine wall times are noisy, and CPU
 * time tells scaling (same CPU, less wall) from contention (same CPU, more wall).
 * Prints a Markdown section (stdout, or --out FILE).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listMarkdown, replicate } from './lib/corpus.js';
import { GNU_TIME, runNode, type ProcessRun } from './lib/proc.js';
import { median } from './lib/stats.js';

const here = dirname(fileURLToPath(import.meta.url)); // out/bench
const repoRoot = resolve(here, '..', '..');
const corpusDir = join(repoRoot, '..', 'shared', 'corpus');
const cli = join(repoRoot, 'bin', 'runbook-lint.js');
const mdl = join(repoRoot, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const rounds = Number(arg('--rounds') ?? 3);
const only = new Set((arg('--only') ?? 'workers,memory,cache').split(','));
const FORMATS = ['json', 'sarif', 'stylish', 'junit', 'github', 'gitlab'];

interface Row {
  wall: number;
  cpu: number;
  rss: number;
}

const summary = (runs: ProcessRun[]): Row => ({
  wall: median(runs.map((r) => r.wallMs)),
  cpu: median(runs.map((r) => (r.userMs ?? NaN) + (r.sysMs ?? NaN))),
  rss: median(runs.map((r) => r.maxRssBytes ?? NaN)),
});
const fmt = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'n/a');
const mb = (n: number) => (Number.isFinite(n) ? `${(n / 1048576).toFixed(0)} MB` : 'n/a');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const log = (line: string) => process.stderr.write(`[scaling] ${line}\n`);

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'runbook-lint-scaling-'));
  const cwd = join(tmp, 'cwd');
  mkdirSync(cwd);
  const out = join(tmp, 'stdout.txt');
  const ok = [0, 1];
  // Worker threads at every factor (runs under 2,000 files would otherwise fork worker processes):
  // GNU time's peak RSS covers a process and its threads but only the largest of its child
  // processes, so this keeps 1× to 10× comparable and the memory fit meaningful.
  const run = (args: string[], runCwd = cwd) => runNode(args, { cwd: runCwd, stdoutFile: out, okCodes: ok, env: { ...process.env, RUNBOOK_LINT_DEBUG: '1', RUNBOOK_LINT_WORKERS: 'threads' } });
  const files = listMarkdown(corpusDir).length;
  const lines: string[] = [`## CLI scaling, memory and cache (bench/scaling.ts)`, '', `${files} corpus files; ${availableParallelism()} cores; ${rounds} interleaved rounds; medians; GNU time: ${GNU_TIME ? 'yes' : 'no (no CPU/RSS)'}; load average before: ${load()}.`, ''];
  try {
    if (only.has('workers')) {
      const mdlConfig = join(tmp, 'mdl', '.markdownlint-cli2.jsonc');
      mkdirSync(dirname(mdlConfig));
      writeFileSync(mdlConfig, JSON.stringify({ config: { default: true } }));
      const tasks: Array<[string, () => Promise<ProcessRun>]> = [
        ['--jobs 1', () => run([cli, '--format', 'json', '--jobs', '1', corpusDir])],
        ['default jobs', () => run([cli, '--format', 'json', corpusDir])],
        ['markdownlint-cli2', () => run([mdl, '--config', mdlConfig, '**/*.md'], corpusDir)],
      ];
      const runs = new Map<string, ProcessRun[]>(tasks.map(([n]) => [n, []]));
      for (let r = 0; r < rounds; r++) {
        for (let i = 0; i < tasks.length; i++) {
          const [name, task] = tasks[(i + r) % tasks.length]!;
          log(`workers round ${r + 1}: ${name} (load ${load()})`);
          runs.get(name)!.push(await task());
        }
      }
      const rows = new Map([...runs].map(([n, v]) => [n, summary(v)]));
      const j1 = rows.get('--jobs 1')!;
      const auto = rows.get('default jobs')!;
      const m = rows.get('markdownlint-cli2')!;
      lines.push('### Worker scaling (cold corpus run)', '', '| run | wall | CPU (user+sys) | peak RSS |', '| --- | --- | --- | --- |');
      for (const [n, row] of rows) lines.push(`| ${n} | ${fmt(row.wall)} | ${fmt(row.cpu)} | ${mb(row.rss)} |`);
      lines.push('', `- default jobs / markdownlint-cli2 = **${(auto.wall / m.wall).toFixed(2)}×** (target ≤ 0.4×); --jobs 1 / markdownlint-cli2 = ${(j1.wall / m.wall).toFixed(2)}×.`);
      lines.push(`- default jobs / --jobs 1 = ${(auto.wall / j1.wall).toFixed(2)}× wall, ${(auto.cpu / j1.cpu).toFixed(2)}× CPU; CPU/wall: --jobs 1 ${(j1.cpu / j1.wall).toFixed(2)} cores busy, default ${(auto.cpu / auto.wall).toFixed(2)}.`, '');
    }
    if (only.has('cache')) {
      const cacheFile = join(tmp, 'cache', 'cache.json');
      const cold: ProcessRun[] = [];
      const warm: ProcessRun[] = [];
      for (let r = 0; r < rounds; r++) {
        rmSync(cacheFile, { force: true });
        log(`cache round ${r + 1}: cold, warm (load ${load()})`);
        cold.push(await run([cli, '--format', 'json', '--cache', '--cache-location', cacheFile, corpusDir]));
        warm.push(await run([cli, '--format', 'json', '--cache', '--cache-location', cacheFile, corpusDir]));
      }
      const c = summary(cold);
      const w = summary(warm);
      lines.push('### Warm cache', '', '| run | wall | CPU | peak RSS |', '| --- | --- | --- | --- |', `| --cache cold | ${fmt(c.wall)} | ${fmt(c.cpu)} | ${mb(c.rss)} |`, `| --cache warm | ${fmt(w.wall)} | ${fmt(w.cpu)} | ${mb(w.rss)} |`, '');
      lines.push(`- warm / cold = **${(w.wall / c.wall).toFixed(3)}×** wall (target ≤ 0.05×), ${(w.cpu / c.cpu).toFixed(3)}× CPU. Warm debug line: \`${/^runbook-lint: \d+ files.*$/m.exec(warm[0]!.stderr)?.[0] ?? '?'}\``, '');
    }
    if (only.has('memory')) {
      log('memory: copying the corpus 10×');
      const copies = replicate(corpusDir, join(tmp, 'copies'), 10);
      lines.push('### Peak RSS at 10× the corpus (default jobs, one run per format)', '', '| format | wall | CPU | peak RSS |', '| --- | --- | --- | --- |');
      for (const f of FORMATS) {
        log(`memory: --format ${f} (load ${load()})`);
        const r = summary([await run([cli, '--format', f, '--no-color', ...copies])]);
        lines.push(`| ${f} | ${fmt(r.wall)} | ${fmt(r.cpu)} | ${mb(r.rss)}${r.rss <= 400 * 1048576 ? '' : ' (over 400 MB)'} |`);
      }
      lines.push('');
    }
    lines.push(`Load average after: ${load()}.`, '');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const text = lines.join('\n');
  const target = arg('--out');
  if (target) writeFileSync(target, text);
  else process.stdout.write(text);
}

main().catch((error: unknown) => {
  process.stderr.write(`scaling bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
