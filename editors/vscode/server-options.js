// How the extension starts the language server, from the user's settings. Kept apart from
// extension.js (which needs the vscode module) so that it can be tested with plain Node.
'use strict';

const defaultCommand = 'mapdsl-lsp';
const defaultArgs = ['--stdio'];
const workspaceFolderVariable = '${workspaceFolder}';

/**
 * The server's executable for vscode-languageclient from `mapdsl.server.command` and
 * `mapdsl.server.args`; `${workspaceFolder}` in either becomes the first workspace folder.
 * Throws an Error naming the setting when a setting cannot be used as it is.
 */
function serverExecutable(settings, workspaceFolder) {
  const command = settings.command ?? defaultCommand;
  if (typeof command !== 'string' || command.trim() === '') {
    throw new Error('mapdsl.server.command must name a program, such as "mapdsl-lsp" or "dotnet".');
  }

  const args = settings.args ?? defaultArgs;
  if (!Array.isArray(args) || args.some((arg) => typeof arg !== 'string')) {
    throw new Error('mapdsl.server.args must be a list of strings, such as ["--stdio"].');
  }

  const substitute = (text, setting) => {
    if (!text.includes(workspaceFolderVariable)) return text;
    if (!workspaceFolder) {
      throw new Error(`${setting} uses ${workspaceFolderVariable} but no folder is open.`);
    }
    return text.split(workspaceFolderVariable).join(workspaceFolder);
  };

  // No `transport`: vscode-languageclient would append its own --stdio to the arguments, and the
  // server is told --stdio by the arguments already (a user's `dotnet run ... -- --stdio` included).
  return {
    command: substitute(command.trim(), 'mapdsl.server.command'),
    args: args.map((arg) => substitute(arg, 'mapdsl.server.args')),
    options: workspaceFolder ? { cwd: workspaceFolder } : {},
  };
}

/** The initialize request's options: the server's fallback namespace when `mapdsl.rootNamespace` is set. */
function initializationOptions(rootNamespace) {
  return typeof rootNamespace === 'string' && rootNamespace.trim() !== '' ? { rootNamespace: rootNamespace.trim() } : {};
}

module.exports = { serverExecutable, initializationOptions, defaultCommand, defaultArgs };
