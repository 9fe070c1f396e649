/**
 * The lint engine as one module: everything of `src/core` the extension uses. On the desktop it is
 * its own bundle (`dist/engine.cjs`), loaded on first use, so activating the extension for a
 * Markdown file costs only the thin adapter (see src/vscode/build/lazy-engine.mjs). The extension
 * reaches the core only through its public API (src/core/api.ts).
 */
export * from '../core/api.js';
