// A node:test reporter for `node test/run.mjs --timing`: per test file, the CPU time of its process
// and its child processes (test/timing-cpu.mjs, preloaded), the sum of its top-level tests'
// durations and its wall time, most CPU first, with the totals. CPU seconds are what a file costs
// whatever else runs on the machine; test and wall times stretch with the load and with concurrency.
import { relative } from 'node:path';

const CPU_LINE = /^runbook-lint-test-cpu-ms (\d+)$/m;

export default async function* timing(source) {
  const files = new Map();
  const started = Date.now();
  const entry = (file) => {
    let f = files.get(file);
    if (!f) files.set(file, (f = { tests: 0, ms: 0, wall: 0, cpu: undefined }));
    return f;
  };
  for await (const event of source) {
    const file = event.data?.file;
    if (!file) continue;
    const f = entry(file);
    if (event.type === 'test:stdout') {
      const m = CPU_LINE.exec(event.data.message ?? '');
      if (m) f.cpu = Number(m[1]);
    } else if (event.type === 'test:complete' && event.data.name === file) {
      // The file's own entry: its process ran this long.
      f.wall = event.data.details?.duration_ms ?? 0;
    } else if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0) {
      f.tests++;
      f.ms += event.data.details?.duration_ms ?? 0;
    }
  }
  const rows = [...files].map(([file, f]) => ({ file: relative(process.cwd(), file), ...f })).sort((a, b) => (b.cpu ?? 0) - (a.cpu ?? 0) || b.ms - a.ms);
  const total = (key) => rows.reduce((n, r) => n + (r[key] ?? 0), 0);
  const s = (ms) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`).padStart(8);
  const hasCpu = rows.some((r) => r.cpu !== undefined);
  yield `\ntest timing: ${rows.length} files, ${hasCpu ? `CPU ${s(total('cpu')).trim()}, ` : ''}sum of per-file test time ${s(total('ms')).trim()}, wall ${s(Date.now() - started).trim()}\n`;
  yield `   tests      CPU  test time   wall  file\n`;
  for (const r of rows) yield `${String(r.tests).padStart(8)} ${s(r.cpu)} ${s(r.ms)} ${s(r.wall)}  ${r.file}\n`;
}
