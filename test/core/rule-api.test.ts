/** defineRule's message ids: templates filled from data, unknown ids and placeholders fail loudly. */
import test from 'node:test';
import assert from 'node:assert/strict';
import { formatMessage, reportMessage } from '../../src/core/rule.js';
import { builtinRules } from '../../src/core/rules/index.js';
import type { RuleMeta } from '../../src/core/types.js';

const meta: RuleMeta = { id: 'x', severity: 'error', description: 'd', fixable: false, messages: { late: 'Due {{when}}, {{ days }} days late.' } };

test('formatMessage fills {{name}} from data and refuses a missing name', () => {
  assert.equal(formatMessage('Due {{when}}, {{ days }} days late.', { when: 'today', days: 3 }), 'Due today, 3 days late.');
  assert.throws(() => formatMessage('Due {{when}}.', {}), /"\{\{when\}\}" has no value/);
});

test('reportMessage takes the message text, or the template of its messageId', () => {
  const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  assert.equal(reportMessage(meta, { message: 'plain', range }), 'plain');
  assert.equal(reportMessage(meta, { messageId: 'late', data: { when: 'today', days: 2 }, range }), 'Due today, 2 days late.');
  assert.throws(() => reportMessage(meta, { messageId: 'nope', range }), /unknown messageId "nope" \(meta.messages has late\)/);
});

test('every built-in message template names only placeholders in {{word}} form', () => {
  for (const rule of builtinRules) {
    for (const [id, template] of Object.entries(rule.meta.messages ?? {})) {
      assert.doesNotMatch(template.replace(/\{\{\s*\w+\s*\}\}/g, ''), /\{\{|\}\}/, `${rule.meta.id}.${id}`);
    }
  }
});
