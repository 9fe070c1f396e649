/** Restricted Mode: the workspace's config points at a stricter schema and turns a rule off; both must be ignored. */
import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/vscode/main.js';
import type { TestCase } from './harness.js';
import { EXTENSION_ID, hasRule, lacksRule, open, ours, waitForDiagnostics } from './helpers.js';

export function untrustedSuite(): TestCase[] {
  return [
    {
      name: 'the folder is open in Restricted Mode',
      fn: async () => {
        assert.equal(vscode.workspace.isTrusted, false);
      },
    },
    {
      name: 'an untrusted workspace ignores the workspace schema and rule settings (bundled schema, default rules)',
      fn: async () => {
        const { doc } = await open('runbooks/payments.md');
        const ds = await waitForDiagnostics(doc.uri, (x) => hasRule('required-section', 'Revision History')(x) && hasRule('placeholder-text', 'TBD')(x), 'built-in schema findings with default rules');
        assert.ok(lacksRule('required-section', 'On-call Handover')(ds), 'the workspace schema is not used');
        assert.ok(ds.every((d) => d.source === 'runbook-lint'));
        const api = await vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID)!.activate();
        assert.match(api.status.tooltipText, /built-in runbook-lint:continuity — workspace not trusted/);
        assert.deepEqual(api.configDiagnostics.get(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, '.runbook-lint.json')) ?? [], []);
        assert.ok(ours(doc.uri).length > 0);
      },
    },
  ];
}
