// gwlint for VS Code: starts `gwlint server` (LSP over stdio) for plain
// text and Markdown documents. No build step: plain CommonJS.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

async function activate(context) {
  const command = vscode.workspace.getConfiguration('gwlint').get('path') || 'gwlint';
  // No `transport` field on purpose: with `TransportKind.stdio` the client
  // would append `--stdio` to the arguments, which `gwlint server` rejects.
  const serverOptions = { command, args: ['server'] };
  const clientOptions = {
    documentSelector: [{ language: 'plaintext' }, { language: 'markdown' }],
    // The server also registers a watcher for **/*.toml itself; this one
    // makes gwlint.toml changes reach it even before that registration.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/gwlint.toml') },
  };
  client = new LanguageClient('gwlint', 'gwlint', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gwlint.path')) {
        vscode.window.showInformationMessage('gwlint.path 已更改，重新加载窗口后生效。');
      }
    }),
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
