/** The largest runbook that is linted (8 MB); a bigger one gets one `fatal` finding (docs/limits.md). */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
