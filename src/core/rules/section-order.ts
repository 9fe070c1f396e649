import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'section-order', severity: 'error', description: 'pending', docs: 'rule-section-order', fixable: false },
  check() {},
});
