// Runs inside the extension host. SELFTEST_MODE (from runInHost's env option) picks the scenario.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const bridge = process.env.RUNBOOK_LINT_HOST_BRIDGE;
async function host(action, body) {
  const res = await fetch(`${bridge}/${action}`, { method: 'POST', body: JSON.stringify(body) });
  return res.json();
}

exports.run = async () => {
  const mode = process.env.SELFTEST_MODE || 'pass';
  console.log(`selftest mode=${mode} vscode=${vscode.version} trusted=${vscode.workspace.isTrusted}`);
  if (mode === 'fail') throw new Error('deliberate failure');

  assert.match(vscode.version, /^1\.100\./);
  assert.ok(bridge, 'RUNBOOK_LINT_HOST_BRIDGE is set');
  if (mode === 'untrusted') {
    assert.equal(vscode.workspace.isTrusted, false, 'workspace should be untrusted');
  } else {
    assert.equal(vscode.workspace.isTrusted, true);
  }
  const ext = vscode.extensions.getExtension('runbook-lint-selftest.host-selftest');
  assert.ok(ext, 'selftest extension is loaded');
  // 'vsix': the copy installed from the .vsix must be the one running, not this development folder.
  const devCopy = path.resolve(__dirname, '..');
  assert.equal(path.resolve(ext.extensionPath) === devCopy, mode !== 'vsix', `extensionPath ${ext.extensionPath}`);
  await ext.activate();
  assert.equal(await vscode.commands.executeCommand('hostSelftest.hello'), 'hello from selftest');

  // Webview round trip through the bridge: read text, click the button, see the message arrive.
  await vscode.commands.executeCommand('hostSelftest.openPanel');
  const t = await host('text', { selector: '#greeting', timeoutMs: 15000 });
  assert.equal(t.text, 'Hello from the selftest webview');
  assert.equal((await host('click', { selector: '#press' })).ok, true);
  for (let i = 0; i < 50 && (await vscode.commands.executeCommand('hostSelftest.clicks')) === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await vscode.commands.executeCommand('hostSelftest.clicks'), 1);
  assert.equal((await host('click', { selector: '#does-not-exist', timeoutMs: 500 })).ok, false);

  if (process.env.SELFTEST_SHOT) {
    const s = await host('screenshot', { path: process.env.SELFTEST_SHOT });
    assert.equal(s.ok, true, JSON.stringify(s));
  }
  console.log('selftest: all assertions passed');
};
