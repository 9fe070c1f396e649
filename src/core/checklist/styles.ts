/**
 * The one stylesheet of the panel and the export. VS Code theme variables with fallbacks, so the
 * panel follows light, dark and high-contrast themes and the export (no variables there) reads as
 * plain black on white; print rules for the export. Contains no runbook content.
 */
export const CHECKLIST_CSS = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif); font-size: var(--vscode-font-size, 14px);
  color: var(--vscode-foreground, #1f2328); background: var(--vscode-editor-background, #ffffff); margin: 0; padding: 0 16px 24px; line-height: 1.45; }
body.export { max-width: 52rem; margin: 0 auto; color: #1f2328; background: #fff; color-scheme: light; }
a { color: var(--vscode-textLink-foreground, #0969da); }
a:hover { color: var(--vscode-textLink-activeForeground, #0550ae); }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); background: var(--vscode-textCodeBlock-background, #f0f0f0); padding: 0 3px; border-radius: 3px; }
h1 { font-size: 1.5em; margin: 12px 0 6px; }
h2 { font-size: 1.15em; margin: 0; display: flex; gap: 8px; align-items: baseline; }
.live { position: sticky; top: 0; z-index: 2; margin: 0 -16px; padding: 6px 16px; background: var(--vscode-editor-background, #fff);
  border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, #d0d7de)); font-weight: 600; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 10px; }
.meta dt { color: var(--vscode-descriptionForeground, #59636e); }
.meta dd { margin: 0; }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 0.85em; border: 1px solid transparent; }
.badge.bad { background: var(--vscode-inputValidation-errorBackground, #ffebe9); border-color: var(--vscode-inputValidation-errorBorder, #cf222e); }
.badge.warn { background: var(--vscode-inputValidation-warningBackground, #fff8c5); border-color: var(--vscode-inputValidation-warningBorder, #9a6700); }
.badge.ok { border-color: var(--vscode-charts-green, #1a7f37); }
progress { width: 100%; height: 6px; accent-color: var(--vscode-progressBar-background, #0969da); }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 10px 0; }
button { font: inherit; color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, #0969da);
  border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 3px 10px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground, #0550ae); }
/* High-contrast themes define no secondary button background: transparent, with the theme's border. */
button.secondary, button.line { color: var(--vscode-button-secondaryForeground, var(--vscode-foreground, #1f2328)); background: var(--vscode-button-secondaryBackground, transparent);
  border-color: var(--vscode-button-border, var(--vscode-contrastBorder, transparent)); }
button.secondary:hover, button.line:hover { background: var(--vscode-button-secondaryHoverBackground, transparent); }
button.line { padding: 0 6px; font-size: 0.8em; margin-left: 6px; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0969da); outline-offset: 2px; }
.notice { padding: 6px 10px; margin: 8px 0; border-left: 3px solid var(--vscode-inputValidation-warningBorder, #9a6700);
  background: var(--vscode-inputValidation-warningBackground, #fff8c5); }
.group, .lint, .missing { margin: 14px 0; padding: 10px 12px; border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, #d0d7de)); border-radius: 4px; }
.count { font-weight: normal; color: var(--vscode-descriptionForeground, #59636e); font-size: 0.85em; }
ul.checklist { list-style: none; padding-left: 0; margin: 8px 0; }
ul.checklist li { display: flex; gap: 8px; align-items: flex-start; padding: 3px 0; }
ul.checklist input { margin-top: 3px; width: 16px; height: 16px; flex: none; }
ul.checklist .text { cursor: pointer; }
ul.checklist li.done .text { color: var(--vscode-descriptionForeground, #59636e); text-decoration: line-through; }
.box { font-size: 1.2em; line-height: 1; flex: none; }
.stamp { color: var(--vscode-descriptionForeground, #59636e); font-size: 0.85em; white-space: nowrap; }
ol.steps li, .calls li { margin: 3px 0; }
.calls { list-style: none; padding-left: 0; }
.calls li { padding: 4px 0; border-bottom: 1px dashed var(--vscode-panel-border, #d0d7de); }
.calls .field { margin-right: 12px; }
.calls .label { color: var(--vscode-descriptionForeground, #59636e); }
.sub { margin: 10px 0 4px; font-size: 0.95em; }
.finding.error .sev { color: var(--vscode-errorForeground, #cf222e); }
.finding.warning .sev { color: var(--vscode-editorWarning-foreground, #9a6700); }
.lint ul, .missing ul { margin: 6px 0; padding-left: 18px; }
.write-in { display: none; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 24px; color: #59636e; font-size: 0.85em; }
body.vscode-high-contrast .group, body.vscode-high-contrast .lint, body.vscode-high-contrast .missing { border-color: var(--vscode-contrastBorder); }
@media print {
  body.export { max-width: none; font-size: 11pt; }
  .live { position: static; border: none; margin: 0; padding: 0; }
  .group, .lint, .missing { break-inside: avoid-page; border-color: #888; }
  ul.checklist li { break-inside: avoid; }
  .write-in { display: inline; margin-left: auto; color: #59636e; white-space: nowrap; }
  a { color: inherit; }
  a[href^="tel:"]::after, a[href^="mailto:"]::after { content: ""; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
}
`;
