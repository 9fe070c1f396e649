import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'no-secrets', severity: 'error', description: 'pending', docs: 'rule-no-secrets', fixable: false },
  check() {},
});
