/**
 * Entry of the in-host tests (bundled to out/test-host/index.cjs; run by the host's test runner,
 * which calls run()). RUNBOOK_LINT_SUITE picks the suite: main (trusted), untrusted, vsix.
 */
import { runTests } from './harness.js';
import { mainSuite } from './suite-main.js';
import { untrustedSuite } from './suite-untrusted.js';
import { vsixSuite } from './suite-vsix.js';

export async function run(): Promise<void> {
  const suite = process.env.RUNBOOK_LINT_SUITE ?? 'main';
  const suites: Record<string, () => ReturnType<typeof mainSuite>> = { main: mainSuite, untrusted: untrustedSuite, vsix: vsixSuite };
  const make = suites[suite];
  if (!make) throw new Error(`unknown RUNBOOK_LINT_SUITE ${suite}`);
  await runTests(suite, make());
}
