// Starts the built .xmap language server as a child process and connects to it over its stdio
// with vscode-languageserver-protocol, the protocol library VS Code's own client is built on.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
} from 'vscode-languageserver-protocol/node.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The server dll: MAPDSL_LSP_DLL, or the Debug build `dotnet build src/LanguageServer` makes. */
export const serverDll = process.env.MAPDSL_LSP_DLL
  ?? path.join(repository, 'src/LanguageServer/bin/Debug/net10.0/MapDsl.LanguageServer.dll');

/**
 * Spawns `dotnet <dll> --stdio`, sends initialize/initialized and returns the connection. The
 * server's stderr is passed through, so that a crash shows its stack trace in the test output.
 */
export async function startServer() {
  const child = spawn('dotnet', [serverDll, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  const initialized = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    clientInfo: { name: 'mapdsl node client test' },
  });
  await connection.sendNotification(InitializedNotification.type, {});

  return {
    connection,
    capabilities: initialized.capabilities,
    /** shutdown then exit, as an editor closes; resolves with the process's exit code. */
    async stop() {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const { code } = await exited;
      connection.dispose();
      return code;
    },
  };
}
