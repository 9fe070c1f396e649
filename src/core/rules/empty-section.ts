import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'empty-section', severity: 'error', description: 'pending', docs: 'rule-empty-section', fixable: false },
  check() {},
});
