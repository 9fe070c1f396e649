// A node:test reporter for `node test/run.mjs --timing`: per test file, the sum of its top-level
// tests' durations and the wall time from its first to its last event, slowest first, with the
// totals. The sum over files is the CPU-independent cost of the suite; the run's own wall time is
// what concurrency made of it on this machine.
import { relative } from 'node:path';

export default async function* timing(source) {
  const files = new Map();
  const started = Date.now();
  for await (const event of source) {
    const file = event.data?.file;
    if (!file) continue;
    let f = files.get(file);
    if (!f) files.set(file, (f = { first: undefined, last: Date.now(), tests: 0, ms: 0 }));
    // Wall time from its first test's start (files are queued long before they run) to its last event.
    if (event.type === 'test:start' && f.first === undefined) f.first = Date.now();
    f.last = Date.now();
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0) {
      f.tests++;
      f.ms += event.data.details?.duration_ms ?? 0;
    }
  }
  const rows = [...files].map(([file, f]) => ({ file: relative(process.cwd(), file), ...f, span: f.last - (f.first ?? f.last) })).sort((a, b) => b.ms - a.ms);
  const sum = rows.reduce((n, r) => n + r.ms, 0);
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
  yield `\ntest timing: ${rows.length} files, sum of per-file test time ${s(sum).trim()}, wall ${s(Date.now() - started).trim()}\n`;
  yield `   tests  test time   wall  file\n`;
  for (const r of rows) yield `${String(r.tests).padStart(8)} ${s(r.ms)} ${s(r.span)}  ${r.file}\n`;
}
