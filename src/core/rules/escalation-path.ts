import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'escalation-path', severity: 'error', description: 'pending', docs: 'rule-escalation-path', fixable: false },
  check() {},
});
