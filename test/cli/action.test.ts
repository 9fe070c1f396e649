import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLEAN, ERR, miniProject, root } from './helpers.js';
import { tempDir } from '../helpers/temp.js';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as Action;

interface Context {
  inputs: Record<string, string>;
  github: Record<string, string>;
  runner: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
}

/** The value of one context path (`inputs.format`, `steps.install.outputs.bin`); anything else fails the test. */
function lookup(path: string, ctx: Context): string {
  const parts = path.split('.');
  let value: unknown = ctx;
  for (const p of parts) value = (value as Record<string, unknown> | undefined)?.[p];
  if (typeof value !== 'string') throw new Error(`action.yml uses ${path}, which this test does not know`);
  return value;
}

/** `${{ … }}` in a string: context paths only. */
function substitute(text: string, ctx: Context): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => lookup(path, ctx));
}

/** The few `if:` forms the action uses: terms joined by &&, each !cancelled(), always(), success() or a == / != comparison with a string literal. */
function condition(expr: string | undefined, ctx: Context): boolean {
  if (expr === undefined) return true;
  const inner = expr.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  return inner.split('&&').every((raw) => {
    const term = raw.trim();
    if (term === '!cancelled()' || term === 'always()' || term === 'success()') return true;
    const m = /^([\w.-]+)\s*(==|!=)\s*'([^']*)'$/.exec(term);
    if (!m) throw new Error(`action.yml condition "${term}" is not understood by this test`);
    return (lookup(m[1]!, ctx) === m[3]) === (m[2] === '==');
  });
}

interface StepRun {
  step: Step;
  ran: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the action's `run:` steps as the runner would (bash -eo pipefail, env from the step), in `workspace`. */
function runAction(workspace: string, overrides: Record<string, string> = {}): StepRun[] {
  // Without dist/ the install step would run `npm ci` in this checkout (as on a runner), replacing
  // the node_modules that the tests run from (and any checkout sharing it): build first instead.
  assert.ok(existsSync(join(root, 'dist', 'cli.js')), 'dist/cli.js is missing: run "npm run build" first (this test must not run npm ci in the repository)');
  const temp = tempDir('runbook-lint-action-');
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = spec.default ?? '';
  Object.assign(inputs, overrides);
  const ctx: Context = { inputs, github: { action_path: root, workspace }, runner: { temp }, steps: {} };
  const runs: StepRun[] = [];
  for (const step of action.runs.steps) {
    if (!condition(step.if, ctx) || step.run === undefined) {
      runs.push({ step, ran: condition(step.if, ctx), code: null, stdout: '', stderr: '' });
      continue;
    }
    assert.equal(step.shell, 'bash', `${step.name}: composite run steps need a shell`);
    const output = join(temp, `output-${runs.length}`);
    writeFileSync(output, '');
    const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, GITHUB_OUTPUT: output, GITHUB_WORKSPACE: workspace, GITHUB_ACTIONS: 'true', CI: 'true' };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(String(v), ctx);
    assert.doesNotMatch(step.run, /\$\{\{/, `${step.name}: inputs reach the script through env, not pasted into it`);
    const script = join(temp, `step-${runs.length}.sh`);
    writeFileSync(script, step.run);
    // GitHub runs `shell: bash` as: bash --noprofile --norc -eo pipefail {0}
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(output, 'utf8').split('\n')) {
      const eq = line.indexOf('=');
      if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (step.id) ctx.steps[step.id] = { outputs };
    runs.push({ step, ran: true, code: r.status, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) {
      // Later steps run only when their condition says so (!cancelled(), always()).
      for (const rest of action.runs.steps.slice(runs.length)) {
        const ran = rest.if !== undefined && /cancelled\(\)|always\(\)/.test(rest.if) && condition(rest.if, ctx);
        runs.push({ step: rest, ran, code: null, stdout: '', stderr: '' });
      }
      break;
    }
  }
  return runs;
}

const repo = () => miniProject({ 'runbooks/good.md': CLEAN, 'runbooks/bad.md': ERR, 'build/copy.md': ERR, '.gitignore': 'build/\n' });

test('action.yml: a composite action with documented inputs, Node set up with npm, SARIF upload only when asked', () => {
  assert.equal(action.runs.using, 'composite');
  assert.ok(action.name && action.description);
  assert.deepEqual(Object.keys(action.inputs).sort(), ['config', 'format', 'node-version', 'paths', 'sarif-file', 'version']);
  for (const [name, spec] of Object.entries(action.inputs)) assert.ok(spec.description.length > 20, `input ${name} is described`);
  assert.equal(action.inputs.format!.default, 'github');
  const uses = action.runs.steps.filter((s) => s.uses).map((s) => s.uses!.replace(/@.*$/, ''));
  assert.deepEqual(uses, ['actions/setup-node', 'github/codeql-action/upload-sarif']);
  const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
  assert.equal(upload.with!.sarif_file, '${{ inputs.sarif-file }}');
  const ctx = (format: string): Context => ({ inputs: { format }, github: {}, runner: {}, steps: {} });
  assert.equal(condition(upload.if, ctx('sarif')), true);
  assert.equal(condition(upload.if, ctx('github')), false);
});

test('action.yml with its defaults: github annotations for the runbooks git tracks, the step fails on errors', () => {
  const workspace = repo();
  const runs = runAction(workspace);
  const install = runs.find((r) => r.step.id === 'install')!;
  assert.equal(install.code, 0, install.stderr);
  assert.match(install.stdout, /^runbook-lint \d+\.\d+\.\d+/m);
  const lint = runs.find((r) => r.step.name === 'Lint runbooks')!;
  assert.equal(lint.code, 1, lint.stderr);
  const annotations = lint.stdout.split('\n').filter((l) => l.startsWith('::'));
  assert.ok(annotations.length >= 1);
  for (const a of annotations) assert.match(a, /^::(error|warning) file=runbooks\/bad\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=runbook-lint\([\w-]+\)::/);
  assert.ok(annotations.some((a) => a.includes('Missing required section "Contacts"')));
  assert.doesNotMatch(lint.stdout, /build\/copy\.md/, '.gitignore respected');
  assert.equal(runs.find((r) => r.step.uses?.includes('upload-sarif'))!.ran, false);
});

test('action.yml inputs: paths (with a glob and spaces), config, and format sarif writing the file the upload step reads', () => {
  const workspace = repo();
  const good = runAction(workspace, { paths: 'runbooks/good.md\n  runbooks/g*d.md ' });
  const lintGood = good.find((r) => r.step.name === 'Lint runbooks')!;
  assert.equal(lintGood.code, 0, lintGood.stdout + lintGood.stderr);
  assert.equal(lintGood.stdout, '');

  writeFileSync(join(workspace, 'strict.json'), JSON.stringify({ schema: './mini.schema.json', rules: { 'required-section': 'off' } }));
  const relaxed = runAction(workspace, { paths: 'runbooks', config: 'strict.json' });
  assert.doesNotMatch(relaxed.find((r) => r.step.name === 'Lint runbooks')!.stdout, /required-section/, '--config from the input');

  const sarif = runAction(workspace, { format: 'sarif' });
  const lint = sarif.find((r) => r.step.name === 'Lint runbooks')!;
  assert.equal(lint.code, 1, lint.stderr);
  const file = join(workspace, 'runbook-lint.sarif');
  assert.ok(existsSync(file), 'SARIF written where the upload step looks (inputs.sarif-file)');
  const log = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(log.version, '2.1.0');
  assert.ok(log.runs[0].results.every((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'runbooks/bad.md'));
  assert.equal(sarif.find((r) => r.step.uses?.includes('upload-sarif'))!.ran, true, 'uploaded even though the lint step failed');
});
