import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile this summary reads. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  top: ProfileRow[];
  byArea: ProfileRow[];
}

/** Which part of the product a script URL belongs to. */
export function areaOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'V8 garbage collector';
  if (functionName === '(program)' || functionName === '(idle)' || functionName === '(root)') return 'V8 (program / idle)';
  if (/^RegExp:/.test(functionName) || (url === '' && /regexp/i.test(functionName))) return 'regular expressions (rules)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) {
    if (/^(micromark|mdast-util|unified|remark-|unist-|decode-named|character-entities|vfile|bail|trough|devlop|is-plain-obj|extend|ccount|escape-string|longest-streak|markdown-table|zwitch)/.test(pkg)) return 'Markdown parser (micromark / mdast)';
    if (pkg === 'ajv' || pkg === 'ajv-formats' || pkg === 'fast-deep-equal' || pkg === 'fast-uri' || pkg === 'json-schema-traverse') return 'ajv (schema validation)';
    if (pkg === 'yaml') return 'yaml (front matter)';
    return `other package (${pkg})`;
  }
  const core = /\/src\/core\/(.*)$/.exec(url)?.[1];
  if (core) {
    if (core.startsWith('rules/')) return `core rules (${core.replace(/^rules\//, '').replace(/\.js$/, '')})`;
    return `core (${core.replace(/\.js$/, '')})`;
  }
  if (url.startsWith('node:') || url === '') return 'Node.js internals / native';
  return 'other';
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '').replace(/.*\/out\//, '');
}

export function summariseProfile(path: string, topN = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const functions = new Map<string, ProfileRow>();
  const areas = new Map<string, ProfileRow>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    total += us;
    const name = functionName.startsWith('RegExp:') ? `RegExp /${functionName.slice(7, 70)}${functionName.length > 70 ? '…' : ''}/` : functionName || '(anonymous)';
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const row = functions.get(key) ?? { name, where, selfMs: 0, share: 0 };
    row.selfMs += us / 1000;
    functions.set(key, row);
    const area = areaOf(url, functionName);
    const a = areas.get(area) ?? { name: area, where: '', selfMs: 0, share: 0 };
    a.selfMs += us / 1000;
    areas.set(area, a);
  }
  const totalMs = total / 1000;
  const finish = (rows: ProfileRow[]): ProfileRow[] => rows.map((r) => ({ ...r, share: r.selfMs / totalMs })).sort((x, y) => y.selfMs - x.selfMs);
  return { totalMs, top: finish([...functions.values()]).slice(0, topN), byArea: finish([...areas.values()]) };
}
