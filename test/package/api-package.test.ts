/**
 * The public API as a consumer gets it: `import { createLinter } from 'runbook-lint'` from a
 * project that has the package in node_modules, resolved through package.json's `exports` map
 * (dist/api.js, built by `npm run build`), and type-checked against the shipped declarations
 * (dist/types, `npm run build:types`, which `prepack` runs for npm pack/publish; not `prepare`, so an
 * install from a clone, as pre-commit does, pays no type-check).
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/lint.js';
import { tempDir } from '../helpers/temp.js';
import { fullTierOnly } from '../helpers/tier.js';

/** A temp project whose node_modules/runbook-lint is this repository (as `npm link` makes it). */
function consumerProject(files: Record<string, string>): string {
  const dir = tempDir('runbook-lint-consumer-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repoRoot, join(dir, 'node_modules', 'runbook-lint'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const CONSUMER = `
import { createLinter, memoryHost, ResolveError, BUILTIN_SCHEMA_ID } from 'runbook-lint';

const files = {
  '/repo/.runbook-lint.json': JSON.stringify({ rules: { 'stale-review': 'off' } }),
  '/repo/runbooks/payments.md': '# Payments runbook\\n\\n## Purpose\\n\\nKeep payments running.\\n',
  '/bad/.runbook-lint.json': '{ "rules": { "no-such-rule": "error" } }',
};
const linter = createLinter({ host: memoryHost(files) });
const outcome = await linter.lint('/repo/runbooks/payments.md', files['/repo/runbooks/payments.md'], { now: new Date('2026-11-23') });
const fixed = await linter.fix('/repo/runbooks/payments.md', files['/repo/runbooks/payments.md']);
const settings = await linter.resolve('/repo/runbooks/payments.md');
const again = linter.lintText(files['/repo/runbooks/payments.md'], linter.prepare(settings.portable));
let problem;
try {
  await linter.lint('/bad/r.md', '# R\\n');
} catch (error) {
  problem = error instanceof ResolveError ? error.problems[0] : String(error);
}
console.log(JSON.stringify({
  builtin: BUILTIN_SCHEMA_ID,
  rules: outcome.findings.map((f) => f.ruleId),
  errors: outcome.errorCount,
  why: outcome.schemaWhy,
  fixedLonger: fixed.text.length > files['/repo/runbooks/payments.md'].length,
  sameFromPortable: JSON.stringify(again.findings.map((f) => f.message)) === JSON.stringify(outcome.findings.map((f) => f.message)),
  stale: settings.ruleConfigs.get('stale-review').severity,
  problem: problem && { file: problem.file, line: problem.line, message: problem.message },
  ruleCount: linter.rules.length,
}));
`;

test('a project imports createLinter from "runbook-lint" through the exports map and lints with it', () => {
  const dir = consumerProject({ 'consumer.mjs': CONSUMER });
  const run = spawnSync(process.execPath, ['consumer.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as Record<string, any>;
  assert.equal(out.builtin, 'runbook-lint:continuity');
  assert.ok(out.rules.includes('required-section'), `required-section among ${out.rules}`);
  assert.ok(!out.rules.includes('stale-review'), 'the config turned stale-review off');
  assert.ok(out.errors > 0);
  assert.match(out.why, /no "schema" key|\.runbook-lint\.json/);
  assert.equal(out.fixedLonger, true, 'fix inserted the missing sections');
  assert.equal(out.sameFromPortable, true, 'prepare(portable) lints as lint() does (no "now": stale-review is off)');
  assert.equal(out.stale, 'off');
  assert.equal(out.problem.file, '/bad/.runbook-lint.json');
  assert.equal(out.problem.line, 1);
  assert.match(out.problem.message, /no-such-rule/);
  assert.ok(out.ruleCount >= 14);
});

test('internals are not part of the package: deep imports are refused by the exports map', () => {
  const dir = consumerProject({ 'deep.mjs': "await import('runbook-lint/src/core/lint.js');\n" });
  const run = spawnSync(process.execPath, ['deep.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
});

test('the package exports only the documented public API (no lint internals)', async () => {
  const dir = consumerProject({ 'names.mjs': "console.log(JSON.stringify(Object.keys(await import('runbook-lint'))));\n" });
  const run = spawnSync(process.execPath, ['names.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const names = JSON.parse(run.stdout) as string[];
  assert.ok(names.includes('createLinter'));
  const docs = readFileSync(join(repoRoot, 'docs', 'api.md'), 'utf8');
  assert.deepEqual(names.filter((n) => !new RegExp(`\\b${n}\\b`).test(docs)), [], 'every export is documented in docs/api.md');
  // What src/core/index.ts used to export: the engine's internals stay behind createLinter.
  for (const internal of ['lintText', 'PieceCache', 'ConfigResolver', 'compileSchema', 'builtinRules', 'parseMarkdown', 'applyFixes']) assert.ok(!names.includes(internal), internal);
});

const TYPED_CONSUMER = `
import { createLinter, emptyHost, type Finding, type FileSettings, type Linter } from 'runbook-lint';

const linter: Linter = createLinter({ host: emptyHost, trusted: false });
export async function count(text: string): Promise<number> {
  const settings: FileSettings = await linter.resolve('/x/r.md');
  const findings: Finding[] = linter.lintText(text, linter.prepare(settings)).findings;
  const line: number = findings[0]?.range.start.line ?? 0;
  return findings.length + line + settings.schema.info.sections.length;
}
// The declarations are real types, not \`any\`: each misuse below must be an error.
// @ts-expect-error a path is a string
void linter.lint(42, '');
// @ts-expect-error there is no such option
createLinter({ host: emptyHost, colour: true });
// @ts-expect-error findings have no "rule" property (it is ruleId)
export const bad = (f: Finding) => f.rule;
`;

// Two tsc runs (~5 CPU-s): the full tier only; the inner loop type-checks the sources (run.mjs --typecheck).
const typesSkip = fullTierOnly('builds dist/types and type-checks a consumer with tsc');

test('the shipped declarations type-check a TypeScript consumer (types condition of the exports map)', { skip: typesSkip }, () => {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  // Incremental: fast when dist/types is current; the same command `prepack` runs before npm pack.
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.api.json'], { cwd: repoRoot, stdio: 'pipe' });
  const dir = consumerProject({
    'consumer.ts': TYPED_CONSUMER,
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['consumer.ts'] }),
  });
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, `tsc:\n${run.stdout}${run.stderr}`);
});
