import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixAllText, minimalEdit } from '../../src/editor/fix-all.js';
import { applyEdits } from '../../src/core/fix.js';
import { lintText } from '../../src/core/lint.js';
import { builtinSchema } from '../../src/core/builtin-schema.js';

test('minimalEdit keeps the common prefix and suffix', () => {
  assert.deepEqual(minimalEdit('abcXYZdef', 'abc123def'), { start: 3, end: 6, newText: '123' });
  assert.equal(minimalEdit('same', 'same'), undefined);
  for (const [a, b] of [['', 'x'], ['x', ''], ['aaa', 'aaaa'], ['abab', 'ab']]) {
    const e = minimalEdit(a!, b!)!;
    assert.equal(applyEdits(a!, [e]), b);
  }
});

test('fixAllText applies fixes until none is left (missing sections and front-matter keys)', () => {
  const schema = builtinSchema();
  const lint = (t: string) => lintText(t, { schema, now: new Date('2026-11-23T12:00:00Z') }).findings;
  const text = '---\nowner: Dana\nlast_reviewed: 2026-11-01\n---\n\n# Payments outage\n\n## Purpose and Scope\n\nWhy.\n';
  const r = fixAllText(text, lint);
  assert.ok(r.applied > 10, `applied ${r.applied}`);
  const left = lint(r.text).filter((f) => f.fix);
  assert.deepEqual(left.map((f) => f.message), []);
  assert.equal(fixAllText('\ufeff' + text, lint).text.charCodeAt(0), 0xfeff, 'BOM kept');
});
