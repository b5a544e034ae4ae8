// The grammar on every .xmap file of the repository (examples, test inputs, benchmarks, the
// editor-client test file): each character but whitespace must land in a real scope. A token left
// with only the file's scope (or only meta.shape) is a construct of the language the grammar misses,
// unless it is one of the syntax errors some files make on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { tokenize } from './tokenize.mjs';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const skipped = new Set(['node_modules', 'bin', 'obj', '.git']);

function xmapFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return skipped.has(entry.name) ? [] : xmapFiles(full);
    return entry.name.endsWith('.xmap') ? [full] : [];
  });
}

const files = xmapFiles(repository).sort();

/** The words of files that hold syntax errors on purpose: the grammar rightly leaves them unscoped. */
const deliberateSyntaxErrors = {
  'editors/clients/mistakes.xmap': ["31:5 'stuck-of'"],
  'tests/MapDsl.Generator.Tests/Xmap/Invalid/syntax.xmap': ["5:14 'x'"],
};

test('the repository has the shipped examples', () => {
  const relative = files.map((file) => path.relative(repository, file).split(path.sep).join('/'));
  for (const example of ['examples/xmap/lenet5.xmap', 'examples/xmap/resnet8.xmap', 'examples/DifferentialMapping/differential.xmap']) {
    assert.ok(relative.includes(example), `${example} is found`);
  }
});

for (const file of files) {
  const name = path.relative(repository, file).split(path.sep).join('/');
  test(`every token of ${name} has a scope`, async () => {
    const unscoped = (await tokenize(readFileSync(file, 'utf8')))
      .filter((token) => token.text.trim() !== '')
      .filter((token) => token.scopes.length < 2 || token.scopes.at(-1).startsWith('meta.') || token.scopes.some((scope) => scope.startsWith('invalid')))
      .map((token) => `${token.line + 1}:${token.start + 1 + token.text.length - token.text.trimStart().length} '${token.text.trim()}'`
        + (token.scopes.length > 1 ? ` (${token.scopes.slice(1).join(' ')})` : ''));
    assert.deepEqual(unscoped, deliberateSyntaxErrors[name] ?? [], `unscoped tokens of ${name}`);
  });
}
