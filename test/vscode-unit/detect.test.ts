import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { frontMatterMarksRunbook, globBase, relativePath, dirnamePath } from '../../src/vscode/detect.js';

test('front matter marks a runbook: runbook: true, or owner + last_reviewed', () => {
  assert.equal(frontMatterMarksRunbook('---\nrunbook: true\n---\n# x'), true);
  assert.equal(frontMatterMarksRunbook('---\nrunbook: "yes"\n---\n'), true);
  assert.equal(frontMatterMarksRunbook('---\nowner: Dana\nlast_reviewed: 2026-01-01\n---\n'), true);
  assert.equal(frontMatterMarksRunbook('\ufeff---\r\nlast_reviewed: 2026-01-01\r\nowner: Dana\r\n---\r\n'), true);
});

test('ordinary Markdown is not a runbook', () => {
  assert.equal(frontMatterMarksRunbook('# README\n\nowner: Dana\nlast_reviewed: 2026-01-01\n'), false, 'keys outside front matter do not count');
  assert.equal(frontMatterMarksRunbook('---\ntitle: Notes\nowner: Dana\n---\n'), false, 'owner alone is not enough');
  assert.equal(frontMatterMarksRunbook('---\nrunbook: false\nowner: x\n---\n'), false);
  assert.equal(frontMatterMarksRunbook('---\ntitle: x\n---\nowner: a\nlast_reviewed: b\n'), false, 'keys after the closing fence do not count');
  assert.equal(frontMatterMarksRunbook('---\n  owner: x\n  last_reviewed: y\n---\n'), false, 'nested keys do not count');
  assert.equal(frontMatterMarksRunbook(''), false);
});

test('path helpers', () => {
  assert.equal(relativePath('/w', '/w/runbooks/a.md'), 'runbooks/a.md');
  assert.equal(relativePath('/w', '/wx/a.md'), undefined);
  assert.equal(dirnamePath('/w/a/b.md'), '/w/a');
  assert.equal(dirnamePath('/b.md'), '/');
  assert.equal(globBase('runbooks/**/*.md'), 'runbooks');
  assert.equal(globBase('./ops/runbooks/*.md'), 'ops/runbooks');
  assert.equal(globBase('**/*.md'), '');
});
