/**
 * In-process measurements, run in a fresh child process by bench/run.ts (`node --expose-gc
 * out/bench/inprocess.js <corpus> <examples-dir>`); prints one JSON object (InProcessResult).
 *
 *   a  bare parse: unified + remark-parse + remark-gfm + remark-frontmatter
 *   b  our parse: parseMarkdown (front matter, tables, task lists only)
 *   c  full lint, cold: compile the schema (fresh, not from the compile cache) + lintText every file
 *   stages: where the time of c goes (parse, model, validate, each rule, disable filter)
 *   30 KB: one ~30 KB runbook re-linted warm (schema compiled) vs its parse, as the editor does per keystroke
 *
 * One thread. Rounds are interleaved (a, b, c in rotating order) so drifting machine load hits
 * all three alike; a full GC runs before each corpus-sized timed block when --expose-gc is on
 * (not between the single-file samples of the 30 KB case: an editor does not force GCs).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { builtinRules } from '../src/core/rules/index.js';
import { buildDocument } from '../src/core/model.js';
import { compileSchema, type CompiledSchema } from '../src/core/schema.js';
import { filterDisabled } from '../src/core/disable.js';
import { lintText, sortFindings } from '../src/core/lint.js';
import { parseMarkdown } from '../src/core/parse.js';
import { resolveRuleConfigs } from '../src/core/config.js';
import type { Finding } from '../src/core/types.js';
import { builtinSchemaJson } from '../src/core/builtin-schema.js';
import { validateModel } from '../src/core/validate.js';
import { reportMessage, type RuleContext } from '../src/core/rule.js';
import { loadCorpus, type CorpusFile } from './lib/corpus.js';
import { median, sample, type Sample } from './lib/stats.js';

export interface Timing {
  wall: Sample;
  /** Process CPU time (user + system, all threads: includes V8's helper GC threads). */
  cpu: Sample;
}

export interface ThirtyKb {
  label: string;
  source: string;
  bytes: number;
  findings: number;
  parse: Timing;
  lint: Timing;
  /** Median ms per stage for this file. */
  stages: Record<string, number>;
}

export interface InProcessResult {
  files: number;
  bytes: number;
  rounds: number;
  /** First schema compile in a fresh process (ajv code generation + our schema info). */
  firstCompileMs: number;
  /** Compile of the same schema later in the process (what c pays each round). */
  compile: Sample;
  a: Timing;
  b: Timing;
  c: Timing;
  findings: { total: number; fatal: number; byRule: Record<string, number> };
  /** Median ms per stage over the whole corpus (sum ≈ c minus compile and lintText's own guards). */
  stages: Record<string, number>;
  thirtyKb: ThirtyKb[];
  maxRssBytes: number;
}

/** Timed samples per 30 KB file (each one parse or one lintText call). */
export const RELINT_SAMPLES = 21;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const fullRemark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

function measure(fn: () => void, collect: boolean): { wall: number; cpu: number } {
  if (collect) gc();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

let compileRound = 0;
/** A fresh compile of the built-in schema: a unique (empty) extra schema changes the cache key, nothing else. */
function freshSchema(): CompiledSchema {
  compileRound++;
  return compileSchema(builtinSchemaJson, { extraSchemas: [{ uri: `urn:runbook-lint-bench:${process.pid}:${compileRound}`, schema: { $id: `urn:runbook-lint-bench:${process.pid}:${compileRound}` } }] });
}

function timing(walls: number[], cpus: number[]): Timing {
  return { wall: sample(walls), cpu: sample(cpus) };
}

/** Run `tasks` interleaved for `rounds` rounds (after `warmup` untimed rounds); rotate the order each round. */
function interleave(tasks: Record<string, () => void>, warmup: number, rounds: number, collect = true): Record<string, Timing> {
  const names = Object.keys(tasks);
  for (let r = 0; r < warmup; r++) for (const name of names) tasks[name]!();
  const walls: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const cpus: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length]!;
      const m = measure(tasks[name]!, collect);
      walls[name]!.push(m.wall);
      cpus[name]!.push(m.cpu);
    }
  }
  return Object.fromEntries(names.map((n) => [n, timing(walls[n]!, cpus[n]!)]));
}

/** The lintText pipeline stage by stage (same calls, same order), timing each stage and each rule. */
function stagesOf(texts: string[], schema: CompiledSchema, now: Date, into: Map<string, number>): void {
  const configs = resolveRuleConfigs(builtinRules);
  const add = (key: string, ms: number): void => {
    into.set(key, (into.get(key) ?? 0) + ms);
  };
  for (const input of texts) {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    let t = performance.now();
    const root = parseMarkdown(text);
    let t2 = performance.now();
    add('parse', t2 - t);
    t = t2;
    const doc = buildDocument(text, root, schema.info);
    t2 = performance.now();
    add('model', t2 - t);
    if (doc.frontmatter?.error) continue;
    t = t2;
    const schemaErrors = validateModel(doc, schema);
    t2 = performance.now();
    add('validate', t2 - t);
    const findings: Finding[] = [];
    for (const rule of builtinRules) {
      const config = configs.get(rule.meta.id);
      if (!config || config.severity === 'off') continue;
      const context: RuleContext = {
        doc,
        schema,
        schemaErrors,
        options: config.options,
        now,
        scanText: (scanner, scanned) => scanner.scan(scanned),
        report: (r) => {
          findings.push({ ruleId: rule.meta.id, severity: r.severity ?? 'error', message: reportMessage(rule.meta, r), range: r.range, ...(r.fix ? { fix: r.fix } : {}) });
        },
      };
      t = performance.now();
      try {
        rule.check(context);
      } catch {
        // counted by lintText as a fatal finding; here we only time it
      }
      t2 = performance.now();
      add(`rule:${rule.meta.id}`, t2 - t);
    }
    t = performance.now();
    sortFindings(filterDisabled(doc, findings));
    add('disable+sort', performance.now() - t);
  }
}

function stageMedians(texts: string[], schema: CompiledSchema, now: Date, rounds: number, collect: boolean): Record<string, number> {
  const runs: Array<Map<string, number>> = [];
  stagesOf(texts.slice(0, Math.max(1, texts.length >> 2)), schema, now, new Map()); // warm-up
  for (let r = 0; r < rounds; r++) {
    const m = new Map<string, number>();
    if (collect) gc();
    stagesOf(texts, schema, now, m);
    runs.push(m);
  }
  const keys = [...runs[0]!.keys()];
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((m) => m.get(k) ?? 0))]));
}

/** The payments example, its sections appended again (cyclically) until the text is ≥ 30 KB. */
function syntheticThirtyKb(example: string): string {
  const firstSection = example.indexOf('\n## ');
  const sections = example.slice(firstSection + 1).split(/\n(?=## )/);
  let text = example.trimEnd() + '\n';
  for (let i = 0; Buffer.byteLength(text) < 30 * 1024; i++) text += '\n' + sections[i % sections.length]!.trimEnd() + '\n';
  return text;
}

function thirtyKb(label: string, source: string, text: string, schema: CompiledSchema, now: Date): ThirtyKb {
  const configs = resolveRuleConfigs(builtinRules);
  const options = { schema, ruleConfigs: configs, now };
  const findings = lintText(text, options).findings.length;
  // Each timed sample is one call; many samples, interleaved parse/lint/parse/lint. No forced GC
  // between samples: an editor re-lints on a heap that collects as it goes.
  const t = interleave({ parse: () => void parseMarkdown(text), lint: () => void lintText(text, options) }, 10, RELINT_SAMPLES, false);
  return { label, source, bytes: Buffer.byteLength(text), findings, parse: t.parse!, lint: t.lint!, stages: stageMedians([text], schema, now, RELINT_SAMPLES, false) };
}

function main(): void {
  const [corpusDir, examplesDir] = process.argv.slice(2);
  if (!corpusDir || !examplesDir) throw new Error('usage: inprocess.js <corpus-dir> <examples-dir>');
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const corpus: CorpusFile[] = loadCorpus(corpusDir);
  const texts = corpus.map((f) => f.text);
  const now = new Date();

  let t0 = performance.now();
  const firstSchema = freshSchema();
  const firstCompileMs = performance.now() - t0;

  const findings = { total: 0, fatal: 0, byRule: {} as Record<string, number> };
  for (const text of texts) {
    for (const f of lintText(text, { schema: firstSchema, now }).findings) {
      findings.total++;
      if (f.ruleId === 'fatal') findings.fatal++;
      findings.byRule[f.ruleId] = (findings.byRule[f.ruleId] ?? 0) + 1;
    }
  }

  // Warm-up (JIT, ajv, caches) on a quarter of the corpus, then every timed round on all of it.
  const warm = texts.slice(0, texts.length >> 2);
  for (const text of warm) {
    fullRemark.parse(text);
    parseMarkdown(text);
    lintText(text, { schema: firstSchema, now });
  }
  const compileTimes: number[] = [];
  const main = interleave(
    {
      a: () => {
        for (const text of texts) fullRemark.parse(text);
      },
      b: () => {
        for (const text of texts) parseMarkdown(text);
      },
      c: () => {
        const start = performance.now();
        const schema = freshSchema();
        compileTimes.push(performance.now() - start);
        for (const text of texts) lintText(text, { schema, now });
      },
    },
    0,
    rounds,
  );
  const stages = stageMedians(texts, firstSchema, now, 3, true);

  // ~30 KB runbooks: the real corpus file closest to 30 KB, and the payments example grown to ≥ 30 KB.
  const target = 30 * 1024;
  const real = [...corpus].sort((x, y) => Math.abs(x.bytes - target) - Math.abs(y.bytes - target))[0]!;
  const example = readFileSync(join(examplesDir, 'payments-outage.md'), 'utf8');
  const thirty = [
    thirtyKb('corpus file', real.path.slice(corpusDir.length + 1), real.text, firstSchema, now),
    thirtyKb('runbook (example ×)', 'examples/payments-outage.md, sections repeated to ≥ 30 KB', syntheticThirtyKb(example), firstSchema, now),
  ];
  t0 = performance.now();

  const result: InProcessResult = {
    files: corpus.length,
    bytes: corpus.reduce((s, f) => s + f.bytes, 0),
    rounds,
    firstCompileMs,
    compile: sample(compileTimes.slice(-rounds)),
    a: main.a!,
    b: main.b!,
    c: main.c!,
    findings,
    stages,
    thirtyKb: thirty,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(JSON.stringify(result));
}

// Imported by report.ts for its types and constants: only measure when run as the entry point.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
