import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CLEAN, miniProject, parseJson, runCli, runCliInProcess, tempProject, writeTree } from './helpers.js';

const hasGit = spawnSync('git', ['--version']).status === 0;
const gitSkip = hasGit ? false : 'git is not installed: the comparison with git check-ignore needs it';

/** A tree with nested .gitignore files, negations, an ignored folder with a re-include that git refuses, and info/exclude. */
const TREE: Record<string, string> = {
  '.gitignore': '# build output\nbuild/\n*.draft.md\n!keep.draft.md\n/top-only.md\nnotes/*\n!notes/kept.md\n',
  'a.md': CLEAN,
  'top-only.md': CLEAN,
  'x.draft.md': CLEAN,
  'keep.draft.md': CLEAN,
  'build/out.md': CLEAN,
  'build/.gitignore': '!out.md\n',
  'notes/gone.md': CLEAN,
  'notes/kept.md': CLEAN,
  'sub/top-only.md': CLEAN,
  'sub/.gitignore': 'local.md\n!y.draft.md\n',
  'sub/local.md': CLEAN,
  'sub/y.draft.md': CLEAN,
  'sub/z.draft.md': CLEAN,
  'sub/deeper/local.md': CLEAN,
  'sub/deeper/.gitignore': '!local.md\n',
  'private/secret.md': CLEAN,
  'runbooks/ok.md': CLEAN,
};

async function linted(dir: string, args: string[] = []): Promise<string[]> {
  const r = await runCliInProcess(['--format', 'json', ...args], dir);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return parseJson(r).map((x) => relative(dir, x.filePath).split(sep).join('/'));
}

test('.gitignore: the files linted from a folder walk are exactly those git does not ignore (git check-ignore agrees)', { skip: gitSkip }, async () => {
  const dir = tempProject(TREE);
  assert.equal(spawnSync('git', ['init', '-q'], { cwd: dir }).status, 0);
  mkdirSync(join(dir, '.git', 'info'), { recursive: true });
  writeFileSync(join(dir, '.git', 'info', 'exclude'), 'private/\n');
  const all = Object.keys(TREE).filter((p) => p.endsWith('.md')).sort();
  const check = spawnSync('git', ['check-ignore', '--no-index', '--stdin'], { cwd: dir, input: all.join('\n') + '\n', encoding: 'utf8' });
  const ignoredByGit = new Set(check.stdout.split('\n').filter(Boolean));
  assert.ok(ignoredByGit.size >= 7, `the tree exercises ignoring: ${[...ignoredByGit].join(', ')}`);
  const expected = all.filter((p) => !ignoredByGit.has(p));
  assert.deepEqual(await linted(dir), expected);
  assert.deepEqual(await linted(dir, ['.']), expected, 'a folder argument walks the same way');
  assert.deepEqual(await linted(dir, ['**/*.md']), expected, 'so does a glob');
  // Spelled out, so a change in both git and this test cannot slip through unnoticed.
  assert.deepEqual(expected, ['a.md', 'keep.draft.md', 'notes/kept.md', 'runbooks/ok.md', 'sub/deeper/local.md', 'sub/top-only.md', 'sub/y.draft.md']);
});

test('--no-ignore lints everything a walk finds; explicit file arguments are always linted', async () => {
  const dir = tempProject(TREE);
  mkdirSync(join(dir, '.git', 'info'), { recursive: true });
  writeFileSync(join(dir, '.git', 'info', 'exclude'), 'private/\n');
  const all = Object.keys(TREE).filter((p) => p.endsWith('.md')).sort();
  assert.deepEqual(await linted(dir, ['--no-ignore']), all);
  assert.deepEqual(await linted(dir, ['build/out.md', 'x.draft.md', 'private/secret.md']), ['build/out.md', 'private/secret.md', 'x.draft.md']);
  assert.ok(!(await linted(dir)).includes('private/secret.md'), '.git/info/exclude applies');
});

test('outside a git repository the .gitignore files from the current folder down still apply; a walk that finds only ignored files says so', async () => {
  const dir = tempProject({ '.gitignore': 'generated/\n', 'generated/a.md': CLEAN, 'generated/b.md': CLEAN, 'real.md': CLEAN });
  assert.deepEqual(await linted(dir), ['real.md']);
  const r = await runCliInProcess(['generated'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /All 2 Markdown file\(s\) matched by "generated" were skipped by \.gitignore \(--no-ignore lints them\)/);
  assert.deepEqual(await linted(dir, ['generated', '--no-ignore']), ['generated/a.md', 'generated/b.md']);
});

test('--no-ignore also lints what the config\'s "ignore" skips, for walks and named files', async () => {
  const dir = miniProject({ 'drafts/a.md': CLEAN, 'b.md': CLEAN }, { ignore: ['drafts/**'] });
  assert.deepEqual(await linted(dir), ['b.md']);
  assert.deepEqual(await linted(dir, ['--no-ignore']), ['b.md', 'drafts/a.md']);
  const named = await runCliInProcess(['drafts/a.md'], dir);
  assert.match(named.stderr, /drafts\/a\.md was not linted: it matches "ignore"/);
  assert.deepEqual(await linted(dir, ['--no-ignore', 'drafts/a.md']), ['drafts/a.md']);
});

test('a nested repository uses its own .gitignore files, not the outer one\'s', async () => {
  const dir = tempProject({ '.gitignore': 'inner/docs/\n', 'inner/docs/a.md': CLEAN, 'inner/.gitignore': 'skip.md\n', 'inner/skip.md': CLEAN });
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'inner', '.git'));
  writeTree(dir, { 'top.md': CLEAN });
  assert.deepEqual(await linted(join(dir, 'inner')), ['docs/a.md']);
  assert.deepEqual(await linted(dir), ['inner/docs/a.md', 'top.md'], 'the outer "inner/docs/" does not reach into the inner repository');
});
