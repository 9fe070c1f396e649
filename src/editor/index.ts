/**
 * The editor-features layer (design §1): diagnostics, code actions, completion and hover in LSP
 * terms, over src/core. Pure TypeScript (no `vscode`, no `fs`); the language server (src/server)
 * speaks these shapes directly, the VS Code extension (src/vscode) converts them at its edge.
 * LSP types are imported as types only, so no protocol code lands in the extension bundles.
 */
export { SOURCE, toLspDiagnostic, findingFor, diagnosticCode } from './diagnostics.js';
export { codeActions, codeActionsWanted, fixAllEdit, insertAllEdit, markReviewed, fixEdits, kindContains, FIX_ALL_KIND, FIX_ALL_TITLE, QUICK_FIX, type CodeActionOptions } from './code-actions.js';
export { completionItems, hoverAt, siteAt, sectionDocs, keyDocs, COMPLETION_TRIGGERS, type Site } from './completion.js';
export { frontMatterMarksRunbook, isRunbookText, HEAD_CHARS } from './detect.js';
export { fixAllText, minimalEdit } from './fix-all.js';
export { findFrontmatter, findTopLevelKey, localIsoDate, markReviewedEdit, type FrontmatterBlock, type PlainEdit } from './frontmatter-edit.js';
export { rewriteSnippet, escapeSnippet, sectionSnippet, runbookSkeleton } from './snippet-text.js';
export { EditorText, toLspRange } from './text.js';
export { DocumentLintCache, type CachedLintOptions } from './lint-cache.js';
export type { LintedDocument, SchemaContext } from './document.js';
