import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findFrontmatter, markReviewedEdit } from '../../src/editor/frontmatter-edit.js';
import { applyEdits } from '../../src/core/fix.js';

const apply = (text: string, today = '2026-11-23') => {
  const e = markReviewedEdit(text, today);
  return e ? applyEdits(text, [e]) : text;
};

test('markReviewed replaces only the date; quotes, comments, other keys and line endings stay byte-identical', () => {
  const yaml = '---\nowner: "Dana"   # the owner\nlast_reviewed: 2024-01-05 # yearly\nsystems:\n  - A\n---\n\n# T\n';
  assert.equal(apply(yaml), yaml.replace('2024-01-05', '2026-11-23'));
  const quoted = "---\r\nlast_reviewed: '2024-01-05'\r\nowner: x\r\n---\r\n# T\r\n";
  assert.equal(apply(quoted), quoted.replace('2024-01-05', '2026-11-23'));
  const dq = '---\nlast_reviewed: "2024-01-05"\n---\n';
  assert.equal(apply(dq), dq.replace('2024-01-05', '2026-11-23'));
});

test('markReviewed adds last_reviewed before the closing fence when missing, and a block when there is no front matter', () => {
  assert.equal(apply('---\nowner: x\n---\n# T\n'), '---\nowner: x\nlast_reviewed: 2026-11-23\n---\n# T\n');
  assert.equal(apply('---\r\nowner: x\r\n...\r\n'), '---\r\nowner: x\r\nlast_reviewed: 2026-11-23\r\n...\r\n');
  assert.equal(apply('# T\n'), '---\nlast_reviewed: 2026-11-23\n---\n\n# T\n');
  assert.equal(apply(''), '---\nlast_reviewed: 2026-11-23\n---\n');
  assert.equal(apply('\ufeff# T\n'), '\ufeff---\nlast_reviewed: 2026-11-23\n---\n\n# T\n');
});

test('markReviewed: empty value gets one, nested keys are not touched, already-today is a no-op, unclosed front matter refuses', () => {
  assert.equal(apply('---\nlast_reviewed:\n---\n'), '---\nlast_reviewed: 2026-11-23\n---\n');
  assert.equal(apply('---\nmeta:\n  last_reviewed: 2020-01-01\n---\n'), '---\nmeta:\n  last_reviewed: 2020-01-01\nlast_reviewed: 2026-11-23\n---\n');
  assert.equal(markReviewedEdit('---\nlast_reviewed: 2026-11-23\n---\n', '2026-11-23'), undefined);
  assert.throws(() => markReviewedEdit('---\nowner: x\n# T\n', '2026-11-23'), /closing/);
});

test('findFrontmatter reports fences and lines', () => {
  const b = findFrontmatter('---\na: 1\nb: 2\n---\nbody')!;
  assert.equal(b.closeLine, 3);
  assert.equal(b.yamlStart, 4);
  assert.equal(findFrontmatter('# no\n---\n'), undefined);
  assert.equal(findFrontmatter('---\nnever closed\n'), undefined);
});
