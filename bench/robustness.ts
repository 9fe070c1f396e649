/**
 * Robustness bench section (issue 11): time and peak memory of one lint against input size for each
 * hostile shape, and the growth exponent k of time ∝ size^k (1 = linear, 2 = quadratic), so a
 * regression to superlinear is visible. Each point runs in its own process (peak RSS is per
 * process) with a time cap; CPU time is used because wall time on a shared machine is noise.
 *
 *   node out/bench/robustness.js [--quick]       prints a Markdown table (run.ts appends it to bench/report.md)
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHAPES } from './lib/shapes.js';
import { linearFit } from './lib/stats.js';

const here = dirname(fileURLToPath(import.meta.url)); // out/bench
const CAP_MS = 120_000;

export interface ShapePoint {
  bytes: number;
  cpuMs?: number;
  rssMb?: number;
  findings?: number;
  fatal?: string;
  error?: string;
}

export interface ShapeRow {
  shape: string;
  points: ShapePoint[];
  /** Exponent of CPU time against size over the measured points (undefined when fewer than two finished). */
  exponent?: number;
}

/** Child mode: lint one generated input and print what it cost. */
async function child(shape: string, bytes: number): Promise<void> {
  const { lintText } = await import('../src/core/lint.js');
  const { builtinSchema } = await import('../src/core/builtin-schema.js');
  const text = SHAPES[shape]!(bytes);
  const schema = builtinSchema();
  const before = process.cpuUsage();
  const result = lintText(text, { schema, maxBytes: 64 * 1024 * 1024 });
  const cpu = process.cpuUsage(before);
  const fatal = result.findings.find((f) => f.ruleId === 'fatal')?.message;
  process.stdout.write(JSON.stringify({ bytes: text.length, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, findings: result.findings.length, fatal }) + '\n');
}

function measure(shape: string, bytes: number): Promise<ShapePoint> {
  return new Promise((resolvePoint) => {
    const p = spawn(process.execPath, [join(here, 'robustness.js'), '--child', shape, String(bytes)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), CAP_MS);
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePoint(JSON.parse(out) as ShapePoint);
      else resolvePoint({ bytes, error: signal === 'SIGKILL' ? `over ${CAP_MS / 1000} s` : /heap out of memory/i.test(err) ? 'out of memory' : `exit ${code}` });
    });
  });
}

export async function measureShapes(sizes: number[], log: (line: string) => void = () => {}): Promise<ShapeRow[]> {
  const rows: ShapeRow[] = [];
  for (const shape of Object.keys(SHAPES)) {
    const points: ShapePoint[] = [];
    for (const bytes of sizes) {
      const point = await measure(shape, bytes);
      points.push(point);
      log(`${shape} ${bytes}: ${point.error ?? `${point.cpuMs!.toFixed(0)} ms CPU, ${point.rssMb!.toFixed(0)} MB`}`);
      if (point.error) break; // larger sizes would only fail the same way, slower
    }
    const done = points.filter((p) => p.cpuMs !== undefined && p.cpuMs > 0);
    const exponent = done.length >= 2 ? linearFit(done.map((p) => Math.log(p.bytes)), done.map((p) => Math.log(p.cpuMs!))).slope : undefined;
    rows.push({ shape, points, exponent });
  }
  return rows;
}

const kb = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(n % 1048576 ? 1 : 0)} MB` : `${Math.round(n / 1024)} KB`);

export function renderShapes(rows: ShapeRow[], sizes: number[]): string {
  const head = `| shape | ${sizes.map((s) => kb(s)).join(' | ')} | growth exponent | outcome |\n|---|${sizes.map(() => '---:').join('|')}|---:|---|\n`;
  const body = rows
    .map((r) => {
      const cells = sizes.map((_, i) => {
        const p = r.points[i];
        if (!p) return '–';
        return p.error ? p.error : `${(p.cpuMs! / 1000).toFixed(2)} s, ${p.rssMb!.toFixed(0)} MB`;
      });
      const last = r.points[r.points.length - 1];
      const outcome = last?.fatal ? `fatal: ${last.fatal.slice(0, 70)}…` : last?.error ? last.error : `${last?.findings ?? 0} findings`;
      return `| ${r.shape} | ${cells.join(' | ')} | ${r.exponent === undefined ? '–' : r.exponent.toFixed(2)} | ${outcome.replace(/\|/g, '\\|')} |`;
    })
    .join('\n');
  return (
    `## Robustness: cost against size per input shape\n\nCPU time and peak RSS of one lintText call (own process each, ${CAP_MS / 1000} s cap), and the ` +
    `exponent k of time ∝ size^k fitted over the sizes (1 = linear, 2 = quadratic; below 1 the start-up cost dominates).\n\n${head}${body}\n`
  );
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(args[1]!, Number(args[2])).catch((error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  });
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = args.includes('--quick') ? [64 * 1024, 256 * 1024] : [128 * 1024, 512 * 1024, 2 * 1048576];
  measureShapes(sizes, (line) => process.stderr.write(`[robustness] ${line}\n`)).then((rows) => process.stdout.write(renderShapes(rows, sizes)));
}
