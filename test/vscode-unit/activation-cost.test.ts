import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tierRuns } from '../helpers/tier.js';

// `npm test` builds first. The metrics script requires dist/extension.cjs with a stub `vscode`,
// calls activate(), and reports sizes and times (median of fresh processes: 3 here, 1 in the inner loop,
// which needs the sizes and the engine check, not a stable median).
test('activation loads only the thin adapter (engine on first use) and the desktop bundle stays small', { skip: !existsSync('dist/engine.cjs') && 'not built' }, () => {
  const out = JSON.parse(execFileSync(process.execPath, ['bench/extension-metrics.mjs', '--runs', String(tierRuns(3, 1))], { encoding: 'utf8' }));
  assert.equal(out.activation.engineLoadedByActivation, false, 'activate() must not load dist/engine.cjs');
  assert.ok(out.bundle.bytes <= 400 * 1024, `dist/extension.cjs is ${out.bundle.bytes} bytes (target ≤ 400 KB)`);
  // Activation time itself is measured by `npm run bench` (target 50 ms), never asserted here.
});
