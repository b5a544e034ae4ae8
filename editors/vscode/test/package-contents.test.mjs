// What `vsce package` puts into the .vsix (listed by `vsce ls`, which applies .vscodeignore the same
// way): every file the manifest points VS Code at, the client library, and none of the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = require('../package.json');
const vsce = path.join(extension, 'node_modules/@vscode/vsce/vsce');
const files = execFileSync(process.execPath, [vsce, 'ls'], { cwd: extension, encoding: 'utf8' }).split('\n').filter(Boolean);
const relative = (file) => path.posix.normalize(file);

test('every file the manifest names is packaged', () => {
  const named = [
    manifest.main,
    ...manifest.contributes.languages.map((language) => language.configuration),
    ...manifest.contributes.grammars.map((grammar) => grammar.path),
  ].map(relative);
  for (const file of named) assert.ok(files.includes(file), `${file} is in the package`);
  assert.ok(files.includes('server-options.js'), 'server-options.js (required by extension.js) is in the package');
});

test('the language client and the libraries it loads are packaged', () => {
  for (const file of [
    'node_modules/vscode-languageclient/node.js',
    'node_modules/vscode-languageclient/lib/node/main.js',
    'node_modules/vscode-languageserver-protocol/lib/node/main.js',
    'node_modules/vscode-jsonrpc/lib/node/main.js',
  ]) {
    assert.ok(files.includes(file), `${file} is in the package`);
  }
});

test('tests and development tools stay out of the package', () => {
  const unwanted = files.filter((file) => file.startsWith('test/')
    || file.startsWith('node_modules/@vscode/vsce/')
    || file.startsWith('node_modules/vscode-tmgrammar-test/')
    || file === 'package-lock.json');
  assert.deepEqual(unwanted, []);
});
