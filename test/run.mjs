// Runs the compiled test files (out/test/**/*.test.js) with node's test runner.
//   node test/run.mjs          every suite, full tier, one process per file (what `npm test` and CI run)
//   node test/run.mjs --unit   the inner loop: everything but the real-browser and real-VS-Code-host
//                              suites, unit tier, the files spread over a few shard processes
//   add --isolate              one process per file in --unit too (as the full run does)
//   add --timing               also print each file's CPU, test and wall time (most CPU first) on stderr
//   add --typecheck            run `tsc --noEmit` (incremental, .cache/) beside the tests; a type error
//                              fails the run (test:unit compiles with esbuild, test/compile.mjs, which
//                              does not type-check; npm test compiles with tsc)
// Tiers (RUNBOOK_LINT_TEST_TIER, read by test/helpers/tier.ts): the full tier runs every case; the
// unit tier runs a quarter of the property-test cases (fresh random seeds each run), every 8th file of
// the shared corpus in the corpus-wide suites, every 3rd real-world plan in chunks.test and every 6th in
// scan-memo.test, one format per worker comparison and two workers for --fix and the streamed report in
// cli/jobs.test, each worker-heap test of robustness/files.test for one kind of worker (threads for
// running out of memory, processes for the full-heap retry), one activation sample, and
// skips the suites that install the package or type-check its declarations (pre-commit try-repo, the
// typed consumer in package/api-package.test). Every rule, the CLI, the server and the editor code run
// in both.
// Shards (--unit, test/shards.mjs): 2 x (cores + 1) processes, each importing several test files, at
// most cores + 1 at a time (many tests wait on a child process: the CLI, the server), balanced on the
// files' times in earlier runs (.cache/test-times.json). A process per file costs node's start-up,
// module loading and JIT warm-up ~70 times over. Failures still name their test's own file and line.
// Files run concurrently either way; the runner's own summary closes the output, as CI expects.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { costFrom, planShards, readTimes, recordTimes, writeShards } from './shards.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outTests = join(root, 'out', 'test');
const cacheDir = join(root, '.cache');

/** Suites that need a real browser or a real VS Code host: minutes each, left out of --unit. */
const SLOW_SUITES = [/^e2e\//, /^checklist\/browser\.test\.js$/];

function testFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testFiles(path));
    else if (entry.name.endsWith('.test.js')) found.push(path);
  }
  return found;
}

const unit = process.argv.includes('--unit');
let files;
try {
  files = testFiles(outTests).sort();
} catch {
  console.error('test/run.mjs: out/test is missing; run "npm run compile-tests" first.');
  process.exit(2);
}
const isSlow = (f) => SLOW_SUITES.some((re) => re.test(relative(outTests, f).split(sep).join('/')));
const slow = unit ? [] : files.filter(isSlow);
const fast = files.filter((f) => !isSlow(f));

// --timing: besides the usual report, a table of per-file CPU, test and wall time (test/timing-reporter.mjs)
// on stderr; test/timing-cpu.mjs, preloaded into each test process, reports its CPU time.
const timed = process.argv.includes('--timing');
const sharded = unit && !process.argv.includes('--isolate');
const preload = timed ? [`--import=${pathToFileURL(join(root, 'test', 'timing-cpu.mjs'))}`] : [];
const env = { ...process.env, RUNBOOK_LINT_TEST_TIER: unit ? 'unit' : 'full' };
// test/timing-reporter.mjs prints the --timing table and records the files' times for the shards. An
// extra reporter replaces node's default one, so that is named too: spec on a terminal, tap otherwise.
const freshTimes = join(cacheDir, `test-times.${process.pid}.json`);
if (timed) env.RUNBOOK_LINT_TEST_TIMING = '1';
if (sharded) env.RUNBOOK_LINT_TEST_TIMES = freshTimes;
const reporters = timed || sharded
  ? [`--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`, '--test-reporter-destination=stdout', `--test-reporter=${join(root, 'test', 'timing-reporter.mjs')}`, '--test-reporter-destination=stderr']
  : [];

/** A child's exit code (1 if it died of a signal). */
function exitOf(child) {
  return new Promise((done) => {
    child.on('error', () => done(1));
    child.on('close', (code) => done(code ?? 1));
  });
}

function nodeTest(list, concurrency) {
  return exitOf(spawn(process.execPath, [...preload, '--test', `--test-concurrency=${concurrency}`, ...reporters, ...list], { stdio: 'inherit', cwd: root, env }));
}

/** tsc --noEmit on the whole program, its output held back until the tests are done. */
function typecheck() {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const child = spawn(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', join(root, '.cache', 'typecheck.tsbuildinfo')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return exitOf(child).then((code) => ({ code, output }));
}

// The real-browser and real-host suites first, one at a time, on an otherwise idle machine: they wait
// on a browser and a VS Code host with timeouts that a busy machine would stretch. Then the rest
// concurrently; its summary closes the output.
const slowStatus = slow.length > 0 ? await nodeTest(slow, 1) : 0;
const types = process.argv.includes('--typecheck') ? typecheck() : undefined;
const cores = Math.max(2, availableParallelism());
let fastStatus;
if (sharded) {
  mkdirSync(cacheDir, { recursive: true });
  const timesFile = join(cacheDir, 'test-times.json');
  const shardDir = join(root, 'out', 'shards');
  const shards = planShards(fast, 2 * (cores + 1), costFrom(readTimes(timesFile), root));
  const entries = writeShards(shardDir, shards, root);
  const plan = Object.fromEntries(entries.map((entry, i) => [entry, shards[i].files]));
  writeFileSync(join(shardDir, 'plan.json'), JSON.stringify(plan, null, 1));
  env.RUNBOOK_LINT_TEST_SHARD_PLAN = join(shardDir, 'plan.json');
  fastStatus = await nodeTest(entries, cores + 1);
  recordTimes(timesFile, freshTimes);
} else {
  fastStatus = await nodeTest(fast, cores);
}
const typeStatus = types ? await types : { code: 0, output: '' };
if (slowStatus !== 0) console.error(`test/run.mjs: the browser/host suites failed (exit ${slowStatus}); see their report above.`);
if (typeStatus.code !== 0) console.error(`${typeStatus.output}\ntest/run.mjs: tsc --noEmit found type errors (above).`);
process.exit(slowStatus || fastStatus || typeStatus.code);
