// Preloaded (node --import) into every test process by `node test/run.mjs --timing`. It reports, for
// test/timing-reporter.mjs, CPU time read from /proc/self/stat: the process's own and that of the
// child processes it waited for (the CLI, the server, git, npm…). Linux only: elsewhere it reports
// nothing and the reporter shows no CPU column.
//  - each top-level test's CPU, as a diagnostic of that test (so it names the test's own file, also
//    when a shard process runs several files: test/shards.mjs); tests run one after another in a
//    process, so the difference between its start and end is the test's;
//  - at exit, the whole process's CPU (start-up and loading included) on stdout.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach } from 'node:test';
import { isMainThread } from 'node:worker_threads';

/** Clock ticks per second of /proc/<pid>/stat: 100 on every Linux this runs on (USER_HZ). */
const TICKS = 100;

/** CPU ms of this process and its waited-for children, or undefined off Linux. */
function cpuMs() {
  let stat;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // Fields after "(comm) ": state is field 3, so utime/stime/cutime/cstime (14-17) are at 11-14.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  return Number.isFinite(ticks) ? Math.round((ticks * 1000) / TICKS) : undefined;
}

// Worker threads inherit the preload; the process's figures come from its main thread alone.
if (isMainThread) {
  // Hooks of the root run for every test at every depth: count the depth to time top-level tests only.
  let depth = 0;
  let started;
  beforeEach(() => {
    if (depth++ === 0) started = cpuMs();
  });
  afterEach((t) => {
    if (--depth !== 0) return;
    const now = cpuMs();
    if (now !== undefined && started !== undefined) t.diagnostic(`runbook-lint-test-cpu-ms ${now - started}`);
  });
  process.on('exit', () => {
    const ms = cpuMs();
    if (ms !== undefined) process.stdout.write(`\nrunbook-lint-test-cpu-ms ${ms}\n`);
  });
}
