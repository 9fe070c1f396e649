import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLEAN, ERR, miniProject, root } from './helpers.js';
import { tempDir } from '../helpers/temp.js';
import { fullTierOnly } from '../helpers/tier.js';

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const isCheckout = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' }).stdout?.trim() === 'true';
const skip = !hasPreCommit
  ? 'pre-commit is not installed (Debian: apt-get install -y pre-commit; .ci/run installs it)'
  : !isCheckout
    ? 'the project folder is not a git checkout, and pre-commit try-repo clones one'
    : fullTierOnly('npm installs the package from a clone, minutes of npm; the hook declaration is checked above');

interface Hook {
  id: string;
  entry: string;
  language: string;
  language_version?: string;
  files: string;
}

test('.pre-commit-hooks.yaml declares the runbook-lint hook: node, the system Node, Markdown files', () => {
  const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  assert.equal(hooks.length, 1);
  const hook = hooks[0]!;
  assert.deepEqual([hook.id, hook.entry, hook.language, hook.language_version, hook.files], ['runbook-lint', 'runbook-lint', 'node', 'system', '\\.md$']);
  const files = new RegExp(hook.files);
  assert.ok(files.test('runbooks/a.md') && !files.test('notes.txt') && !files.test('a.md.bak'));
});

// pre-commit clones this repository (with uncommitted changes to tracked files), installs it the way
// it installs every node hook (npm install in the clone, whose prepare builds dist/; npm pack;
// npm install -g of the tarball) and runs the hook on the files given, in another repository.
test('pre-commit try-repo: the hook installs from a clone and fails on a runbook with errors, naming it', { skip, timeout: 15 * 60_000 }, () => {
  const target = miniProject({ 'runbooks/good.md': CLEAN, 'runbooks/bad.md': ERR, 'notes.txt': 'not a runbook\n' });
  for (const args of [['init', '-q'], ['add', '-A']]) assert.equal(spawnSync('git', args, { cwd: target }).status, 0);
  const r = spawnSync('pre-commit', ['try-repo', root, 'runbook-lint', '--verbose', '--color', 'never', '--files', 'runbooks/good.md', 'runbooks/bad.md', 'notes.txt'], {
    cwd: target,
    encoding: 'utf8',
    env: { ...process.env, PRE_COMMIT_HOME: tempDir('runbook-lint-pre-commit-'), npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const all = `${r.stdout}\n${r.stderr}`;
  assert.doesNotMatch(all, /An unexpected error has occurred|CalledProcessError/, all);
  assert.equal(r.status, 1, all);
  assert.match(r.stdout, /^runbook-lint\.+Failed$/m);
  assert.match(r.stdout, /^runbooks\/bad\.md$/m, 'stylish names the runbook');
  assert.match(r.stdout, /Missing required section "Contacts"/);
  assert.doesNotMatch(r.stdout, /notes\.txt/, 'files: \\.md$ keeps other files out');
  assert.doesNotMatch(r.stdout, /^runbooks\/good\.md$/m, 'the clean runbook has no findings');
});
