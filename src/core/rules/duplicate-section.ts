import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'duplicate-section', severity: 'error', description: 'pending', docs: 'rule-duplicate-section', fixable: false },
  check() {},
});
