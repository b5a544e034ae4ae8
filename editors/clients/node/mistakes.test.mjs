// The .xmap language server driven by a client nobody here wrote: vscode-languageserver-protocol
// opens ../mistakes.xmap and checks diagnostics, a hover and a completion against
// ../mistakes.expected.json (the Neovim test checks the same file against the same expectations).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import {
  CompletionRequest,
  DidOpenTextDocumentNotification,
  HoverRequest,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol/node.js';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const expected = JSON.parse(readFileSync(path.join(here, '../mistakes.expected.json'), 'utf8'));
const file = path.join(here, '..', expected.file);
const uri = pathToFileURL(file).href;

// Generous: the first start of a .NET server on a loaded 2-core machine takes seconds.
const timeout = 60_000;
let server;
let published;

before(async () => {
  server = await startServer();
  // The first publication for the file: the server publishes once per open or change.
  published = new Promise((resolve) => {
    server.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri) resolve(params);
    });
  });
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'xmap', version: 1, text: readFileSync(file, 'utf8') },
  });
}, { timeout });

after(async () => {
  if (server === undefined) return; // before failed, and said why
  assert.equal(await server.stop(), 0, 'the server exits with 0 after shutdown and exit');
}, { timeout });

test('the server announces hover and completion', { timeout }, () => {
  assert.equal(server.capabilities.hoverProvider, true);
  assert.ok(server.capabilities.completionProvider, 'completionProvider');
});

test('diagnostics: XMAP ID, severity, line and column of each mistake', { timeout }, async () => {
  const { diagnostics, version } = await published;
  assert.equal(version, 1);
  const actual = diagnostics
    .map((d) => ({ code: d.code, severity: d.severity, line: d.range.start.line, character: d.range.start.character, message: d.message }))
    .sort((a, b) => a.line - b.line || a.character - b.character);
  for (const d of actual) console.log(`diagnostic ${d.code} ${d.line + 1}:${d.character + 1} ${d.message}`);

  assert.deepEqual(
    actual.map(({ message, ...place }) => place),
    expected.diagnostics.map(({ message, ...place }) => place));
  actual.forEach((d, i) => assert.ok(d.message.includes(expected.diagnostics[i].message), `"${d.message}" includes "${expected.diagnostics[i].message}"`));
  for (const d of diagnostics) assert.equal(d.source, 'mapdsl');
});

test('hover on a conv layer shows its shapes and crossbar matrix', { timeout }, async () => {
  const { line, character, contains } = expected.hover;
  const hover = await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
  console.log(`hover at ${line + 1}:${character + 1}: ${JSON.stringify(hover.contents)}`);

  assert.equal(hover.contents.kind, 'markdown');
  for (const text of contains) assert.ok(hover.contents.value.includes(text), `hover "${hover.contents.value}" includes "${text}"`);
});

test('completion after the arrow of a mapping offers the declared targets', { timeout }, async () => {
  const { line, character, labels } = expected.completion;
  const result = await server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
  const items = Array.isArray(result) ? result : result.items;
  console.log(`completion at ${line + 1}:${character + 1}: ${JSON.stringify(items)}`);

  assert.deepEqual(items.map((item) => item.label).sort(), [...labels].sort());
});
