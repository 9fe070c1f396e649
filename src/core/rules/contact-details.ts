import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'contact-details', severity: 'error', description: 'pending', docs: 'rule-contact-details', fixable: false },
  check() {},
});
