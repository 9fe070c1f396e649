import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { formatGithub } from '../../src/cli/formatters/github.js';
import { formatGitlab } from '../../src/cli/formatters/gitlab.js';
import type { FileResult } from '../../src/cli/types.js';
import { assertCleanError, cliFixtures, CLEAN, ERR, miniProject, parseJson, root, runCli, runCliInProcess, WARN } from './helpers.js';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;

/**
 * GitHub's documented syntax ("Workflow commands for GitHub Actions", Setting an error / warning
 * message): `::error file={name},line={line},endLine={endLine},title={title}::{message}`, with the
 * parameters title, file, col, endColumn, line and endLine. Values are escaped as @actions/core
 * does: data `%`→%25, CR→%0D, LF→%0A; property values also `:`→%3A and `,`→%2C.
 */
const COMMAND = /^::(error|warning|notice) ([^:]*)::(.*)$/;
const PARAMETERS = new Set(['title', 'file', 'col', 'endColumn', 'line', 'endLine']);
const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

interface Annotation {
  command: string;
  props: Record<string, string>;
  message: string;
}

function parseAnnotations(stdout: string): { annotations: Annotation[]; other: string[] } {
  const annotations: Annotation[] = [];
  const other: string[] = [];
  for (const line of stdout.split('\n').filter(Boolean)) {
    const m = COMMAND.exec(line);
    if (!m) {
      assert.ok(!line.startsWith('::'), `malformed workflow command: ${line}`);
      other.push(line);
      continue;
    }
    const props: Record<string, string> = {};
    for (const pair of m[2]!.split(',')) {
      const eq = pair.indexOf('=');
      assert.ok(eq > 0, `property without "=": ${pair}`);
      const key = pair.slice(0, eq);
      assert.ok(PARAMETERS.has(key), `undocumented parameter ${key}`);
      assert.ok(!/[\r\n]/.test(pair), 'no raw line break in a property');
      props[key] = unescapeProperty(pair.slice(eq + 1));
    }
    assert.ok(!/[\r\n]/.test(m[3]!));
    annotations.push({ command: m[1]!, props, message: unescapeData(m[3]!) });
  }
  return { annotations, other };
}

test('github: one documented workflow command per finding, matching the JSON report, paths relative to the workspace', async () => {
  const dir = miniProject({ 'runbooks/err.md': ERR, 'runbooks/warn.md': WARN, 'clean.md': CLEAN });
  const r = await runCliInProcess(['--format', 'github'], dir);
  assert.equal(r.code, 1, r.stderr);
  const json = parseJson(await runCliInProcess(['--format', 'json'], dir));
  const { annotations, other } = parseAnnotations(r.stdout);
  const expected = json.flatMap((f) => f.messages.map((m) => ({ f, m })));
  assert.equal(annotations.length, expected.length);
  annotations.forEach((a, i) => {
    const { f, m } = expected[i]!;
    assert.equal(a.command, m.severity === 2 ? 'error' : 'warning');
    assert.equal(join(dir, a.props.file!), f.filePath);
    assert.doesNotMatch(a.props.file!, /^(\.\/|\/)/);
    assert.deepEqual([a.props.line, a.props.col, a.props.endLine, a.props.endColumn].map(Number), [m.line, m.column, m.endLine, m.endColumn]);
    assert.equal(a.props.title, `runbook-lint(${m.ruleId})`);
    assert.equal(a.message, m.message);
  });
  const errors = expected.filter((x) => x.m.severity === 2).length;
  assert.deepEqual(other, [`runbook-lint: ${expected.length} problems (${errors} error${errors === 1 ? '' : 's'}, ${expected.length - errors} warning${expected.length - errors === 1 ? '' : 's'})`]);
  const clean = await runCliInProcess(['--format', 'github', 'clean.md'], dir);
  assert.equal(clean.code, 0);
  assert.equal(clean.stdout, '', 'nothing at all for a clean run');
});

test('github: %, CR and LF escaped in messages; also : and , in file and title', () => {
  const results: FileResult[] = [
    {
      filePath: '/repo/run,books/a:b%.md',
      errorCount: 1,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      messages: [
        { ruleId: 'schema', severity: 2, message: '100% wrong:\r\nsee a,b', line: 3, column: 2, endLine: 4, endColumn: 1 },
        { ruleId: 'x,y:z', severity: 1, message: '::error::not a command', line: 1, column: 1, endLine: 1, endColumn: 1 },
      ],
    },
  ];
  const out = formatGithub(results, { cwd: '/repo', color: false, version: '0' });
  const lines = out.split('\n');
  assert.equal(lines[0], '::error file=run%2Cbooks/a%3Ab%25.md,line=3,col=2,endLine=4,endColumn=1,title=runbook-lint(schema)::100%25 wrong:%0D%0Asee a,b');
  assert.equal(lines[1], '::warning file=run%2Cbooks/a%3Ab%25.md,line=1,col=1,endLine=1,endColumn=1,title=runbook-lint(x%2Cy%3Az)::::error::not a command');
  const { annotations } = parseAnnotations(out);
  assert.equal(annotations[0]!.message, '100% wrong:\r\nsee a,b');
  assert.equal(annotations[0]!.props.file, 'run,books/a:b%.md');
  assert.equal(annotations[1]!.props.title, 'runbook-lint(x,y:z)');
});

test('gitlab: valid against the documented Code Quality shape; severities mapped; paths relative to the project', async () => {
  const dir = miniProject({ 'runbooks/err.md': ERR, 'runbooks/warn.md': WARN, 'runbooks/bad.md': Buffer.from([0x23, 0x20, 0xff, 0x0a]) });
  const r = await runCliInProcess(['--format', 'gitlab'], dir);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as Issue[];
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(join(cliFixtures, 'gitlab-codequality.schema.json'), 'utf8')));
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  // The schema is not a rubber stamp.
  assert.equal(validate([{ ...report[0], severity: 'error' }]), false);
  assert.equal(validate([{ ...report[0], location: { path: './runbooks/err.md', lines: { begin: 1 } } }]), false);

  const json = parseJson(await runCliInProcess(['--format', 'json'], dir));
  const expected = json.flatMap((f) => f.messages.map((m) => ({ f, m })));
  assert.equal(report.length, expected.length);
  report.forEach((issue, i) => {
    const { f, m } = expected[i]!;
    assert.equal(issue.description, m.message);
    assert.equal(issue.check_name, m.ruleId);
    assert.equal(join(dir, issue.location.path), f.filePath);
    assert.equal(issue.location.lines.begin, m.line);
    assert.equal(issue.severity, m.ruleId === 'fatal' ? 'critical' : m.severity === 2 ? 'major' : 'minor');
  });
  assert.deepEqual([...new Set(report.map((x) => x.severity))].sort(), ['critical', 'major', 'minor']);
  assert.equal(new Set(report.map((x) => x.fingerprint)).size, report.length, 'unique fingerprints');
  assert.equal((await runCliInProcess(['--format', 'gitlab', 'runbooks/warn.md', '--quiet'], dir)).stdout, '[]\n', 'an empty report is an empty array');
});

test('gitlab: fingerprints are stable across runs and when lines above move, and unique for identical findings in one file', async () => {
  const dir = miniProject({ 'r.md': WARN });
  const first = JSON.parse((await runCliInProcess(['--format', 'gitlab'], dir)).stdout);
  assert.deepEqual(JSON.parse((await runCliInProcess(['--format', 'gitlab'], dir)).stdout), first, 'same report on a second run');
  // Move every finding down by inserting lines at the top: the lines change, the fingerprints do not.
  writeFileSync(join(dir, 'r.md'), WARN.replace('# Payments runbook\n', '# Payments runbook\n\nMoved down.\n'));
  const moved = JSON.parse((await runCliInProcess(['--format', 'gitlab'], dir)).stdout);
  assert.deepEqual(moved.map((x: { fingerprint: string }) => x.fingerprint), first.map((x: { fingerprint: string }) => x.fingerprint));
  assert.notDeepEqual(moved.map((x: { location: { lines: { begin: number } } }) => x.location.lines.begin), first.map((x: { location: { lines: { begin: number } } }) => x.location.lines.begin));

  // The same rule and message twice in one file (and once in another): three fingerprints.
  const twice = (filePath: string): FileResult => ({
    filePath,
    errorCount: 2,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    messages: [3, 9].map((line) => ({ ruleId: 'placeholder-text', severity: 2 as const, message: 'Placeholder "TBD"', line, column: 1, endLine: line, endColumn: 4 })),
  });
  const issues = JSON.parse(formatGitlab([twice('/p/a.md'), twice('/p/b.md')], { cwd: '/p', color: false, version: '0' }));
  assert.equal(new Set(issues.map((x: { fingerprint: string }) => x.fingerprint)).size, 4);
  const again = JSON.parse(formatGitlab([twice('/p/a.md'), twice('/p/b.md')], { cwd: '/p', color: false, version: '0' }));
  assert.deepEqual(again, issues);
});

test('--format ./formatter.js: ESM and CommonJS default exports get the results and the context', async () => {
  const dir = miniProject({
    'err.md': ERR,
    'esm.mjs': 'export default (results, context) => results.map((r) => `${r.filePath.slice(context.cwd.length + 1)} ${r.errorCount} ${r.messages.map((m) => m.ruleId).join(",")}`).join("\\n") + "\\n";\n',
    'cjs.cjs': 'module.exports = function (results, context) { return JSON.stringify({ files: results.length, cwd: context.cwd, color: context.color, version: typeof context.version }) + "\\n"; };\n',
    'async.mjs': 'export default async (results) => `files: ${results.length}\\n`;\n',
  });
  const esm = await runCliInProcess(['--format', './esm.mjs', 'err.md'], dir);
  assert.equal(esm.code, 1, esm.stderr);
  assert.equal(esm.stdout, 'err.md 1 required-section,required-section\n');
  const cjs = await runCliInProcess(['-f', 'cjs.cjs', 'err.md'], dir);
  assert.deepEqual(JSON.parse(cjs.stdout), { files: 1, cwd: dir, color: false, version: 'string' });
  assert.equal((await runCliInProcess(['--format=./async.mjs', 'err.md'], dir)).stdout, 'files: 1\n');
  const out = await runCliInProcess(['--format', './esm.mjs', '--output', 'report.txt', 'err.md'], dir);
  assert.equal(out.stdout, '');
  assert.equal(readFileSync(join(dir, 'report.txt'), 'utf8'), 'err.md 1 required-section,required-section\n');
});

test('--format ./formatter.js: a missing, broken, non-function, throwing or non-string formatter is a clean usage error', async () => {
  const dir = miniProject({
    'err.md': ERR,
    'syntax.mjs': 'export default (results => ;\n',
    'object.mjs': 'export default { format() { return ""; } };\n',
    'throws.mjs': 'export default () => { throw new Error("boom"); };\n',
    'number.mjs': 'export default () => 42;\n',
  });
  const cases: Array<[string, RegExp]> = [
    ['./missing.js', /Formatter module .*missing\.js \(--format \.\/missing\.js\) does not exist/],
    ['./syntax.mjs', /Cannot load formatter module .*syntax\.mjs: /],
    ['./object.mjs', /must export a function \(results, context\) => string/],
    ['./throws.mjs', /Formatter module .*throws\.mjs failed: boom/],
    ['./number.mjs', /returned number; it must return a string/],
  ];
  for (const [value, message] of cases) {
    const r = await runCliInProcess(['--format', value, 'err.md'], dir);
    assert.equal(r.code, 2, value);
    assert.equal(r.stdout, '');
    assertCleanError(r.stderr);
    assert.match(r.stderr, message);
  }
  const unknown = await runCliInProcess(['--format', 'nope', 'err.md'], dir);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown format "nope".*github, gitlab, or a path to a formatter module/);
});

test('the documented example formatter (examples/formatters/markdown-summary.js) works as shipped', async () => {
  const dir = miniProject({ 'runbooks/err.md': ERR, 'clean.md': CLEAN });
  const r = await runCliInProcess(['--format', join(root, 'examples', 'formatters', 'markdown-summary.js')], dir);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^### runbook-lint \S+: 2 file\(s\), 1 error\(s\), 1 warning\(s\)$/);
  assert.equal(lines[2], '| Where | Severity | Problem | Rule |');
  assert.match(lines[4]!, /^\| runbooks\/err\.md:1 \| error \| Missing required section "Contacts".* \| `required-section` \|$/);
  assert.equal(lines.length, 6);
  assert.match((await runCliInProcess(['--format', join(root, 'examples', 'formatters', 'markdown-summary.js'), 'clean.md'], dir)).stdout, /No problems found\.\n$/);
});
