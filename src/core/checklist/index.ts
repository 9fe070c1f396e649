/** Checklist preview: view model, renderer, run log (pure; shared by the panel, the webview and the CLI export). */
export * from './html.js';
export * from './view-model.js';
export * from './render.js';
export * from './run-log.js';
export { CHECKLIST_CSS } from './styles.js';
