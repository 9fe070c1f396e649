/**
 * The language server re-lints incrementally (src/editor/lint-cache.ts): edits sent as ranges
 * (TextDocumentSyncKind.Incremental) to a big real plan publish, after each edit, the same
 * diagnostics as the CLI's JSON for the edited file.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { root, tempProject } from '../cli/helpers.js';
import { cliFindings, diagnosticShape, fileUri, serverSkip, TestClient } from './client.js';

const skip = serverSkip;

const shape = diagnosticShape;

test('LSP: range edits of a 104 KB plan publish the CLI\'s findings for the edited text after every edit', { skip, timeout: 120_000 }, async () => {
  const plan = readFileSync(join(root, 'test', 'real-world', 'plans', 'org-counteractive-ir-plan-template.md'), 'utf8');
  const text = '---\nrunbook: true\n---\n' + plan;
  const dir = tempProject({ 'plan.md': text });
  const file = join(dir, 'plan.md');
  const uri = fileUri(file);
  let doc = TextDocument.create(uri, 'markdown', 1, text);
  const client = TestClient.start(dir);
  try {
    await client.initialize({ debounceMs: 0 }, dir);
    await client.open(uri, text);
    const opened = await client.diagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(shape(opened.diagnostics), await cliFindings(dir, file));
    // A heading typed mid-document, a fence opened (changing everything after it), then closed again, a line deleted.
    const middle = text.indexOf('\n', text.length / 2) + 1;
    const edits: Array<{ at: number; remove: number; insert: string }> = [
      { at: middle, remove: 0, insert: '# Typed heading\n\n' },
      { at: middle, remove: 0, insert: '```\n' },
      { at: middle, remove: 4, insert: '' },
      { at: text.indexOf('\n', text.length / 4) + 1, remove: text.indexOf('\n', text.indexOf('\n', text.length / 4) + 1) - (text.indexOf('\n', text.length / 4) + 1) + 1, insert: '' },
    ];
    for (const [i, e] of edits.entries()) {
      const version = i + 2;
      const range = { start: doc.positionAt(e.at), end: doc.positionAt(e.at + e.remove) };
      doc = TextDocument.update(doc, [{ range, text: e.insert }], version);
      const before = client.published.length;
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: e.insert }] });
      const published = await client.diagnostics(uri, (p) => p.version === version, before);
      writeFileSync(file, doc.getText());
      assert.deepEqual(shape(published.diagnostics), await cliFindings(dir, file), `after edit ${i + 1}`);
    }
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});
