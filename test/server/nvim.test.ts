import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, root, runCli, tempProject } from '../cli/helpers.js';
import { exampleRunbook, withoutSections } from '../helpers/lsp.js';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNvim = !nvim.error && nvim.status === 0;
const built = existsSync(join(root, 'dist', 'server.js'));
const skip = !hasNvim ? 'nvim is not installed (apt-get install -y neovim; .ci/run installs it)' : !built ? 'dist/server.js not built (npm run build)' : false;

interface NvimSaw {
  error?: string;
  steps: string[];
  diagnostics_seen: boolean;
  diagnostics: Array<{ lnum: number; col: number; end_lnum: number; end_col: number; message: string; source: string; code: string }>;
  code_actions: string[];
  completion: string[];
  stopped: boolean;
  exit_code: number;
}

test('Neovim headless (built-in LSP client) sees the CLI\'s findings, one copy of each code action, completion, clean stop', { skip, timeout: 120_000 }, () => {
  const text = withoutSections(exampleRunbook(), ['Escalation Contacts', 'Communication Plan', 'Testing and Maintenance']).replace(/^approver: .*\n/m, '');
  const dir = tempProject({ 'runbooks/payments.md': text });
  const file = join(dir, 'runbooks', 'payments.md');
  const out = join(dir, 'nvim-saw.json');
  const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(root, 'test', 'server', 'nvim-client.lua')}`], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 100_000,
    env: { ...process.env, RUNBOOK_LINT_CMD: JSON.stringify([process.execPath, bin, 'lsp', '--stdio']), RUNBOOK_FILE: file, RUNBOOK_OUT: out },
  });
  assert.ok(existsSync(out), `nvim wrote its report (status ${r.status}, stderr ${r.stderr.slice(0, 500)})`);
  const saw = JSON.parse(readFileSync(out, 'utf8')) as NvimSaw;
  assert.equal(saw.error, undefined, `no Lua error: ${saw.error}`);
  assert.ok(saw.diagnostics_seen, 'diagnostics arrived');

  const cli = JSON.parse(runCli(['--format', 'json', file], dir).stdout) as Array<{ messages: Array<{ ruleId: string; message: string; line: number; column: number; endLine: number; endColumn: number }> }>;
  // Neovim counts columns in bytes, the CLI in UTF-16 code units: convert on the runbook's own lines.
  const lines = text.split('\n');
  const bytes = (line: number, column: number) => Buffer.byteLength((lines[line - 1] ?? '').slice(0, column - 1));
  const expected = cli[0]!.messages.map((m) => [m.ruleId, m.line - 1, bytes(m.line, m.column), m.endLine - 1, bytes(m.endLine, m.endColumn), m.message]);
  const got = saw.diagnostics.map((d) => [d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.message]);
  const order = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  assert.deepEqual(got.sort(order), expected.sort(order), 'the same findings as the CLI');
  assert.ok(saw.diagnostics.every((d) => d.source === 'runbook-lint'));

  assert.equal(saw.code_actions.filter((t) => t === 'Insert all 3 missing sections').length, 1, saw.code_actions.join(' | '));
  assert.equal(saw.code_actions.filter((t) => t === 'Disable required-section for this file').length, 1);
  assert.equal(new Set(saw.code_actions).size, saw.code_actions.length, `no title twice: ${saw.code_actions.join(' | ')}`);
  assert.ok(saw.code_actions.includes('Fix all runbook-lint problems'));

  assert.ok(saw.completion.includes('Escalation Contacts'), `completion: ${saw.completion.join(', ')}`);
  assert.ok(!saw.completion.includes('Purpose and Scope'));
  assert.ok(saw.stopped, 'the server exited when Neovim stopped the client');
  assert.equal(saw.exit_code, 0, 'shutdown then exit: exit code 0');
});
