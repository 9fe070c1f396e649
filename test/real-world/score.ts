/**
 * Scores runbook-lint against the real-world plan corpus (test/real-world/plans, format in
 * /work/coord/REAL-WORLD-FORMAT.md): section recall against the hand-written expectations, section
 * false positives, and per-rule precision (plus finding recall, for information).
 *
 * Written against the document model loosely (sections may gain a recognition reason, sibling
 * headings may merge, subsections belong to their section), so a model change does not break it.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, type LintResult } from '../../src/core/lint.js';
import { resolveRuleConfigs } from '../../src/core/config.js';
import { builtinRules } from '../../src/core/rules/index.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';

/** The 13 section ids of the default schema, in its recommended order. */
export const SECTION_IDS = [
  'purpose-scope', 'activation-criteria', 'roles', 'escalation-contacts', 'backup-channels', 'vendor-assistance',
  'recovery-procedures', 'recovery-objectives', 'communication-plan', 'testing-maintenance', 'dependencies',
  'reconstitution', 'revision-history',
] as const;

/** "Today" for date rules: fixed, so the score does not drift with the calendar. */
export const SCORE_NOW = new Date('2026-12-01T12:00:00Z');

export interface ExpectedFinding {
  line?: number;
  lines?: [number, number];
  why: string;
}

export interface Expectation {
  title: string;
  kind: string;
  source: { repo: string; path: string; commit: string; url: string };
  licence: string;
  licenceEvidence: string;
  sections: Record<string, string[]>;
  findings: Record<string, ExpectedFinding[]>;
  /**
   * The rules whose findings the writer judged exhaustively for this plan. Absent: every rule. A tool
   * finding of a rule outside the list is neither true nor false: it is counted as unjudged, not scored.
   */
  judged?: string[];
  notes?: string;
}

export interface PlanFile {
  slug: string;
  planPath: string;
  expectPath: string;
}

export interface ToolFinding {
  plan: string;
  rule: string;
  line: number;
  message: string;
  matched: boolean;
}

export interface RuleTally {
  /** Tool findings of this rule. */
  reported: number;
  /** Of which fall on an expected finding. */
  matched: number;
  /** Expected findings (entries) of this rule. */
  expected: number;
  /** Expected findings that at least one tool finding hit. */
  found: number;
}

export interface PlanScore {
  slug: string;
  /** Present (id, heading) pairs in the expectation. */
  pairs: number;
  /** Of which the tool recognised as that id. */
  recognisedPairs: number;
  recall: number;
  missedPairs: Array<{ id: string; heading: string; toolId?: string }>;
  /** Headings the tool gave an id that the expectation says is absent. */
  falsePositives: Array<{ id: string; heading: string; line: number }>;
  rules: Record<string, RuleTally>;
  findings: ToolFinding[];
  /** Tool findings of rules the expectation does not judge (see Expectation.judged). */
  unjudged: ToolFinding[];
  /** Set when the plan could not be linted (a fatal finding). */
  error?: string;
}

export interface CorpusScore {
  plans: PlanScore[];
  pairs: number;
  recognisedPairs: number;
  recall: number;
  sectionFalsePositives: number;
  rules: Record<string, RuleTally & { precision: number; findingRecall: number }>;
}

export const defaultPlansDir = (): string => join(process.cwd(), 'test', 'real-world', 'plans');

/** Every `<slug>.md` with its `<slug>.expect.json`, sorted by slug. */
export function listPlans(dir: string = defaultPlansDir()): PlanFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.expect.json'))
    .map((name) => {
      const slug = name.slice(0, -'.expect.json'.length);
      return { slug, planPath: join(dir, `${slug}.md`), expectPath: join(dir, name) };
    })
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

export function readExpectation(file: PlanFile): Expectation {
  return JSON.parse(readFileSync(file.expectPath, 'utf8')) as Expectation;
}

/** Heading text as the tool and the expectation may write it: whitespace collapsed, trimmed. */
export function headingKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The texts an expectation may use for a heading: its plain text (markup removed, entities decoded)
 * or its source "as written" without the ATX #s (e.g. `**Purpose**`, `Coordination &amp; Sharing`).
 */
export function headingKeys(plain: string, source: string): Set<string> {
  const raw = source.replace(/^[ \t]*#{1,6}(?:[ \t]+|$)/, '').replace(/[ \t]+#+[ \t]*$/, '');
  return new Set([headingKey(plain), headingKey(raw)]);
}

/** Loose view of a tool section: only what scoring needs, whatever else the model grows. */
interface ToolSection {
  id: string;
  heading: string;
  known?: boolean;
  headingRange: { start: { line: number; offset: number }; end: { offset: number } };
  parent?: ToolSection;
}

function keysOf(section: ToolSection, text: string): Set<string> {
  return headingKeys(section.heading, text.slice(section.headingRange.start.offset, section.headingRange.end.offset));
}

const sectionIdSet = new Set<string>(SECTION_IDS);

/** The schema id the tool gave this heading itself, if any. */
function ownId(section: ToolSection): string | undefined {
  const known = section.known ?? sectionIdSet.has(section.id);
  return known && sectionIdSet.has(section.id) ? section.id : undefined;
}

/** Own id, else the nearest recognised ancestor's (a recognised section owns its subsections). */
function effectiveId(section: ToolSection): string | undefined {
  for (let s: ToolSection | undefined = section; s; s = s.parent) {
    const id = ownId(s);
    if (id) return id;
  }
  return undefined;
}

function lintPlan(text: string): LintResult {
  return lintText(text, { schema: builtinSchema(), ruleConfigs: resolveRuleConfigs(builtinRules, {}), now: SCORE_NOW });
}

function onEntry(line: number, entry: ExpectedFinding): boolean {
  if (entry.lines) return line >= entry.lines[0] && line <= entry.lines[1];
  return entry.line === line;
}

/** A section-order finding is true when its heading's expected id takes part in an inversion of schema order. */
function misplacedLines(expectation: Expectation, sections: ToolSection[], text: string): Set<number> {
  const expectedIdByHeading = new Map<string, string>();
  for (const [id, headings] of Object.entries(expectation.sections)) for (const h of headings) expectedIdByHeading.set(headingKey(h), id);
  const sequence: Array<{ line: number; rank: number }> = [];
  for (const s of sections) {
    let id: string | undefined;
    for (const key of keysOf(s, text)) id ??= expectedIdByHeading.get(key);
    if (id) sequence.push({ line: s.headingRange.start.line, rank: SECTION_IDS.indexOf(id as (typeof SECTION_IDS)[number]) });
  }
  const lines = new Set<number>();
  for (let i = 0; i < sequence.length; i++) {
    for (let j = i + 1; j < sequence.length; j++) {
      if (sequence[j]!.rank < sequence[i]!.rank) {
        lines.add(sequence[i]!.line);
        lines.add(sequence[j]!.line);
      }
    }
  }
  return lines;
}

function tally(rules: Record<string, RuleTally>, rule: string): RuleTally {
  return (rules[rule] ??= { reported: 0, matched: 0, expected: 0, found: 0 });
}

export function scorePlan(file: PlanFile, expectation: Expectation = readExpectation(file)): PlanScore {
  const text = readFileSync(file.planPath, 'utf8').replace(/^\uFEFF/, '');
  const result = lintPlan(text);
  const score: PlanScore = { slug: file.slug, pairs: 0, recognisedPairs: 0, recall: 1, missedPairs: [], falsePositives: [], rules: {}, findings: [], unjudged: [] };
  const fatal = result.findings.find((f) => f.ruleId === 'fatal');
  if (!result.doc || fatal) score.error = fatal?.message ?? 'no document';
  const sections = (result.doc?.sections ?? []) as unknown as ToolSection[];

  // Section recall: every present (id, heading) pair; a heading text that occurs twice counts each time.
  for (const [id, headings] of Object.entries(expectation.sections)) {
    for (const heading of headings) {
      const matches = sections.filter((s) => keysOf(s, text).has(headingKey(heading)));
      if (matches.length === 0) {
        score.pairs++;
        score.missedPairs.push({ id, heading, toolId: '(heading not found)' });
        continue;
      }
      for (const s of matches) {
        score.pairs++;
        const toolId = effectiveId(s);
        if (toolId === id) score.recognisedPairs++;
        else score.missedPairs.push({ id, heading, ...(toolId ? { toolId } : {}) });
      }
    }
  }
  score.recall = score.pairs === 0 ? 1 : score.recognisedPairs / score.pairs;

  const absent = new Set(Object.entries(expectation.sections).filter(([, h]) => h.length === 0).map(([id]) => id));
  for (const s of sections) {
    const id = ownId(s);
    if (id && absent.has(id)) score.falsePositives.push({ id, heading: s.heading, line: s.headingRange.start.line });
  }

  // Findings: a tool finding is true when it lands on an expected entry of its rule.
  const expectedFindings = expectation.findings ?? {};
  const hit = new Map<ExpectedFinding, boolean>();
  const misplaced = misplacedLines(expectation, sections, result.doc?.text ?? text);
  // required-section and section-order are judged from the sections, so always scored.
  const judged = expectation.judged ? new Set([...expectation.judged, 'required-section', 'section-order']) : undefined;
  for (const f of result.findings) {
    const line = f.range.start.line;
    if (judged && !judged.has(f.ruleId)) {
      score.unjudged.push({ plan: file.slug, rule: f.ruleId, line, message: f.message, matched: false });
      continue;
    }
    let matched: boolean;
    if (f.ruleId === 'required-section') {
      const id = typeof f.data?.sectionId === 'string' ? f.data.sectionId : undefined;
      matched = id !== undefined && absent.has(id);
    } else if (f.ruleId === 'section-order') {
      matched = misplaced.has(line);
    } else {
      matched = false;
      for (const entry of expectedFindings[f.ruleId] ?? []) {
        if (onEntry(line, entry)) {
          matched = true;
          hit.set(entry, true);
        }
      }
    }
    const t = tally(score.rules, f.ruleId);
    t.reported++;
    if (matched) t.matched++;
    score.findings.push({ plan: file.slug, rule: f.ruleId, line, message: f.message, matched });
  }
  for (const [rule, entries] of Object.entries(expectedFindings)) {
    const t = tally(score.rules, rule);
    t.expected += entries.length;
    t.found += entries.filter((e) => hit.get(e)).length;
  }
  // required-section's expectations are the absent sections.
  const req = tally(score.rules, 'required-section');
  req.expected += absent.size;
  const reportedIds = new Set(result.findings.filter((f) => f.ruleId === 'required-section').map((f) => f.data?.sectionId));
  req.found += [...absent].filter((id) => reportedIds.has(id)).length;
  return score;
}

export function scoreCorpus(dir: string = defaultPlansDir()): CorpusScore {
  const plans = listPlans(dir).map((file) => scorePlan(file));
  const rules: CorpusScore['rules'] = {};
  let pairs = 0;
  let recognisedPairs = 0;
  let sectionFalsePositives = 0;
  for (const plan of plans) {
    pairs += plan.pairs;
    recognisedPairs += plan.recognisedPairs;
    sectionFalsePositives += plan.falsePositives.length;
    for (const [rule, t] of Object.entries(plan.rules)) {
      const total = (rules[rule] ??= { reported: 0, matched: 0, expected: 0, found: 0, precision: 1, findingRecall: 1 });
      total.reported += t.reported;
      total.matched += t.matched;
      total.expected += t.expected;
      total.found += t.found;
    }
  }
  for (const t of Object.values(rules)) {
    t.precision = t.reported === 0 ? 1 : t.matched / t.reported;
    t.findingRecall = t.expected === 0 ? 1 : t.found / t.expected;
  }
  return { plans, pairs, recognisedPairs, recall: pairs === 0 ? 1 : recognisedPairs / pairs, sectionFalsePositives, rules };
}
