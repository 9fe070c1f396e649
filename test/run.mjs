// Runs the compiled test files (out/test/**/*.test.js) with node's test runner.
//   node test/run.mjs          every suite (what `npm test` and CI run)
//   node test/run.mjs --unit   the inner loop: everything but the real-browser and real-VS-Code-host suites
// Files run concurrently: most suites wait on child processes (the CLI, the server), so two cores
// keep more than one file busy. The runner's own summary closes the output, as CI expects.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

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
if (unit) files = files.filter((f) => !SLOW_SUITES.some((re) => re.test(relative(outTests, f).split(sep).join('/'))));

const concurrency = Math.max(2, availableParallelism());
const result = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...files], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
