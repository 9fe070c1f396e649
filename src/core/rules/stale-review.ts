import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'stale-review', severity: 'error', description: 'pending', docs: 'rule-stale-review', fixable: false },
  check() {},
});
