/**
 * The lint engine as one module: everything of `src/core` the extension uses. On the desktop it is
 * its own bundle (`dist/engine.cjs`), loaded on first use, so activating the extension for a
 * Markdown file costs only the thin adapter (see src/vscode/build/lazy-engine.mjs). The extension
 * reaches the core through its public API (src/core/api.ts) and, for the checklist panel, the
 * checklist renderer it shares with the webview.
 */
export * from '../core/api.js';
export * from '../core/checklist/index.js';
