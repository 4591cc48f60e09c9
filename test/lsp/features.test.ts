import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, TextDocumentEdit, TextEdit } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LspTestClient } from "../helpers/lsp-client";

const tsconfig = JSON.stringify({ compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, types: [] } });
const text = `export async function audit(name: string): Promise<void> {}

export async function save(name: string) {
  audit(name);
  audit("twice");
}
`;

function workspaceWith(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-lsp-features-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

function until<T>(check: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = check();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 25);
    };
    poll();
  });
}

function applyAction(document: TextDocument, action: CodeAction): string {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `action "${action.title}" has no edit`);
  return TextDocument.applyEdits(document, change.edits as TextEdit[]);
}

describe("language server features over JSON-RPC", function () {
  this.timeout(60_000);
  let client: LspTestClient;
  const roots: string[] = [];
  afterEach(async () => client?.dispose());
  after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

  async function open(files: Record<string, string>, file: string, options: Parameters<LspTestClient["initialize"]>[1] = {}) {
    const root = workspaceWith(files);
    roots.push(root);
    client = new LspTestClient();
    await client.initialize(pathToFileURL(root).href, options);
    const uri = pathToFileURL(path.join(root, file)).href;
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "typescript", version: 1, text: files[file] },
    });
    return { root, uri };
  }

  const pull = (uri: string, previousResultId?: string) =>
    client.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri }, previousResultId }) as Promise<DocumentDiagnosticReport>;

  it("pull diagnostics: full report with a resultId, `unchanged` when nothing changed, refresh after an edit", async () => {
    const { uri } = await open({ "tsconfig.json": tsconfig, "a.ts": text }, "a.ts", { pull: true });
    const first = await pull(uri);
    assert.equal(first.kind, "full");
    assert.deepEqual(first.kind === "full" && first.items.map((d) => d.range.start.line), [3, 4]);
    assert.ok(first.resultId);
    const again = await pull(uri, first.resultId);
    assert.deepEqual(again, { kind: "unchanged", resultId: first.resultId });

    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }, text: "" }],
    });
    const changed = await pull(uri, first.resultId);
    assert.equal(changed.kind, "full");
    assert.deepEqual(changed.kind === "full" && changed.items.map((d) => d.range.start.line), [3]);
    await until(() => (client.serverRequests.includes("workspace/diagnostic/refresh") ? true : undefined), "a diagnostics refresh request");
  });

  it("lazy code actions: no edit until codeAction/resolve; fix all of a rule in the file", async () => {
    const { uri } = await open({ "tsconfig.json": tsconfig, "a.ts": text }, "a.ts", { resolve: true });
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
    const diagnostic = published.diagnostics[0] as Diagnostic;
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const fixAll = actions.find((a) => a.title === "Fix all `floating-promise` problems: Add await");
    assert.ok(fixAll, actions.map((a) => a.title).join(", "));
    assert.equal(fixAll.edit, undefined, "edits are computed on resolve");
    const resolved = (await client.connection.sendRequest("codeAction/resolve", fixAll)) as CodeAction;
    const after = applyAction(TextDocument.create(uri, "typescript", 1, text), resolved);
    assert.equal(after, text.replace("  audit(name);", "  await audit(name);").replace('  audit("twice");', '  await audit("twice");'));
  });

  it("ignore-for-this-line applies a suppression and the diagnostic goes away", async () => {
    const { uri } = await open({ "tsconfig.json": tsconfig, "a.ts": text }, "a.ts");
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
    const diagnostic = published.diagnostics[1] as Diagnostic;
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const ignore = actions.find((a) => a.title === "Ignore `floating-promise` for this line")!;
    const fixed = applyAction(TextDocument.create(uri, "typescript", 1, text), ignore);
    assert.ok(fixed.includes('  audit(name);\n  // nursery-ignore-next-line floating-promise\n  audit("twice");'));
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics.map((d) => d.range.start.line), [3]);
  });

  it("source.fixAll.nursery applies safe fixes only (for codeActionsOnSave)", async () => {
    const withUnused = `// nursery-ignore-next-line floating-promise\nexport const x = 1;\n${text}`;
    const { uri } = await open({ "tsconfig.json": tsconfig, "a.ts": withUnused }, "a.ts");
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 3);
    for (const only of [["source.fixAll.nursery"], ["source.fixAll"]]) {
      const actions = (await client.connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only },
      })) as CodeAction[];
      assert.deepEqual(actions.map((a) => [a.title, a.kind]), [["Fix all safe Nursery problems", "source.fixAll.nursery"]]);
      const fixed = applyAction(TextDocument.create(uri, "typescript", 1, withUnused), actions[0]!);
      assert.equal(fixed, `export const x = 1;\n${text}`, "the unused suppression goes, the unsafe add-await does not");
    }
  });

  it("source.fixAll.nursery leaves out a fix that would import a runtime the project does not have; the quick fix stays", async () => {
    const sleepy = "export async function poll(signal: AbortSignal) {\n  await new Promise((resolve) => setTimeout(resolve, 100));\n}\n";
    const { uri } = await open({ "tsconfig.json": tsconfig, "a.ts": sleepy }, "a.ts");
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
    const diagnostic = published.diagnostics[0] as Diagnostic;
    assert.equal(diagnostic.code, "uncancellable-sleep");
    const fixAll = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll.nursery"] },
    })) as CodeAction[];
    assert.deepEqual(fixAll, [], "on save, an import of a missing `nursery` would break the build");
    const quickFixes = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const sleep = quickFixes.find((a) => a.title === "Make the sleep cancellable");
    assert.ok(sleep, quickFixes.map((a) => a.title).join(", "));
    assert.match(applyAction(TextDocument.create(uri, "typescript", 1, sleepy), sleep), /^import \{ sleep \} from "nursery";\n[\s\S]*await sleep\(100, signal\);/);
  });

  it("a broken nursery.json gets positioned diagnostics; files still get defaults; fixing it on disk applies it", async () => {
    const { root, uri } = await open(
      { "tsconfig.json": tsconfig, "nursery.json": '{\n  "rules": { "floating-promis": "off" }\n}\n', "a.ts": text },
      "a.ts",
    );
    const configUri = pathToFileURL(path.join(root, "nursery.json")).href;
    const configDiagnostics = await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(configDiagnostics.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.source]), [[1, 13, "nursery"]]);
    assert.match(String(configDiagnostics.diagnostics[0]!.message), /unknown rule "floating-promis"/);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
    const status = await until(() => client.notifications.filter((n) => n.method === "nursery/status").at(-1)?.params as { state: string } | undefined, "status");
    assert.equal(status.state, "warning");

    fs.writeFileSync(path.join(root, "nursery.json"), '{ "rules": { "floating-promise": "off" } }');
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: configUri, type: 2 }] });
    await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length === 0);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  });

  it("VS Code settings override nursery.json (per resource)", async () => {
    const root = workspaceWith({ "tsconfig.json": tsconfig, "a.ts": text });
    roots.push(root);
    client = new LspTestClient();
    client.settings = { enable: true, rules: { "floating-promise": "warn" } };
    await client.initialize(pathToFileURL(root).href);
    const uri = pathToFileURL(path.join(root, "a.ts")).href;
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
    assert.deepEqual(published.diagnostics.map((d) => d.severity), [2, 2], "warning severity from the settings");
  });

  it("a broken tsconfig is reported on the tsconfig, and its files are checked with default options", async () => {
    const { root, uri } = await open({ "tsconfig.json": '{ "compilerOptions": { "target": "ES1999" } }', "a.ts": text }, "a.ts");
    const tsconfigUri = pathToFileURL(path.join(root, "tsconfig.json")).href;
    const onConfig = await client.waitForDiagnostics(tsconfigUri, (p) => p.diagnostics.length > 0);
    assert.match(String(onConfig.diagnostics[0]!.message), /Invalid tsconfig .*target/);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
  });

  it("reports progress while a project loads, and its version in serverInfo", async () => {
    const root = workspaceWith({ "tsconfig.json": tsconfig, "a.ts": text });
    roots.push(root);
    client = new LspTestClient();
    const init = await client.initialize(pathToFileURL(root).href, { progress: true });
    assert.equal(init.serverInfo?.name, "nursery");
    assert.match(init.serverInfo?.version ?? "", /^\d+\.\d+\.\d+/);
    const uri = pathToFileURL(path.join(root, "a.ts")).href;
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
    const kinds = await until(() => {
      const found = client.notifications.filter((n) => n.method === "$/progress").map((n) => (n.params as { value: { kind: string } }).value.kind);
      return found.includes("end") ? found : undefined;
    }, "progress end");
    assert.deepEqual(kinds, ["begin", "end"]);
    assert.ok(client.serverRequests.includes("window/workDoneProgress/create"));
  });
});
