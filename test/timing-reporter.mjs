// A node:test reporter for `node test/run.mjs`, with two jobs (one reporter: node warns about
// listeners with three):
//  - with --timing (RUNBOOK_LINT_TEST_TIMING=1), a table on its destination: per test file, its CPU
//    time (test/timing-cpu.mjs, preloaded: the process and the child processes it waited for), the
//    sum of its top-level tests' durations and its process's wall time, most CPU first, with the
//    totals. CPU seconds are what a file costs whatever else runs on the machine; test and wall times
//    stretch with the load and with concurrency;
//  - with RUNBOOK_LINT_TEST_TIMES=<path> (--unit), each file's test time as JSON in that file, which
//    test/shards.mjs balances the next run's shards on.
// A file with a process of its own is charged its whole process (start-up and loading included). In a
// shard (test/shards.mjs, several files in one process) each file is charged its tests' CPU, and the
// shard's own row shows the rest: start-up and loading of the shared modules.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';

/** Shard entry -> its test files (test/run.mjs writes the plan and names it in the environment). */
function shardPlan() {
  try {
    return JSON.parse(readFileSync(process.env.RUNBOOK_LINT_TEST_SHARD_PLAN ?? '', 'utf8'));
  } catch {
    return {};
  }
}

const PROCESS_CPU = /^runbook-lint-test-cpu-ms (\d+)$/m;
const TEST_CPU = /^runbook-lint-test-cpu-ms (\d+)$/;

export default async function* timing(source) {
  const files = new Map();
  const started = Date.now();
  const entry = (file) => {
    let f = files.get(file);
    if (!f) files.set(file, (f = { tests: 0, ms: 0, wall: undefined, process: undefined, testCpu: undefined }));
    return f;
  };
  for await (const event of source) {
    const file = event.data?.file;
    if (!file) continue;
    const f = entry(file);
    if (event.type === 'test:stdout') {
      const m = PROCESS_CPU.exec(event.data.message ?? '');
      if (m) f.process = Number(m[1]);
    } else if (event.type === 'test:diagnostic' && event.data.nesting === 0) {
      const m = TEST_CPU.exec(event.data.message ?? '');
      if (m) f.testCpu = (f.testCpu ?? 0) + Number(m[1]);
    } else if (event.type === 'test:complete' && event.data.name === file) {
      // The process's own entry: it ran this long.
      f.wall = event.data.details?.duration_ms ?? 0;
    } else if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0) {
      f.tests++;
      f.ms += event.data.details?.duration_ms ?? 0;
    }
  }
  if (process.env.RUNBOOK_LINT_TEST_TIMES) {
    const times = Object.fromEntries([...files].filter(([, f]) => f.tests > 0).map(([file, f]) => [relative(process.cwd(), file).split(sep).join('/'), Math.round(f.ms)]));
    writeFileSync(process.env.RUNBOOK_LINT_TEST_TIMES, JSON.stringify(times));
  }
  if (process.env.RUNBOOK_LINT_TEST_TIMING !== '1') return;
  const plan = shardPlan();
  const rows = [...files].map(([file, f]) => {
    const members = plan[file];
    // A shard's row: its process minus what its files' tests were charged.
    const shared = members ? members.reduce((n, m) => n + (files.get(m)?.testCpu ?? 0), 0) : 0;
    const cpu = f.process !== undefined ? f.process - shared : f.testCpu;
    const label = members ? ` (shard of ${members.length} files: start-up, loading)` : '';
    return { file: relative(process.cwd(), file) + label, tests: f.tests, ms: f.ms, wall: f.wall, cpu, process: f.process };
  });
  rows.sort((a, b) => (b.cpu ?? 0) - (a.cpu ?? 0) || b.ms - a.ms);
  const total = (key) => rows.reduce((n, r) => n + (r[key] ?? 0), 0);
  const s = (ms) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`).padStart(8);
  const hasCpu = rows.some((r) => r.cpu !== undefined);
  const processes = rows.filter((r) => r.process !== undefined).length;
  yield `\ntest timing: ${rows.filter((r) => r.tests > 0).length} files in ${processes} processes, ${hasCpu ? `CPU ${s(total('process')).trim()}, ` : ''}sum of per-file test time ${s(total('ms')).trim()}, wall ${s(Date.now() - started).trim()}\n`;
  yield `   tests      CPU  test time   wall  file\n`;
  for (const r of rows) yield `${String(r.tests).padStart(8)} ${s(r.cpu)} ${s(r.ms)} ${s(r.wall)}  ${r.file}\n`;
}
