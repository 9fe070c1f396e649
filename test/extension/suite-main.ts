/** The trusted-workspace suite: everything a user sees, driven through the real VS Code API. */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/vscode/main.js';
import type { WorkspaceLintSummary } from '../../src/vscode/workspace-lint.js';
import type { TestCase } from './harness.js';
import { bridge, codeOf, EXTENSION_ID, hasRule, lacksRule, open, openCopy, ours, readFile, README, revert, todayLocal, waitForDiagnostics, writeFile, ws } from './helpers.js';

const COMMAND_IDS = ['runbookLint.lint', 'runbookLint.lintWorkspace', 'runbookLint.openChecklist', 'runbookLint.newRunbook', 'runbookLint.insertMissingSections', 'runbookLint.markReviewed', 'runbookLint.exportChecklist'];

async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  return ext.activate();
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

export function mainSuite(): TestCase[] {
  return [
    {
      name: 'activates on Markdown and contributes the contract command ids',
      fn: async () => {
        const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
        assert.ok(ext, 'extension present');
        await open('runbooks/payments.md');
        await api();
        assert.ok(ext.isActive, 'active after opening a Markdown file');
        const contributed = (ext.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
        for (const id of COMMAND_IDS) assert.ok(contributed.includes(id), `package.json contributes ${id}`);
        const registered = await vscode.commands.getCommands(true);
        for (const id of ['runbookLint.lint', 'runbookLint.lintWorkspace', 'runbookLint.newRunbook', 'runbookLint.insertMissingSections', 'runbookLint.markReviewed']) {
          assert.ok(registered.includes(id), `${id} is registered`);
        }
      },
    },
    {
      name: 'screenshot of diagnostics in the editor and the Problems panel',
      timeoutMs: 45_000,
      fn: async () => {
        const shot = process.env.RUNBOOK_LINT_SCREENSHOT;
        if (!shot) return;
        const { doc, editor } = await open('runbooks/screenshot.md');
        await waitForDiagnostics(doc.uri, (ds) => hasRule('placeholder-text', 'TBD')(ds) && hasRule('stale-review')(ds) && hasRule('required-section')(ds), 'diagnostics to show');
        await vscode.commands.executeCommand('workbench.action.closeSidebar');
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        editor.revealRange(new vscode.Range(0, 0, 20, 0), vscode.TextEditorRevealType.AtTop);
        editor.selection = new vscode.Selection(3, 15, 3, 15);
        await bridge('screenshot', { path: shot });
        await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
      },
    },
    {
      name: 'opening a runbook publishes diagnostics with source, rule id and the rule page',
      fn: async () => {
        const { doc } = await open('runbooks/payments.md');
        const ds = await waitForDiagnostics(doc.uri, hasRule('required-section', 'Escalation Contacts'), 'the missing Escalation Contacts section');
        const d = ds.find((x) => x.message.includes('Escalation Contacts'))!;
        assert.equal(d.source, 'runbook-lint');
        assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(typeof d.code, 'object');
        const code = d.code as { value: string; target: vscode.Uri };
        assert.equal(code.value, 'required-section');
        assert.equal(code.target.toString(true), `${README}/blob/main/docs/rules/required-section.md`);
        for (const x of ds) assert.equal((x.code as { target: vscode.Uri }).target.toString(true), `${README}/blob/main/docs/rules/${codeOf(x)}.md`);
      },
    },
    {
      name: 'ordinary Markdown gets no diagnostics; front matter or include make a runbook; ignore wins',
      fn: async () => {
        const a = await api();
        const readme = (await open('README.md')).doc;
        const notes = (await open('notes/not-a-runbook.md')).doc;
        const archived = (await open('archive/ignored.md')).doc;
        const fm = (await open('notes/frontmatter-runbook.md')).doc;
        // The front-matter runbook outside `include` is linted…
        await waitForDiagnostics(fm.uri, hasRule('required-section', 'Revision History'), 'front-matter detection');
        // …and the others are not, even when linted explicitly (no sleeping: lint() settles the question).
        for (const doc of [readme, notes, archived]) {
          assert.equal(await a.linter.lint(doc), undefined, `${vscode.workspace.asRelativePath(doc.uri)} is not treated as a runbook`);
          assert.deepEqual(ours(doc.uri), [], `${vscode.workspace.asRelativePath(doc.uri)} has no runbook-lint diagnostics`);
          assert.equal(a.linter.state(doc.uri), undefined);
        }
      },
    },
    {
      name: 'lints as you type (debounced) and drops stale results (generation counter)',
      fn: async () => {
        const a = await api();
        const { doc, editor } = await openCopy('runbooks/payments.md', 'runbooks/t-typing.md');
        await waitForDiagnostics(doc.uri, hasRule('required-section'), 'initial diagnostics');
        await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), '\nNext drill owner: TBD\n'));
        await waitForDiagnostics(doc.uri, hasRule('placeholder-text', 'TBD'), 'a placeholder typed into the runbook');
        // A slow lint of an older text must not overwrite a newer result.
        const dropped = a.linter.staleDropped;
        a.resolver.delayNext = 500;
        const slow = a.linter.lint(doc); // resolves settings late, for the text with TBD
        await editor.edit((e) => e.replace(new vscode.Range(doc.lineCount - 2, 0, doc.lineCount - 2, 100), 'Next drill owner: Dana Whitfield'));
        const fast = await a.linter.lint(doc);
        assert.ok(fast, 'the newer lint publishes');
        assert.equal(await slow, undefined, 'the older lint is dropped');
        assert.ok(a.linter.staleDropped > dropped, 'counted as stale');
        assert.ok(lacksRule('placeholder-text', 'TBD')(ours(doc.uri)), 'diagnostics are those of the newer text');
        await revert(doc);
      },
    },
    {
      name: 'runbookLint.run: onType schedules a lint per keystroke; onSave lints only on save',
      timeoutMs: 45_000,
      fn: async () => {
        const a = await api();
        const cfg = () => vscode.workspace.getConfiguration('runbookLint');
        const { doc, editor } = await openCopy('runbooks/payments.md', 'runbooks/t-onsave.md');
        await waitForDiagnostics(doc.uri, hasRule('required-section'), 'initial diagnostics');
        await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), '\nOwner of the drill: Dana\n'));
        assert.ok(a.linter.pending(doc.uri), 'onType: a lint is scheduled right after the edit');
        await cfg().update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
        try {
          await waitForDiagnostics(doc.uri, (ds) => ds.length > 0 && !a.linter.pending(doc.uri), 'settled after the settings change');
          await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), '\nBackup scribe: TBD\n'));
          assert.equal(a.linter.pending(doc.uri), false, 'onSave: typing schedules nothing');
          assert.ok(lacksRule('placeholder-text', 'TBD')(ours(doc.uri)));
          await doc.save();
          await waitForDiagnostics(doc.uri, hasRule('placeholder-text', 'TBD'), 'the lint on save');
        } finally {
          await cfg().update('run', undefined, vscode.ConfigurationTarget.Workspace);
        }
      },
    },
    {
      name: 'runbookLint.lint lints a Markdown file on request even when it is not detected as a runbook',
      fn: async () => {
        await writeFile('notes/forced.md', '# Plain notes\n\nTBD\n');
        const { doc } = await open('notes/forced.md');
        const counts = await vscode.commands.executeCommand<{ errors: number; warnings: number }>('runbookLint.lint');
        assert.ok(counts && counts.errors > 0, JSON.stringify(counts));
        await waitForDiagnostics(doc.uri, hasRule('placeholder-text', 'TBD'), 'diagnostics of the forced lint');
        await vscode.workspace.fs.delete(doc.uri);
      },
    },
    {
      name: 'quick fix inserts the missing section and its diagnostic goes; disable-for-this-line offered',
      fn: async () => {
        const { doc } = await openCopy('runbooks/payments.md', 'runbooks/t-quickfix.md');
        const ds = await waitForDiagnostics(doc.uri, hasRule('required-section', 'Escalation Contacts'), 'missing section');
        const d = ds.find((x) => x.message.includes('Escalation Contacts'))!;
        const actions = await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
        const insert = actions.find((x) => x.title === 'Insert section "Escalation Contacts"');
        assert.ok(insert?.edit, `quick fix offered; got: ${actions.map((x) => x.title).join(' | ')}`);
        assert.ok(actions.some((x) => /^Disable required-section for this/.test(x.title)), 'a disable action is offered');
        assert.ok(await vscode.workspace.applyEdit(insert.edit));
        await waitForDiagnostics(doc.uri, lacksRule('required-section', 'Escalation Contacts'), 'the fixed finding to go');
        assert.match(doc.getText(), /^## Escalation Contacts$/m);
        // The inserted template's placeholders are still reported: a fix never passes by accident.
        await waitForDiagnostics(doc.uri, hasRule('placeholder-text'), 'placeholders of the inserted template');
        await revert(doc);
      },
    },
    {
      name: '"Disable <rule> for this line" silences one finding',
      fn: async () => {
        const { doc, editor } = await openCopy('runbooks/payments.md', 'runbooks/t-disable.md');
        await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), '\nAlternate scribe: TBD\n'));
        const ds = await waitForDiagnostics(doc.uri, hasRule('placeholder-text', 'TBD'), 'placeholder');
        const d = ds.find((x) => codeOf(x) === 'placeholder-text')!;
        const actions = await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
        const disable = actions.find((x) => x.title === 'Disable placeholder-text for this line');
        assert.ok(disable?.edit, `offered; got ${actions.map((x) => x.title).join(' | ')}`);
        await vscode.workspace.applyEdit(disable.edit);
        await waitForDiagnostics(doc.uri, lacksRule('placeholder-text'), 'the disabled finding to go');
        assert.match(doc.getText(), /<!-- runbook-lint-disable-next-line placeholder-text -->\r?\nAlternate scribe: TBD/);
        await revert(doc);
      },
    },
    {
      name: 'completion on a heading line offers the missing sections with their snippet',
      fn: async () => {
        const { doc, editor } = await openCopy('runbooks/payments.md', 'runbooks/t-completion.md');
        await waitForDiagnostics(doc.uri, hasRule('required-section'), 'diagnostics');
        const line = doc.lineCount;
        await editor.edit((e) => e.insert(doc.lineAt(doc.lineCount - 1).range.end, '\n\n## '));
        const pos = doc.lineAt(doc.lineCount - 1).range.end;
        assert.ok(pos.line >= line);
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos, ' ');
        const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
        const ours_ = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet && i.detail?.startsWith('runbook-lint'));
        const esc = ours_.find((i) => label(i) === 'Escalation Contacts');
        assert.ok(esc, `Escalation Contacts offered; got ${ours_.map(label).join(', ')}`);
        assert.ok(!ours_.some((i) => label(i) === 'Purpose and Scope'), 'present sections are not offered');
        assert.ok(esc.insertText instanceof vscode.SnippetString);
        assert.match(esc.insertText.value, /^## Escalation Contacts\n\n[\s\S]*\$\{1:\[insert /);
        // Front matter: keys the runbook lacks, with enum values after the colon.
        await editor.edit((e) => e.insert(new vscode.Position(1, 0), '\n'));
        const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 0));
        const keyLabels = keys.items.filter((i) => i.kind === vscode.CompletionItemKind.Property).map(label);
        assert.ok(keyLabels.length > 0, 'front-matter keys offered');
        assert.ok(!keyLabels.includes('owner'), `present keys are not offered (${keyLabels.join(', ')})`);
        await editor.edit((e) => e.insert(new vscode.Position(1, 0), 'status: '));
        const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 8));
        const valueLabels = values.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).map(label);
        assert.deepEqual(valueLabels.sort(), ['active', 'draft', 'in-review', 'retired']);
        await revert(doc);
      },
    },
    {
      name: 'hover on a section heading and a front-matter key shows the schema description and docs link',
      fn: async () => {
        const { doc } = await open('runbooks/payments.md');
        const headingLine = doc.getText().split(/\r?\n/).findIndex((l) => l === '## Backup Communication Channels');
        assert.ok(headingLine > 0);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(headingLine, 5));
        const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
        assert.match(text, /Backup Communication Channels/);
        assert.match(text, /required section/);
        assert.match(text, /docs\/rules\/[a-z-]+\.md/);
        const keyHovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(3, 3));
        const keyText = keyHovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
        assert.match(keyText, /last_reviewed/);
        assert.match(keyText, /docs\/rules\/stale-review\.md/);
      },
    },
    {
      name: 'markReviewed sets last_reviewed to today and leaves the rest byte-identical',
      fn: async () => {
        const { doc } = await open('runbooks/stale.md');
        await waitForDiagnostics(doc.uri, hasRule('stale-review'), 'stale review');
        const before = doc.getText();
        assert.ok(await vscode.commands.executeCommand('runbookLint.markReviewed'));
        const after = doc.getText();
        const old = /^last_reviewed: (.*)$/m.exec(before)![1]!;
        assert.equal(after, before.replace(`last_reviewed: ${old}`, `last_reviewed: ${todayLocal()}`));
        await waitForDiagnostics(doc.uri, lacksRule('stale-review'), 'the stale-review finding to go');
        await revert(doc);
      },
    },
    {
      name: 'stale-review quick fix "Mark as reviewed today"',
      fn: async () => {
        const { doc } = await open('runbooks/stale.md');
        const ds = await waitForDiagnostics(doc.uri, hasRule('stale-review'), 'stale review');
        const d = ds.find((x) => codeOf(x) === 'stale-review')!;
        const actions = await codeActions(doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
        const mark = actions.find((x) => x.title.startsWith('Mark as reviewed today'));
        assert.ok(mark?.edit, `offered; got ${actions.map((x) => x.title).join(' | ')}`);
        await vscode.workspace.applyEdit(mark.edit);
        await waitForDiagnostics(doc.uri, lacksRule('stale-review'), 'the finding to go');
        await revert(doc);
      },
    },
    {
      name: 'source action "Fix all runbook-lint problems" (source.fixAll.runbookLint)',
      fn: async () => {
        const { doc } = await open('runbooks/fix-all.md');
        await waitForDiagnostics(doc.uri, (ds) => hasRule('frontmatter', 'approver')(ds) && hasRule('required-section', 'Communication Plan')(ds), 'fixable findings');
        const all = new vscode.Range(0, 0, doc.lineCount, 0);
        const actions = await codeActions(doc.uri, all, 'source.fixAll.runbookLint');
        const fixAll = actions.find((x) => x.title === 'Fix all runbook-lint problems');
        assert.ok(fixAll?.edit, `offered; got ${actions.map((x) => x.title).join(' | ')}`);
        assert.equal(fixAll.kind?.value, 'source.fixAll.runbookLint');
        await vscode.workspace.applyEdit(fixAll.edit);
        const ds = await waitForDiagnostics(doc.uri, (x) => lacksRule('required-section')(x) && lacksRule('frontmatter')(x), 'every fixable finding to go');
        assert.ok(ds.every((x) => codeOf(x) === 'placeholder-text'), `only placeholders remain: ${ds.map(codeOf).join(', ')}`);
        await revert(doc);
      },
    },
    {
      name: 'insertMissingSections inserts every missing section in schema order',
      fn: async () => {
        const { doc } = await open('runbooks/two-missing.md');
        await waitForDiagnostics(doc.uri, hasRule('required-section', 'Testing and Maintenance'), 'missing sections');
        const n = await vscode.commands.executeCommand<number>('runbookLint.insertMissingSections');
        assert.equal(n, 2);
        await waitForDiagnostics(doc.uri, lacksRule('required-section'), 'no missing section');
        const text = doc.getText();
        assert.ok(text.indexOf('## Testing and Maintenance') < text.indexOf('## Dependencies'), 'schema order kept');
        await revert(doc);
      },
    },
    {
      name: 'newRunbook creates a file whose only findings are placeholders, with snippet tab stops',
      fn: async () => {
        const uri = await vscode.commands.executeCommand<vscode.Uri>('runbookLint.newRunbook', { name: 'Checkout outage' });
        assert.ok(uri, 'a file was created');
        assert.equal(vscode.workspace.asRelativePath(uri), 'runbooks/checkout-outage.md', 'created under the include glob base');
        const editor = vscode.window.activeTextEditor!;
        assert.equal(editor.document.uri.toString(), uri.toString());
        // Snippet mode: the first tab stop is selected.
        assert.equal(editor.document.getText(editor.selection), '[insert Role – Name]');
        const doc = editor.document;
        assert.match(doc.getText(), /^---\nowner: "\[insert Role – Name\]"/);
        assert.match(doc.getText(), /^# Checkout outage$/m);
        // Wait for the lint of the inserted skeleton (the empty file was linted first).
        const ds = await waitForDiagnostics(doc.uri, (x) => x.length > 0 && lacksRule('required-section')(x), 'findings of the inserted skeleton');
        // Only placeholders: other rules stay silent on unfilled template text.
        const others = ds.filter((x) => codeOf(x) !== 'placeholder-text');
        assert.deepEqual(others.map((x) => `${x.range.start.line + 1} ${codeOf(x)}: ${x.message}`), [], 'only placeholder findings');
        assert.ok(ds.length > 10, `placeholders reported (${ds.length})`);
        await doc.save();
        await vscode.workspace.fs.delete(uri);
      },
    },
    {
      name: 'a config change re-lints open runbooks; the status bar names the schema and why',
      timeoutMs: 45_000,
      fn: async () => {
        const a = await api();
        const { doc } = await open('runbooks/payments.md');
        await waitForDiagnostics(doc.uri, hasRule('required-section', 'Escalation Contacts'), 'diagnostics');
        assert.match(a.status.tooltipText, /built-in runbook-lint:continuity/);
        assert.match(a.status.tooltipText, /\.runbook-lint\.json has no "schema"/);
        const original = await readFile('.runbook-lint.json');
        try {
          await writeFile('.runbook-lint.json', JSON.stringify({ include: ['runbooks/**/*.md'], ignore: ['archive/**'], schema: './schemas/strict.schema.json' }));
          await waitForDiagnostics(doc.uri, hasRule('required-section', 'On-call Handover'), 'the stricter schema after the config change');
          assert.match(a.status.tooltipText, /Schema: schemas\/strict\.schema\.json — "schema" in \.runbook-lint\.json/);
          // Editing the schema file itself re-lints too.
          const schema = await readFile('schemas/strict.schema.json');
          await writeFile('schemas/strict.schema.json', schema.replaceAll('On-call Handover', 'Shift Handover'));
          await waitForDiagnostics(doc.uri, hasRule('required-section', 'Shift Handover'), 'the edited schema');
          await writeFile('schemas/strict.schema.json', schema);
          // An invalid config is reported on the config file and stops linting with one clear message.
          await writeFile('.runbook-lint.json', JSON.stringify({ rules: { 'no-such-rule': 'error' } }));
          await waitForDiagnostics(doc.uri, hasRule('fatal', 'is invalid'), 'the config problem');
          await waitForDiagnostics(ws('.runbook-lint.json'), (ds) => ds.some((d) => d.message.includes('Unknown rule "no-such-rule"')), 'the config diagnostic');
        } finally {
          await writeFile('.runbook-lint.json', original);
        }
        await waitForDiagnostics(doc.uri, (ds) => hasRule('required-section', 'Escalation Contacts')(ds) && lacksRule('required-section', 'Handover')(ds) && lacksRule('fatal')(ds), 'the original config again');
      },
    },
    {
      name: 'the nearest config applies (nested JSONC config lowers a rule); the tooltip names it',
      fn: async () => {
        const a = await api();
        const { doc } = await open('teams/ops/database.md');
        const ds = await waitForDiagnostics(doc.uri, hasRule('required-section', 'Roles and Responsibilities'), 'the missing section');
        const d = ds.find((x) => codeOf(x) === 'required-section')!;
        assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, 'lowered to a warning by teams/ops/.runbook-lint.jsonc');
        assert.match(a.status.tooltipText, /teams\/ops\/\.runbook-lint\.jsonc has no "schema"/);
      },
    },
    {
      name: 'jsonValidation: the JSON language service checks .runbook-lint.json against the config schema',
      timeoutMs: 45_000,
      fn: async () => {
        const original = await readFile('.runbook-lint.json');
        try {
          await writeFile('.runbook-lint.json', '{ "include": "runbooks/**/*.md" }\n');
          const { doc } = await open('.runbook-lint.json');
          assert.equal(doc.languageId, 'json');
          await new Promise<void>((resolve, reject) => {
            const check = () => vscode.languages.getDiagnostics(doc.uri).some((d) => d.source !== 'runbook-lint' && /array/i.test(d.message));
            if (check()) return resolve();
            const timer = setTimeout(() => { sub.dispose(); reject(new Error(`no JSON schema diagnostic; got ${vscode.languages.getDiagnostics(doc.uri).map((d) => `${d.source}: ${d.message}`).join(' | ')}`)); }, 40_000);
            const sub = vscode.languages.onDidChangeDiagnostics((e) => {
              if (e.uris.some((u) => u.toString() === doc.uri.toString()) && check()) {
                clearTimeout(timer);
                sub.dispose();
                resolve();
              }
            });
          });
        } finally {
          await writeFile('.runbook-lint.json', original);
        }
      },
    },
    {
      name: 'runbookLint.enable=false clears diagnostics; true brings them back; rules setting overrides',
      timeoutMs: 45_000,
      fn: async () => {
        const { doc } = await open('runbooks/payments.md');
        await waitForDiagnostics(doc.uri, hasRule('required-section'), 'diagnostics');
        const cfg = () => vscode.workspace.getConfiguration('runbookLint');
        await cfg().update('enable', false, vscode.ConfigurationTarget.Workspace);
        await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no diagnostics when disabled');
        await cfg().update('enable', undefined, vscode.ConfigurationTarget.Workspace);
        await waitForDiagnostics(doc.uri, hasRule('required-section'), 'diagnostics again');
        await cfg().update('rules', { 'required-section': 'warn' }, vscode.ConfigurationTarget.Workspace);
        await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'required-section' && d.severity === vscode.DiagnosticSeverity.Warning) && !ds.some((d) => codeOf(d) === 'required-section' && d.severity === vscode.DiagnosticSeverity.Error), 'required-section lowered to a warning');
        await cfg().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
        await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'required-section' && d.severity === vscode.DiagnosticSeverity.Error), 'default severity again');
      },
    },
    {
      name: 'lintWorkspace lints unopened runbooks into Problems (worker pool), honouring include/ignore',
      timeoutMs: 60_000,
      fn: async () => {
        const summary = await vscode.commands.executeCommand<WorkspaceLintSummary>('runbookLint.lintWorkspace', { forceWorkers: true, quiet: true });
        assert.ok(summary.workers > 0, `the desktop host lints with worker threads (${JSON.stringify(summary)})`);
        assert.equal(summary.cancelled, false);
        const bulk = ws('runbooks/bulk/rb-3.md');
        const ds = ours(bulk);
        assert.ok(hasRule('required-section', 'Dependencies')(ds), `unopened file has its diagnostics: ${ds.map((d) => d.message).join(' | ')}`);
        assert.ok(ours(ws('notes/frontmatter-runbook.md')).length > 0, 'front-matter runbook outside include is linted');
        assert.deepEqual(ours(ws('README.md')), [], 'README is not a runbook');
        assert.deepEqual(ours(ws('archive/ignored.md')), [], 'ignored by the config');
        assert.deepEqual(ours(ws('notes/not-a-runbook.md')), []);
        assert.ok(summary.files >= 10, `files: ${summary.files}`);
      },
    },
    {
      name: 'lintWorkspace stops when cancelled',
      fn: async () => {
        const source = new vscode.CancellationTokenSource();
        source.cancel();
        const summary = await vscode.commands.executeCommand<WorkspaceLintSummary>('runbookLint.lintWorkspace', { quiet: true, token: source.token });
        assert.equal(summary.cancelled, true);
        assert.equal(summary.files, 0, JSON.stringify(summary));
      },
    },
    {
      name: 'diagnostics are cleared when the file is deleted and when the document closes',
      timeoutMs: 45_000,
      fn: async () => {
        await writeFile('runbooks/to-delete.md', await readFile('runbooks/stale.md'));
        const { doc } = await open('runbooks/to-delete.md');
        await waitForDiagnostics(doc.uri, hasRule('stale-review'), 'diagnostics');
        await vscode.workspace.fs.delete(doc.uri);
        await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'diagnostics to clear after delete', 20_000);
        // Closing: an untitled runbook (front matter) is disposed as soon as its editor is reverted and closed.
        const a = await api();
        const untitled = await vscode.workspace.openTextDocument({ language: 'markdown', content: await readFile('runbooks/stale.md') });
        await vscode.window.showTextDocument(untitled);
        await waitForDiagnostics(untitled.uri, hasRule('stale-review'), 'diagnostics of the untitled runbook');
        const closed = new Promise<void>((resolve) => {
          const sub = vscode.workspace.onDidCloseTextDocument((d) => {
            if (d.uri.toString() === untitled.uri.toString()) {
              sub.dispose();
              resolve();
            }
          });
        });
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        await closed;
        assert.deepEqual(ours(untitled.uri), [], 'diagnostics cleared on close');
        assert.equal(a.linter.state(untitled.uri), undefined);
      },
    },
  ];
}
