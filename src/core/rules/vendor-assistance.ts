import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'vendor-assistance', severity: 'error', description: 'pending', docs: 'rule-vendor-assistance', fixable: false },
  check() {},
});
