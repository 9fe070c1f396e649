import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'placeholder-text', severity: 'error', description: 'pending', docs: 'rule-placeholder-text', fixable: false },
  check() {},
});
