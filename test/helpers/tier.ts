/**
 * Test tiers (test/run.mjs sets RUNBOOK_LINT_TEST_TIER): `npm test` and CI run the full tier, every
 * case of every suite; `npm run test:unit`, the inner loop, runs the unit tier: fewer property-test
 * cases, a stride of the shared corpus and of the real-world plans, fewer formats and worker threads
 * in the worker-thread comparisons, one activation sample, and no suites that install the package or
 * type-check its declarations. Unset (a file run on its own with node --test) means full.
 */
export const unitTier = process.env.RUNBOOK_LINT_TEST_TIER === 'unit';

/** fast-check numRuns: `full` in the full tier, `unit` in the inner loop. */
export function tierRuns(full: number, unit: number): number {
  return unitTier ? unit : full;
}

/** A node:test `skip` reason for a test that only the full tier runs. */
export function fullTierOnly(why: string): string | false {
  return unitTier ? `full tier only (npm test): ${why}` : false;
}

/**
 * The files a corpus-wide test reads: all of them in the full tier, every `stride`-th in the inner
 * loop (a fixed sample, so a failure there reproduces).
 */
export function tierSample<T>(items: readonly T[], stride: number): T[] {
  return unitTier ? items.filter((_, i) => i % stride === 0) : [...items];
}
