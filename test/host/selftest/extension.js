// Throwaway extension for the host selftest: one command and one webview with a button.
const vscode = require('vscode');

let clicks = 0;

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('hostSelftest.hello', () => 'hello from selftest'),
    vscode.commands.registerCommand('hostSelftest.clicks', () => clicks),
    vscode.commands.registerCommand('hostSelftest.openPanel', () => {
      const panel = vscode.window.createWebviewPanel('hostSelftest', 'Selftest panel', vscode.ViewColumn.One,
        { enableScripts: true });
      panel.webview.onDidReceiveMessage((m) => { if (m === 'clicked') clicks++; });
      panel.webview.html = `<!DOCTYPE html><html><body>
        <h1 id="greeting">Hello from the selftest webview</h1>
        <button id="press">Press me</button>
        <script>
          const vscode = acquireVsCodeApi();
          document.getElementById('press').addEventListener('click', () => vscode.postMessage('clicked'));
        </script></body></html>`;
    }),
  );
};
exports.deactivate = () => {};
