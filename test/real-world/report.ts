/**
 * Prints the real-world corpus score as Markdown: `node out/test/real-world/report.js [plansDir]`.
 * Lists every tool finding that no expectation supports, so developers can judge each one.
 */
import { scoreCorpus, type CorpusScore } from './score.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

export function formatReport(score: CorpusScore): string {
  const out: string[] = [];
  out.push('# Real-world corpus score', '');
  out.push(`Plans: ${score.plans.length} · section recall ${pct(score.recall)} (${score.recognisedPairs}/${score.pairs}) · section false positives ${score.sectionFalsePositives}`, '');
  out.push('## Per plan', '', '| Plan | Recall | Pairs | False-positive sections | Tool findings | Unmatched |', '| --- | --- | --- | --- | --- | --- |');
  for (const p of score.plans) {
    const unmatched = p.findings.filter((f) => !f.matched).length;
    out.push(`| ${p.slug}${p.error ? ' (error)' : ''} | ${pct(p.recall)} | ${p.recognisedPairs}/${p.pairs} | ${p.falsePositives.map((f) => `${f.id}@${f.line}`).join(', ') || '–'} | ${p.findings.length} | ${unmatched} |`);
  }
  out.push('', '## Per rule', '', '| Rule | Precision | Matched / reported | Finding recall | Found / expected |', '| --- | --- | --- | --- | --- |');
  for (const [rule, t] of Object.entries(score.rules).sort(([a], [b]) => a.localeCompare(b))) {
    out.push(`| ${rule} | ${t.reported ? pct(t.precision) : '–'} | ${t.matched}/${t.reported} | ${t.expected ? pct(t.findingRecall) : '–'} | ${t.found}/${t.expected} |`);
  }
  out.push('', '## Missed sections', '');
  for (const p of score.plans) for (const m of p.missedPairs) out.push(`- ${p.slug}: "${m.heading}" expected ${m.id}, tool ${m.toolId ?? 'none'}`);
  out.push('', '## Unmatched tool findings', '');
  for (const p of score.plans) for (const f of p.findings) if (!f.matched) out.push(`- ${f.plan}:${f.line} ${f.rule} ${f.message.replace(/\s+/g, ' ')}`);
  const unjudged = score.plans.flatMap((p) => p.unjudged);
  out.push('', `## Unjudged tool findings (${unjudged.length}: rules a plan's expectation does not judge)`, '');
  for (const f of unjudged) out.push(`- ${f.plan}:${f.line} ${f.rule} ${f.message.replace(/\s+/g, ' ')}`);
  return out.join('\n') + '\n';
}

if (process.argv[1] && /report\.js$/.test(process.argv[1])) {
  process.stdout.write(formatReport(scoreCorpus(process.argv[2])));
}
