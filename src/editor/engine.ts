/**
 * The core as the editor features see it: its public API only (src/core/api.ts). Applying fixes,
 * disable comments and heading explanations need no files, so one linter over no host serves
 * every document. Created on first use: activating the VS Code extension must not load the engine.
 */
import { createLinter, emptyHost, type Linter } from '../core/api.js';

let linter: Linter | undefined;

export function core(): Linter {
  return (linter ??= createLinter({ host: emptyHost }));
}
