import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'recovery-objectives', severity: 'error', description: 'pending', docs: 'rule-recovery-objectives', fixable: false },
  check() {},
});
