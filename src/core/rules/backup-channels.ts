import { defineRule } from '../rule.js';

// PLACEHOLDER: being implemented; replaced by the real rule.
export default defineRule({
  meta: { id: 'backup-channels', severity: 'error', description: 'pending', docs: 'rule-backup-channels', fixable: false },
  check() {},
});
