// The extension's reading of its settings (server-options.js); extension.js itself runs only inside VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { serverExecutable, initializationOptions } = require('../server-options.js');
const manifest = require('../package.json');

test('without settings the server is the mapdsl-lsp tool over stdio', () => {
  assert.deepEqual(serverExecutable({}, undefined), { command: 'mapdsl-lsp', args: ['--stdio'], options: {} });
});

test('the defaults of package.json are those the code falls back to', () => {
  const properties = manifest.contributes.configuration.properties;
  const fromManifest = serverExecutable(
    { command: properties['mapdsl.server.command'].default, args: properties['mapdsl.server.args'].default },
    undefined);
  assert.deepEqual(fromManifest, serverExecutable({}, undefined));
});

test('${workspaceFolder} runs the server of the open clone with dotnet run', () => {
  const executable = serverExecutable(
    { command: 'dotnet', args: ['run', '--project', '${workspaceFolder}/src/LanguageServer', '--', '--stdio'] },
    '/home/me/mapdsl');

  assert.deepEqual(executable, {
    command: 'dotnet',
    args: ['run', '--project', '/home/me/mapdsl/src/LanguageServer', '--', '--stdio'],
    options: { cwd: '/home/me/mapdsl' },
  });
});

test('${workspaceFolder} without an open folder is an error naming the setting', () => {
  assert.throws(
    () => serverExecutable({ args: ['${workspaceFolder}/server.dll'] }, undefined),
    { message: 'mapdsl.server.args uses ${workspaceFolder} but no folder is open.' });
});

test('unusable settings are errors naming the setting', () => {
  assert.throws(() => serverExecutable({ command: '  ' }, '/w'), /^Error: mapdsl\.server\.command must name a program/);
  assert.throws(() => serverExecutable({ args: '--stdio' }, '/w'), /^Error: mapdsl\.server\.args must be a list of strings/);
  assert.throws(() => serverExecutable({ args: ['--stdio', 3] }, '/w'), /^Error: mapdsl\.server\.args must be a list of strings/);
});

test('the root namespace goes to the server only when set', () => {
  assert.deepEqual(initializationOptions('Lab.Shared'), { rootNamespace: 'Lab.Shared' });
  assert.deepEqual(initializationOptions(''), {});
  assert.deepEqual(initializationOptions(undefined), {});
});
