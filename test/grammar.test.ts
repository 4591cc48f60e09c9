import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";

const repoRoot = path.join(__dirname, "..");
const grammarsDir = path.join(repoRoot, "node_modules", "tm-grammars", "grammars");
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const contribution = manifest.contributes.grammars[0] as { scopeName: string; path: string; injectTo: string[] };

/** VS Code's own TypeScript/JavaScript grammars (from tm-grammars) with our injection, as the editor loads them. */
async function createRegistry(): Promise<textmate.Registry> {
  const wasm = fs.readFileSync(path.join(repoRoot, "node_modules", "vscode-oniguruma", "release", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = {
    "source.ts": path.join(grammarsDir, "typescript.json"),
    "source.tsx": path.join(grammarsDir, "tsx.json"),
    "source.js": path.join(grammarsDir, "javascript.json"),
    [contribution.scopeName]: path.join(repoRoot, contribution.path),
  };
  return new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      return file ? textmate.parseRawGrammar(fs.readFileSync(file, "utf8"), file) : null;
    },
    getInjections: (scopeName) => (contribution.injectTo.includes(scopeName) ? [contribution.scopeName] : undefined),
  });
}

/** `[text, innermost scope]` for every token of one line, skipping plain whitespace. */
async function tokens(registry: textmate.Registry, scope: string, line: string): Promise<[string, string][]> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, `no grammar for ${scope}`);
  const { tokens: raw } = grammar.tokenizeLine(line, textmate.INITIAL);
  return raw
    .map((t): [string, string] => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]!])
    .filter(([text]) => text.trim() !== "");
}

describe("nursery-ignore grammar (injected into VS Code's TS/JS grammars)", () => {
  let registry: textmate.Registry;
  before(async () => {
    registry = await createRegistry();
  });

  it("highlights directive, rule ids and reason in a line comment", async () => {
    const result = await tokens(registry, "source.ts", "  // nursery-ignore-next-line floating-promise, leaky-all -- fire and forget");
    assert.deepEqual(result.slice(1), [
      ["nursery-ignore-next-line", "keyword.control.directive.nursery-ignore"],
      ["floating-promise", "entity.name.tag.rule-id.nursery-ignore"],
      [",", "punctuation.separator.comma.nursery-ignore"],
      ["leaky-all", "entity.name.tag.rule-id.nursery-ignore"],
      ["--", "punctuation.separator.reason.nursery-ignore"],
      ["fire and forget", "string.unquoted.reason.nursery-ignore"],
    ]);
    assert.equal(result[0]![0], "//");
  });

  it("works in block comments, TSX and JavaScript, and leaves the closing */ alone", async () => {
    for (const scope of ["source.ts", "source.tsx", "source.js"]) {
      const result = await tokens(registry, scope, "/* nursery-ignore-file floating-promise -- legacy */");
      assert.deepEqual(result.find(([text]) => text === "nursery-ignore-file"), ["nursery-ignore-file", "keyword.control.directive.nursery-ignore"], scope);
      assert.deepEqual(result.find(([text]) => text === "legacy"), ["legacy", "string.unquoted.reason.nursery-ignore"], scope);
      assert.ok(result.some(([text, s]) => text === "*/" && s.startsWith("punctuation.definition.comment")), scope);
    }
  });

  it("does not touch strings or ordinary comments", async () => {
    const inString = await tokens(registry, "source.ts", 'const s = "// nursery-ignore-next-line floating-promise";');
    assert.ok(inString.every(([, scope]) => !scope.includes("nursery-ignore")));
    const plain = await tokens(registry, "source.ts", "// an ordinary comment about nursery");
    assert.ok(plain.every(([, scope]) => !scope.includes("nursery-ignore")));
  });
});
