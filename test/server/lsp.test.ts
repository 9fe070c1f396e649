import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, CompletionItem, Hover, MarkupContent } from 'vscode-languageserver-types';
import { root, runCli, tempProject } from '../cli/helpers.js';
import { applyWorkspaceEdit, exampleRunbook, withoutSections } from '../helpers/lsp.js';
import { cliFindings, diagnosticShape, fileUri, serverSkip, TestClient } from './client.js';

const skip = serverSkip;

/** A runbook with gaps: three missing sections (reported on line 1), a placeholder, and an extra fixable front-matter gap. */
function gappy(): string {
  return withoutSections(exampleRunbook(), ['Escalation Contacts', 'Communication Plan', 'Testing and Maintenance'])
    .replace(/^approver: .*\n/m, '')
    .replace('## Recovery Objectives\n', '## Recovery Objectives\n\nAlternate scribe: TBD\n');
}

const shape = diagnosticShape;

test('LSP over stdio: diagnostics equal the CLI JSON, deduplicated code actions, fix-all equals --fix, completion, hover, clean exit', { skip, timeout: 60_000 }, async () => {
  const dir = tempProject({ 'runbooks/payments.md': gappy(), 'README.md': '# Project\n\nNot a runbook.\n' });
  const file = join(dir, 'runbooks', 'payments.md');
  const uri = fileUri(file);
  const text = readFileSync(file, 'utf8');
  const client = TestClient.start(dir);
  try {
    const init = await client.initialize({ debounceMs: 0 }, dir);
    assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.runbook-lint'] });
    assert.ok(init.capabilities.hoverProvider);
    assert.ok(init.capabilities.completionProvider?.triggerCharacters?.includes('#'));
    assert.equal(init.serverInfo?.name, 'runbook-lint');

    // Diagnostics: the same findings (rule, range, message) as the CLI for the same file.
    await client.open(uri, text);
    const published = await client.diagnostics(uri);
    assert.equal(published.version, 1);
    const expected = await cliFindings(dir, file);
    assert.ok(expected.length >= 5, `the runbook has gaps: ${expected.length}`);
    assert.deepEqual(shape(published.diagnostics), expected);
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'runbook-lint');
      assert.equal(d.codeDescription?.href, `https://github.com/runbook-lint/runbook-lint/blob/main/docs/rules/${d.code}.md`);
      assert.ok(d.severity === 1 || d.severity === 2);
    }

    // Quick fixes on line 1: every action once, the shared ones listing all three diagnostics.
    const lineOne = published.diagnostics.filter((d) => d.range.start.line === 0);
    assert.equal(lineOne.filter((d) => d.code === 'required-section').length, 3);
    const quick = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: lineOne, only: ['quickfix'] },
    });
    const titles = quick.map((a) => a.title);
    assert.equal(new Set(quick.map((a) => JSON.stringify([a.title, a.edit]))).size, quick.length, `no action twice: ${titles.join(' | ')}`);
    assert.equal(titles.filter((t) => t === 'Insert all 3 missing sections').length, 1);
    assert.equal(titles.filter((t) => t === 'Disable required-section for this file').length, 1);
    assert.equal(quick.find((a) => a.title === 'Insert all 3 missing sections')!.diagnostics?.length, 3);

    // Fix-all: the edit turns the text into exactly what `runbook-lint --fix` writes.
    const [fixAll, ...others] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(others, []);
    assert.equal(fixAll?.kind, 'source.fixAll.runbook-lint');
    assert.equal(fixAll.title, 'Fix all runbook-lint problems');
    const copy = join(dir, 'runbooks', 'copy.md');
    writeFileSync(copy, text);
    runCli(['--fix', copy], dir);
    assert.equal(applyWorkspaceEdit(text, uri, fixAll.edit), readFileSync(copy, 'utf8'));

    // Completion on a new "## " line: the missing sections, not the present ones.
    const typed = text + '\n## ';
    await client.change(uri, 2, typed);
    await client.diagnostics(uri, (p) => p.version === 2);
    const lastLine = typed.split('\n').length - 1;
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: lastLine, character: 3 } });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('Escalation Contacts') && labels.includes('Communication Plan'), labels.join(', '));
    assert.ok(!labels.includes('Purpose and Scope'), 'present sections are not offered');
    const esc = items.find((i) => i.label === 'Escalation Contacts')!;
    assert.equal(esc.insertTextFormat, 2);
    assert.match((esc.textEdit as { newText: string }).newText, /^## Escalation Contacts\n\n/);

    // Hover on a section heading.
    const headingLine = typed.split('\n').indexOf('## Backup Communication Channels');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: headingLine, character: 4 } });
    assert.match((hover.contents as MarkupContent).value, /\*\*Backup Communication Channels\*\* — required section of built-in runbook-lint:continuity/);

    // Ordinary Markdown is not a runbook: no actions, no hover content.
    const readme = fileUri(join(dir, 'README.md'));
    await client.open(readme, '# Project\n\n## Purpose and Scope\n');
    assert.equal(await client.request('textDocument/codeAction', { textDocument: { uri: readme }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: readme }, position: { line: 2, character: 4 } }), null);

    // Closing a runbook clears its diagnostics.
    const before = client.published.length;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const cleared = await client.diagnostics(uri, () => true, before);
    assert.deepEqual(cleared.diagnostics, []);

    assert.equal(await client.shutdown(), 0, 'exit after shutdown is exit code 0');
  } finally {
    client.kill();
  }
});

test('debounceMs 0 lints every change; the default debounce publishes the final text', { skip, timeout: 60_000 }, async () => {
  const dir = tempProject({});
  const uri = fileUri(join(dir, 'rb.md'));
  const base = exampleRunbook();
  for (const debounceMs of [0, undefined]) {
    const client = TestClient.start(dir);
    try {
      await client.initialize(debounceMs === undefined ? undefined : { debounceMs }, dir);
      await client.open(uri, base);
      await client.diagnostics(uri, (p) => p.version === 1);
      await client.change(uri, 2, withoutSections(base, ['Dependencies']));
      await client.change(uri, 3, withoutSections(base, ['Dependencies', 'Revision History']));
      const last = await client.diagnostics(uri, (p) => p.version === 3);
      assert.deepEqual(last.diagnostics.filter((d) => d.code === 'required-section').map((d) => String(d.message).match(/"([^"]+)"/)?.[1]), ['Dependencies', 'Revision History']);
      const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
      if (debounceMs === 0) assert.deepEqual(versions, [1, 2, 3], 'every change linted');
      else assert.ok(!versions.includes(2) || versions.indexOf(2) < versions.indexOf(3), `versions in order: ${versions.join(', ')}`);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  }
});

test('bad input never crashes the server: unknown documents, malformed params, bad options; exit without shutdown is 1', { skip, timeout: 60_000 }, async () => {
  const dir = tempProject({});
  const client = TestClient.start(dir);
  try {
    await client.initialize({ debounceMs: 'soon' }, dir);
    await client.until(() => client.logs.find((l) => /debounceMs must be a number/.test(l.message)));
    assert.equal(await client.request('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere.md' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: {}, position: null }), null);
    assert.equal(await client.request('textDocument/completion', {}), null);
    const uri = fileUri(join(dir, 'binary.md'));
    await client.open(uri, '---\nrunbook: true\n---\n\0\0\0');
    const p = await client.diagnostics(uri);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['fatal']);
    // Still answering after all that.
    const result = await client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: p.diagnostics } });
    assert.deepEqual(result ?? [], []);
    assert.ok(!client.logs.some((l) => l.message.includes('\0')), 'document text is never logged');
    await client.connection.sendNotification('exit');
    assert.equal(await client.exited, 1, 'exit without shutdown is exit code 1');
  } finally {
    client.kill();
  }
});

test('lsp without --stdio is a usage error (exit 2)', { skip }, () => {
  const r = runCli(['lsp'], root);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /"lsp" needs --stdio/);
});

test('config and schema changes (workspace/didChangeWatchedFiles) change the diagnostics as they change the CLI\'s', { skip, timeout: 90_000 }, async () => {
  const schema = readFileSync(join(root, 'test', 'fixtures', 'cli', 'mini.schema.json'), 'utf8');
  const dir = tempProject({
    '.runbook-lint.json': '{ "schema": "./schemas/mini.schema.json" }\n',
    'schemas/mini.schema.json': schema,
    'runbooks/rb.md': '---\nrunbook: true\n---\n\n# Payments\n\n## Summary\n\nThis runbook covers payments.\n\nOn-call: TBD\n',
  });
  const file = join(dir, 'runbooks', 'rb.md');
  const uri = fileUri(file);
  const client = TestClient.start(dir);
  const notify = (path: string) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path), type: 2 }] });
  try {
    await client.initialize({ debounceMs: 0 }, dir, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const watchers = await client.until(() => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const globs = (watchers.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/.runbook-lint.json') && globs.includes('**/.runbook-lint.jsonc'), globs.join(', '));

    await client.open(uri, readFileSync(file, 'utf8'));
    let seen = client.published.length;
    const first = await client.diagnostics(uri);
    assert.deepEqual(shape(first.diagnostics), await cliFindings(dir, file));
    assert.ok(first.diagnostics.some((d) => d.code === 'required-section' && String(d.message).includes('Contacts')), 'the config\'s schema applies');

    // The config turns a rule off.
    seen = client.published.length;
    writeFileSync(join(dir, '.runbook-lint.json'), '{ "schema": "./schemas/mini.schema.json", "rules": { "placeholder-text": "off" } }\n');
    await notify(join(dir, '.runbook-lint.json'));
    const ruleOff = await client.diagnostics(uri, () => true, seen);
    assert.ok(!ruleOff.diagnostics.some((d) => d.code === 'placeholder-text'));
    assert.deepEqual(shape(ruleOff.diagnostics), await cliFindings(dir, file));

    // The schema it reads stops requiring "contacts".
    seen = client.published.length;
    const relaxed = JSON.parse(schema) as { properties: { sections: { required: string[] } } };
    relaxed.properties.sections.required = relaxed.properties.sections.required.filter((id) => id !== 'contacts');
    writeFileSync(join(dir, 'schemas', 'mini.schema.json'), JSON.stringify(relaxed, null, 2));
    await notify(join(dir, 'schemas', 'mini.schema.json'));
    const schemaChanged = await client.diagnostics(uri, () => true, seen);
    assert.ok(!schemaChanged.diagnostics.some((d) => String(d.message).includes('"Contacts"')), JSON.stringify(shape(schemaChanged.diagnostics)));
    assert.deepEqual(shape(schemaChanged.diagnostics), await cliFindings(dir, file));

    // A broken config: one fatal diagnostic saying what the CLI says (which exits 2).
    seen = client.published.length;
    writeFileSync(join(dir, '.runbook-lint.json'), '{ "rules": { "no-such-rule": "error" } }\n');
    await notify(join(dir, '.runbook-lint.json'));
    const broken = await client.diagnostics(uri, () => true, seen);
    const cli = runCli(['--format', 'json', file], dir);
    assert.equal(cli.code, 2);
    assert.deepEqual(broken.diagnostics.map((d) => d.code), ['fatal']);
    assert.equal(`runbook-lint: ${String(broken.diagnostics[0]!.message)}\n`, cli.stderr);

    // A runbook naming its own schema (runbook_schema) gets it, as in the CLI.
    writeFileSync(join(dir, '.runbook-lint.json'), '{}\n');
    await notify(join(dir, '.runbook-lint.json'));
    const own = join(dir, 'runbooks', 'own.md');
    writeFileSync(own, '---\nrunbook: true\nrunbook_schema: ../schemas/mini.schema.json\n---\n\n# Own\n\n## Summary\n\nThis runbook covers payments.\n');
    await client.open(fileUri(own), readFileSync(own, 'utf8'));
    const ownFindings = await client.diagnostics(fileUri(own));
    assert.ok(ownFindings.diagnostics.some((d) => String(d.message).includes('"Notes"')), JSON.stringify(shape(ownFindings.diagnostics)));
    assert.deepEqual(shape(ownFindings.diagnostics), await cliFindings(dir, own));

    // A change to an unrelated JSON file re-lints nothing.
    seen = client.published.length;
    writeFileSync(join(dir, 'package.json'), '{}');
    await notify(join(dir, 'package.json'));
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(client.published.length, seen);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});
