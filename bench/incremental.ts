/**
 * Editor bench section (issue 12 items 1 and 5): the incremental re-lint of the largest real-world
 * plan through the language server's lint path, and parse / lint cost per KB over the real-world
 * plans next to markdown-it's parse of the same files (a much faster parser without a syntax tree
 * with positions: the physical-limit reference).
 *
 *   node out/bench/incremental.js [--quick]     prints the Markdown section (run.ts appends it to bench/report.md)
 *   node out/bench/incremental.js --json        prints the measurements (what run.ts runs)
 *
 * Language-server path: src/server/linting.ts `Linting.lint` (settings, runbook detection, the
 * editor's DocumentLintCache, diagnostics conversion) with a publisher that drops the diagnostics,
 * in this process. One-character edits are typed at spread positions, one after the other as in an
 * editing session; a second server lints the same texts from scratch, in alternating blocks of four,
 * so machine load hits both alike. CPU time of this process (user + system).
 */
import { readdirSync, readFileSync, rmSync, statSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clearMemos } from '../src/core/memo.js';
import { lintText } from '../src/core/lint.js';
import { parseMarkdown, PieceCache } from '../src/core/parse.js';
import { builtinSchema } from '../src/core/builtin-schema.js';
import { Linting } from '../src/server/linting.js';
import { SettingsSource } from '../src/server/settings.js';
import { summariseProfile, type ProfileSummary } from './lib/cpuprofile.js';
import { median, sample, type Sample } from './lib/stats.js';

const here = dirname(fileURLToPath(import.meta.url)); // out/bench
const repoRoot = resolve(here, '..', '..');
const plansDir = join(repoRoot, 'test', 'real-world', 'plans');

/** The ratio goal of issue 12: a one-character edit re-linted in ≤ 0.2 × the full lint. */
export const INCREMENTAL_LIMIT = 0.2;

export interface IncrementalResult {
  plan: string;
  bytes: number;
  pieces: number;
  edits: number;
  /** CPU ms of the language server's lint after a one-character edit, with the document's cache. */
  incremental: Sample;
  /** CPU ms of the same lint of the same text with the cache cleared (what every keystroke cost before). */
  full: Sample;
  /** Pieces parsed again per edit (median) and pieces reused or moved. */
  parsedPieces: number;
  keptPieces: number;
  /** First lint of the plan in this process (cold: nothing compiled, no memo filled). */
  firstLintMs: number;
  /** Stage medians of the incremental path (parse with the cache, the rest of lintText). */
  stages: { parse: number; rest: number };
  perKb: PerKb;
  profile?: ProfileSummary;
  /** The same measurement on a 1 MB runbook made of every real plan in turn (issue 12: the editor stays responsive). */
  large?: LargeResult;
}

export interface LargeResult {
  bytes: number;
  pieces: number;
  edits: number;
  incremental: Sample;
  full: Sample;
  firstLintMs: number;
}

/** Size of the big-runbook case: the "1 MB runbook". */
export const LARGE_BYTES = 1_000_000;

export interface PerKb {
  plans: number;
  bytes: number;
  /** ms per KB over all plans (total time / total KB), medians of the rounds. */
  parse: number;
  lint: number;
  markdownIt?: number;
  markdownItError?: string;
  /** The plan with the highest parse cost per KB. */
  worst: { plan: string; bytes: number; parse: number; markdownIt?: number };
  largest: { plan: string; bytes: number; parse: number; lint: number; markdownIt?: number };
}

const cpuMs = (f: () => unknown): number => {
  const before = process.cpuUsage();
  f();
  const c = process.cpuUsage(before);
  return (c.user + c.system) / 1000;
};

async function cpuMsAsync(f: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await f();
  const c = process.cpuUsage(before);
  return (c.user + c.system) / 1000;
}

function planFiles(): Array<{ name: string; text: string; bytes: number }> {
  return readdirSync(plansDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(plansDir, name), 'utf8'), bytes: statSync(join(plansDir, name)).size }));
}

/** A deterministic spread of positions (golden-ratio steps), snapped to the middle of a word's line. */
function editPositions(text: string, count: number): number[] {
  const out: number[] = [];
  let x = 0.13;
  for (let i = 0; i < count; i++) {
    x = (x + 0.6180339887) % 1;
    out.push(Math.floor(x * text.length));
  }
  return out;
}

async function measureServer(text: string, edits: number, uri = 'untitled:largest-plan.md'): Promise<Pick<IncrementalResult, 'incremental' | 'full' | 'parsedPieces' | 'keptPieces'>> {
  const published: number[] = [];
  const server = () => new Linting(new SettingsSource(), { publish: (_uri, _version, diagnostics) => void published.push(diagnostics.length) }, { info() {}, warn() {}, error() {} }, 0);
  // Two servers: one edited incrementally as in a session, one that lints each text from scratch.
  // They run in alternating blocks, so load drift hits both, and a full lint's garbage is not
  // collected inside the next incremental sample more than in a real session.
  const editing = server();
  const fresh = server();
  let doc = TextDocument.create(uri, 'markdown', 1, text);
  await editing.lint(doc); // warm-up: settings, schema, the first full parse fills the cache
  await fresh.lint(doc);
  const incremental: number[] = [];
  const full: number[] = [];
  const parsed: number[] = [];
  const kept: number[] = [];
  const texts: TextDocument[] = [];
  const positions = editPositions(text, edits);
  const BLOCK = 4;
  for (let i = 0; i < positions.length; i += BLOCK) {
    const block: TextDocument[] = [];
    for (const at of positions.slice(i, i + BLOCK)) {
      const position = doc.positionAt(Math.min(at, doc.getText().length));
      doc = TextDocument.update(doc, [{ range: { start: position, end: position }, text: 'x' }], doc.version + 1);
      incremental.push(await cpuMsAsync(() => editing.lint(doc)));
      const stats = editing.cache.stats(uri)!;
      parsed.push(stats.parsed);
      kept.push(stats.reused + stats.shifted);
      block.push(doc);
    }
    for (const d of block) {
      fresh.cache.clear();
      full.push(await cpuMsAsync(() => fresh.lint(d)));
    }
    texts.push(...block);
  }
  editing.dispose();
  fresh.dispose();
  if (published.length !== 2 * (texts.length + 1)) throw new Error(`expected ${2 * (texts.length + 1)} published diagnostics, got ${published.length}`);
  return { incremental: sample(incremental), full: sample(full), parsedPieces: median(parsed), keptPieces: median(kept) };
}

async function loadMarkdownIt(): Promise<{ parse(text: string): unknown } | string> {
  try {
    const specifier: string = 'markdown-it';
    const mod = (await import(specifier)) as { default: new () => { parse(src: string, env: object): unknown } };
    const md = new mod.default();
    return { parse: (text) => md.parse(text, {}) };
  } catch (error) {
    return `markdown-it could not be loaded: ${(error as Error).message}`;
  }
}

async function measurePerKb(rounds: number): Promise<PerKb> {
  const plans = planFiles();
  const schema = builtinSchema();
  const md = await loadMarkdownIt();
  const rows = plans.map((p) => ({ ...p, parse: [] as number[], lint: [] as number[], markdownIt: [] as number[] }));
  // Warm-up round (JIT), then timed rounds; every lint starts with empty memos (as a first lint of the file).
  for (let r = 0; r <= rounds; r++) {
    for (const row of rows) {
      const parse = cpuMs(() => parseMarkdown(row.text));
      clearMemos();
      const lint = cpuMs(() => lintText(row.text, { schema }));
      const mdit = typeof md === 'string' ? NaN : cpuMs(() => md.parse(row.text));
      if (r === 0) continue;
      row.parse.push(parse);
      row.lint.push(lint);
      row.markdownIt.push(mdit);
    }
  }
  const kb = (b: number) => b / 1024;
  const total = (pick: (r: (typeof rows)[number]) => number[]) => rows.reduce((s, r) => s + median(pick(r)), 0);
  const bytes = rows.reduce((s, r) => s + r.bytes, 0);
  const perKb = (r: (typeof rows)[number], pick: (r: (typeof rows)[number]) => number[]) => median(pick(r)) / kb(r.bytes);
  const worst = rows.reduce((a, b) => (perKb(b, (x) => x.parse) > perKb(a, (x) => x.parse) ? b : a));
  const largest = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const mdOk = typeof md !== 'string';
  return {
    plans: rows.length,
    bytes,
    parse: total((r) => r.parse) / kb(bytes),
    lint: total((r) => r.lint) / kb(bytes),
    ...(mdOk ? { markdownIt: total((r) => r.markdownIt) / kb(bytes) } : { markdownItError: md }),
    worst: { plan: worst.name, bytes: worst.bytes, parse: perKb(worst, (x) => x.parse), ...(mdOk ? { markdownIt: perKb(worst, (x) => x.markdownIt) } : {}) },
    largest: { plan: largest.name, bytes: largest.bytes, parse: perKb(largest, (x) => x.parse), lint: perKb(largest, (x) => x.lint), ...(mdOk ? { markdownIt: perKb(largest, (x) => x.markdownIt) } : {}) },
  };
}

/** Where the incremental lint's time goes: parse (with the cache) and the rest, medians. */
function measureStages(text: string, edits: number): { parse: number; rest: number } {
  const schema = builtinSchema();
  const pieces = new PieceCache();
  lintText(text, { schema, pieces });
  const probe = new PieceCache();
  probe.parse(text);
  const parse: number[] = [];
  const whole: number[] = [];
  let t = text;
  for (const at of editPositions(text, edits)) {
    t = t.slice(0, at) + 'x' + t.slice(at);
    parse.push(cpuMs(() => probe.parse(t)));
    whole.push(cpuMs(() => lintText(t, { schema, pieces })));
  }
  return { parse: median(parse), rest: median(whole) - median(parse) };
}

/** CPU profile of the incremental loop (inspector, in this process), summarised. */
async function profileIncremental(text: string, edits: number): Promise<ProfileSummary> {
  const schema = builtinSchema();
  const pieces = new PieceCache();
  lintText(text, { schema, pieces });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  let t = text;
  for (const at of editPositions(text, edits)) {
    t = t.slice(0, at) + 'x' + t.slice(at);
    lintText(t, { schema, pieces });
  }
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const dir = mkdtempSync(join(tmpdir(), 'runbook-lint-incremental-'));
  try {
    const file = join(dir, 'incremental.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    return summariseProfile(file, 12);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every real plan in turn (front matter dropped) until `bytes`, as one runbook: real structure at a size no single plan has. */
function largeRunbook(plans: ReturnType<typeof planFiles>, bytes: number): string {
  let text = '---\nrunbook: true\n---\n';
  for (;;) {
    for (const plan of plans) {
      text += plan.text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '') + '\n\n';
      if (text.length >= bytes) return text;
    }
  }
}

async function measureLarge(plans: ReturnType<typeof planFiles>, edits: number): Promise<LargeResult> {
  const text = largeRunbook(plans, LARGE_BYTES);
  const firstLintMs = cpuMs(() => lintText(text, { schema: builtinSchema() }));
  const p = new PieceCache();
  p.parse(text);
  const server = await measureServer(text, edits, 'untitled:large-runbook.md');
  return { bytes: text.length, pieces: p.size, edits, incremental: server.incremental, full: server.full, firstLintMs };
}

export async function measureIncremental(options: { quick?: boolean; log?: (line: string) => void } = {}): Promise<IncrementalResult> {
  const log = options.log ?? (() => {});
  const edits = options.quick ? 8 : 30;
  const plans = planFiles();
  const largest = plans.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  // A runbook to the server: front matter that marks it as one (the plan itself has none).
  const text = '---\nrunbook: true\n---\n' + largest.text;
  const firstLintMs = cpuMs(() => lintText(text, { schema: builtinSchema() }));
  const pieceCount = (() => {
    const p = new PieceCache();
    p.parse(text);
    return p.size;
  })();
  log(`incremental: ${largest.name} (${(largest.bytes / 1024).toFixed(0)} KB, ${pieceCount} pieces), ${edits} one-character edits through the language server`);
  const server = await measureServer(text, edits);
  log(`incremental: ${server.incremental.median.toFixed(1)} ms vs full ${server.full.median.toFixed(1)} ms (${(server.incremental.median / server.full.median).toFixed(3)}×)`);
  const stages = measureStages(text, Math.min(edits, 15));
  log('incremental: ms per KB over the real-world plans');
  const perKb = await measurePerKb(options.quick ? 1 : 3);
  const ratio = server.incremental.median / server.full.median;
  const profile = ratio > INCREMENTAL_LIMIT ? await profileIncremental(text, edits) : undefined;
  log(`incremental: a ${(LARGE_BYTES / 1e6).toFixed(0)} MB runbook of all real plans, ${options.quick ? 4 : 8} edits`);
  const large = await measureLarge(plans, options.quick ? 4 : 8);
  return { plan: largest.name, bytes: largest.bytes, pieces: pieceCount, edits, ...server, firstLintMs, stages, perKb, ...(profile ? { profile } : {}), large };
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

export function incrementalTarget(r: IncrementalResult): { id: string; measured: string; pass: boolean } {
  const ratio = r.incremental.median / r.full.median;
  return {
    id: `one-character edit re-lint ≤ ${INCREMENTAL_LIMIT} × full lint (${r.plan}, language server)`,
    measured: `${f1(r.incremental.median)} ms vs ${f1(r.full.median)} ms = ${f2(ratio)}×`,
    pass: ratio <= INCREMENTAL_LIMIT,
  };
}

function largeLines(l: LargeResult): string[] {
  const ratio = l.incremental.median / l.full.median;
  return [
    '',
    `**A 1 MB runbook** (${(l.bytes / 1e6).toFixed(2)} MB: every real plan in turn as one document, ${l.pieces} pieces): ${l.edits} one-character edits, measured the same way.`,
    '',
    '| | median | min | max |',
    '|---|---:|---:|---:|',
    `| incremental re-lint | ${f1(l.incremental.median)} ms | ${f1(l.incremental.min)} ms | ${f1(l.incremental.max)} ms |`,
    `| full lint of the same text | ${f1(l.full.median)} ms | ${f1(l.full.min)} ms | ${f1(l.full.max)} ms |`,
    `| ratio | ${f2(ratio)}× | | |`,
    '',
    `- First lint in a fresh process: ${f1(l.firstLintMs)} ms. The server lints after typing pauses (200 ms, or 3× the document's last lint time, at most 5 s), so while typing in this runbook it is busy about ${f1(l.incremental.median)} ms per pause, not per keystroke; completion and hover use the last result and do not lint (src/server/linting.ts).`,
  ];
}

export function renderIncremental(r: IncrementalResult): string {
  const ratio = r.incremental.median / r.full.median;
  const target = incrementalTarget(r);
  const k = r.perKb;
  const mdit = (v: number | undefined) => (v === undefined ? '–' : f2(v));
  const lines = [
    '## Editor: incremental re-lint and cost per KB of real plans',
    '',
    `Largest real-world plan: \`${r.plan}\` (${(r.bytes / 1024).toFixed(0)} KB, cut into ${r.pieces} pieces for editing). ${r.edits} one-character edits typed one after the other at spread positions, each re-linted through the language server's lint path (\`Linting.lint\`: settings, detection, \`DocumentLintCache\`, diagnostics), and the same texts linted from scratch by a second server in alternating blocks of 4. CPU time, medians.`,
    '',
    '| | median | min | max |',
    '|---|---:|---:|---:|',
    `| incremental re-lint (cache of the previous version) | ${f1(r.incremental.median)} ms | ${f1(r.incremental.min)} ms | ${f1(r.incremental.max)} ms |`,
    `| full lint of the same text (what each keystroke cost before) | ${f1(r.full.median)} ms | ${f1(r.full.min)} ms | ${f1(r.full.max)} ms |`,
    `| **ratio** | **${f2(ratio)}×** (target ≤ ${INCREMENTAL_LIMIT}×: ${target.pass ? 'PASS' : 'MISS'}) | | |`,
    '',
    `- Pieces parsed again per edit: ${r.parsedPieces} (median); reused or moved: ${r.keptPieces}. The incremental lint spends ${f1(r.stages.parse)} ms in the parse (cut scan, the edited piece, copies of the moved pieces) and ${f1(r.stages.rest)} ms in the model, the rules and lintText's guards, which run over the whole document on every edit.`,
    `- The first lint of this plan in a fresh process (nothing compiled or memoized yet) takes ${f1(r.firstLintMs)} ms; the full lints above run in a warm process, as in a running server.`,
    ...(r.large ? largeLines(r.large) : []),
    '',
    `Parse and lint per KB over the ${k.plans} real-world plans (\`test/real-world/plans\`, ${(k.bytes / 1024).toFixed(0)} KB; medians of the rounds, total time / total size; each lint with empty memos), next to markdown-it's parse of the same files:`,
    '',
    '| | parse ms/KB | lint ms/KB | markdown-it parse ms/KB |',
    '|---|---:|---:|---:|',
    `| all plans | ${f2(k.parse)} | ${f2(k.lint)} | ${mdit(k.markdownIt)} |`,
    `| largest: ${k.largest.plan} (${(k.largest.bytes / 1024).toFixed(0)} KB) | ${f2(k.largest.parse)} | ${f2(k.largest.lint)} | ${mdit(k.largest.markdownIt)} |`,
    `| highest parse cost: ${k.worst.plan} (${(k.worst.bytes / 1024).toFixed(0)} KB) | ${f2(k.worst.parse)} | | ${mdit(k.worst.markdownIt)} |`,
    '',
    k.markdownItError
      ? `markdown-it: ${k.markdownItError}.`
      : `markdown-it builds a flat token list without positions per inline node; micromark (our parser) builds a full syntax tree with positions for every node, which the source map and the rules need. The incremental path is how the editor gets under the parser's floor: it parses only the edited piece.`,
  ];
  if (r.profile) {
    lines.push('', `### Why the target is missed: CPU profile of the incremental loop (${r.edits} edits, self time)`, '', '| function | where | self ms | share |', '|---|---|---:|---:|');
    for (const row of r.profile.top) lines.push(`| ${row.name.replace(/\|/g, '\\|')} | ${row.where} | ${f1(row.selfMs)} | ${(row.share * 100).toFixed(1)} % |`);
    lines.push('', 'By area: ' + r.profile.byArea.slice(0, 8).map((a) => `${a.name} ${(a.share * 100).toFixed(0)} %`).join(', ') + '.');
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  measureIncremental({ quick, log: (line) => process.stderr.write(`[incremental] ${line}\n`) })
    .then((r) => process.stdout.write(process.argv.includes('--json') ? JSON.stringify(r) : renderIncremental(r)))
    .catch((error: unknown) => {
      process.stderr.write(`incremental bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exit(1);
    });
}
