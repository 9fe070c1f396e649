import test from 'node:test';
import assert from 'node:assert/strict';
import { lintWithDefaults } from '../helpers/lint.js';

// Inputs whose parse time grows quadratically are refused up front with a position, not parsed for minutes.
test('thousands of emphasis or bracket delimiters in a row are refused with their position', () => {
  for (const ch of ['*', '_', '[', ']', '`']) {
    const text = `# Plan\n\nIntro\n\nx ${ch.repeat(20000)}a${ch.repeat(20000)}\n`;
    const fatal = lintWithDefaults(text).findings.filter((f) => f.ruleId === 'fatal');
    assert.equal(fatal.length, 1, ch);
    assert.match(fatal[0]!.message, /1,000 or more/);
    assert.equal(fatal[0]!.range.start.line, 5);
    assert.equal(fatal[0]!.range.start.column, 3);
  }
});

test('ordinary separator lines and long tables are not refused', () => {
  const text = `# Plan\n\n${'*'.repeat(80)}\n\n| a | b |\n|---|---|\n${'| x | y |\n'.repeat(2000)}`;
  assert.equal(lintWithDefaults(text).findings.filter((f) => f.ruleId === 'fatal').length, 0);
});
