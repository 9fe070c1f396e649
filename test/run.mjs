// Runs the compiled test files (out/test/**/*.test.js) with node's test runner.
//   node test/run.mjs          every suite, full tier (what `npm test` and CI run)
//   node test/run.mjs --unit   the inner loop: everything but the real-browser and real-VS-Code-host
//                              suites, unit tier
//   add --timing               also print each file's CPU, test and wall time (most CPU first) on stderr
// Tiers (RUNBOOK_LINT_TEST_TIER, read by test/helpers/tier.ts): the full tier runs every case; the
// unit tier runs a quarter of the property-test cases (fresh random seeds each run), every 4th file of
// the shared corpus in the corpus-wide suites, and skips the pre-commit try-repo install (npm in a
// clone). Every rule, the CLI, the server and the editor code run in both.
// Files run concurrently: most suites wait on child processes (the CLI, the server), so two cores
// keep more than one file busy. The runner's own summary closes the output, as CI expects.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outTests = join(root, 'out', 'test');

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
// on stderr; test/timing-cpu.mjs, preloaded into each file's process, reports its CPU time.
const timed = process.argv.includes('--timing');
const preload = timed ? [`--import=${pathToFileURL(join(root, 'test', 'timing-cpu.mjs'))}`] : [];
const reporters = timed
  ? [`--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`, '--test-reporter-destination=stdout', `--test-reporter=${join(root, 'test', 'timing-reporter.mjs')}`, '--test-reporter-destination=stderr']
  : [];
const env = { ...process.env, RUNBOOK_LINT_TEST_TIER: unit ? 'unit' : 'full' };

function nodeTest(list, concurrency) {
  const result = spawnSync(process.execPath, [...preload, '--test', `--test-concurrency=${concurrency}`, ...reporters, ...list], { stdio: 'inherit', cwd: root, env });
  return result.status ?? 1;
}

// The real-browser and real-host suites first, one at a time, on an otherwise idle machine: they wait
// on a browser and a VS Code host with timeouts that a busy machine would stretch. Then the rest
// concurrently; its summary closes the output.
const slowStatus = slow.length > 0 ? nodeTest(slow, 1) : 0;
const fastStatus = nodeTest(fast, Math.max(2, availableParallelism()));
if (slowStatus !== 0) console.error(`test/run.mjs: the browser/host suites failed (exit ${slowStatus}); see their report above.`);
process.exit(slowStatus || fastStatus);
