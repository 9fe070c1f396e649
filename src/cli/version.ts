import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

declare const __RUNBOOK_LINT_VERSION__: string | undefined;

/** The package version (inlined by esbuild; "0.0.0-dev" when running unbundled sources). */
export const VERSION: string = typeof __RUNBOOK_LINT_VERSION__ === 'string' ? __RUNBOOK_LINT_VERSION__ : '0.0.0-dev';

/**
 * Identity of the running build for the cache: the version plus a hash of the bundle, so a rebuilt
 * tool never reuses results computed by older rules even when the version number did not change.
 */
export function buildId(moduleUrl: string): string {
  try {
    const bytes = readFileSync(fileURLToPath(moduleUrl));
    return `${VERSION}+${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`;
  } catch {
    return VERSION;
  }
}
