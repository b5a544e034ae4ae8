// The VS Code side of the .xmap language server: starts it for .xmap files with
// vscode-languageclient and restarts it when its settings change.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');
const { serverExecutable, initializationOptions } = require('./server-options');

/** @type {LanguageClient | undefined} */
let client;

async function start() {
  const settings = vscode.workspace.getConfiguration('mapdsl');
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let executable;
  try {
    executable = serverExecutable({ command: settings.get('server.command'), args: settings.get('server.args') }, workspaceFolder);
  } catch (error) {
    vscode.window.showErrorMessage(`MapDsl: ${error.message}`);
    return;
  }

  // The id 'mapdsl' makes the client honour the mapdsl.trace.server setting.
  client = new LanguageClient('mapdsl', 'MapDsl', executable, {
    documentSelector: [
      { scheme: 'file', language: 'xmap' },
      { scheme: 'untitled', language: 'xmap' },
    ],
    initializationOptions: initializationOptions(settings.get('rootNamespace')),
  });
  try {
    await client.start();
  } catch (error) {
    const commandLine = [executable.command, ...executable.args].join(' ');
    vscode.window.showErrorMessage(
      `MapDsl: the language server did not start (${commandLine}): ${error.message}. `
      + 'Install it with `dotnet tool install` (docs/editors.md) or point mapdsl.server.command at it.');
    client = undefined;
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

async function activate(context) {
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (change) => {
    if (change.affectsConfiguration('mapdsl.server') || change.affectsConfiguration('mapdsl.rootNamespace')) {
      await stop();
      await start();
    }
  }));
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
