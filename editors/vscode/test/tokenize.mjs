// Tokenizes .xmap text with the shipped grammar through vscode-textmate and vscode-oniguruma, the
// engine VS Code itself highlights with (vscode-tmgrammar-test uses the same two libraries).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import textmate from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const grammarPath = path.join(extension, 'syntaxes/xmap.tmLanguage.json');

let grammarPromise;

/** The source.xmap grammar, loaded once. */
export function loadGrammar() {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === 'source.xmap' ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    });
    return registry.loadGrammar('source.xmap');
  })();
  return grammarPromise;
}

/** Every token of the text: 0-based line, start and end columns, its text and its scopes (outermost first). */
export async function tokenize(text) {
  const grammar = await loadGrammar();
  const tokens = [];
  let state = textmate.INITIAL;
  text.split(/\r?\n/).forEach((line, lineIndex) => {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, line.length);
      if (end > token.startIndex) {
        tokens.push({ line: lineIndex, start: token.startIndex, end, text: line.slice(token.startIndex, end), scopes: token.scopes });
      }
    }
    state = result.ruleStack;
  });
  return tokens;
}
