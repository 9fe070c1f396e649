/**
 * The lint engine as one module: everything of `src/core` the extension uses. On the desktop it is
 * its own bundle (`dist/engine.cjs`), loaded on first use, so activating the extension for a
 * Markdown file costs only the thin adapter (see src/vscode/build/lazy-engine.mjs).
 */
export * from '../core/index.js';
export * from '../core/builtin-schema.js';
export * from '../core/checklist/index.js';
// src/editor reaches the core through its public factory (src/editor/engine.ts): it must be in the
// engine too, or the stand-in hands the editor features `undefined` (no quick fixes, no hover).
export { createLinter } from '../core/api.js';
