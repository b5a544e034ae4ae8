// Starts the built .xmap language server as a child process and connects to it over its stdio
// with vscode-languageserver-protocol, the protocol library VS Code's own client is built on.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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
  if (!existsSync(serverDll)) {
    throw new Error(`no server at ${serverDll}: build it (dotnet build src/LanguageServer) or set MAPDSL_LSP_DLL`);
  }
  const child = spawn('dotnet', [serverDll, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  // A server that dies at start never answers, or breaks the pipe first: either way its exit is
  // the reason worth reporting.
  const died = exited.then(({ code, signal }) => {
    throw new Error(`dotnet ${serverDll} --stdio exited (code ${code}, signal ${signal}) before answering initialize`);
  });
  let initialized;
  try {
    initialized = await Promise.race([
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        clientInfo: { name: 'mapdsl node client test' },
      }),
      died,
    ]);
  } catch (error) {
    await Promise.race([died, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    throw error;
  }
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
