// Preloaded (node --import) into every test file's process by `node test/run.mjs --timing`: at exit
// it prints the CPU time of the process and of the child processes it waited for (the CLI, the
// server, git, npm…), read from /proc/self/stat, for test/timing-reporter.mjs. Linux only: elsewhere
// it prints nothing and the reporter shows no CPU column.
import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** Clock ticks per second of /proc/<pid>/stat: 100 on every Linux this runs on (USER_HZ). */
const TICKS = 100;

// Worker threads inherit the preload; the process's figure comes from its main thread alone.
if (isMainThread) process.on('exit', () => {
  let stat;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return;
  }
  // Fields after "(comm) ": state is field 3, so utime/stime/cutime/cstime (14-17) are at 11-14.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
  if (Number.isFinite(ticks)) process.stdout.write(`\nrunbook-lint-test-cpu-ms ${Math.round((ticks * 1000) / TICKS)}\n`);
});
