import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { LspTestClient, serverPath } from "../helpers/lsp-client";

const tsconfig = {
  compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, types: [] },
  include: ["src"],
};

const serviceText = `export async function audit(name: string): Promise<void> {}

export async function save(name: string) {
  audit(name);
  await audit("after");
}

export function syncCaller(name: string) {
  audit(name);
}
`;

function applyAction(document: TextDocument, action: CodeAction): string {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `action "${action.title}" has no document edit`);
  assert.equal(change.textDocument.version, document.version, "edit is tied to the current document version");
  return TextDocument.applyEdits(document, change.edits as TextEdit[]);
}

describe("language server over JSON-RPC (dist/server.js)", function () {
  this.timeout(60_000);
  let root: string;
  let client: LspTestClient;
  let fileName: string;
  let uri: string;

  before(function () {
    if (!fs.existsSync(serverPath)) throw new Error(`${serverPath} is missing: run "npm run build" first`);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-lsp-"));
    fs.mkdirSync(path.join(root, "src"));
    fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify(tsconfig));
    fileName = path.join(root, "src", "service.ts");
    fs.writeFileSync(fileName, serviceText);
    uri = pathToFileURL(fileName).href;
  });

  beforeEach(async () => {
    client = new LspTestClient();
    await client.initialize(pathToFileURL(root).href);
  });

  afterEach(async () => client.dispose());
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("publishes floating-promise diagnostics for an opened document", async () => {
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "typescript", version: 1, text: serviceText },
    });
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const summary = published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.source]);
    assert.deepEqual(summary, [
      ["floating-promise", 3, 2, "nursery"],
      ["floating-promise", 8, 2, "nursery"],
    ]);
    assert.match(String(published.diagnostics[0]!.message), /^Promise is neither awaited nor handled/);
    assert.ok(published.diagnostics[0]!.codeDescription?.href.endsWith("floating-promise.md"));
  });

  it("offers add-await only where await is legal, applies it, and the diagnostic goes away", async () => {
    let document = TextDocument.create(uri, "typescript", 1, serviceText);
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "typescript", version: 1, text: serviceText },
    });
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === 2);
    const [inAsync, inSync] = published.diagnostics as [Diagnostic, Diagnostic];

    const asyncActions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: inAsync.range,
      context: { diagnostics: [inAsync] },
    })) as CodeAction[];
    assert.deepEqual(asyncActions.map((a) => [a.title, a.kind, a.isPreferred ?? false]), [
      ["Add await", "quickfix", true],
      ["Detach with void", "quickfix", false],
      ["Run in a nursery", "quickfix", false],
      ["Ignore `floating-promise` for this line", "quickfix", false],
      ["Ignore `floating-promise` for this file", "quickfix", false],
      ["Show documentation for `floating-promise`", "quickfix", false],
    ]);
    assert.deepEqual(asyncActions[5]!.command?.arguments, ["https://github.com/nursery-dev/nursery/blob/main/docs/rules/floating-promise.md"]);
    assert.deepEqual(asyncActions[0]!.diagnostics, [inAsync]);

    const syncActions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: inSync.range,
      context: { diagnostics: [inSync] },
    })) as CodeAction[];
    const disabled = syncActions.find((a) => a.title === "Run in a nursery");
    assert.match(disabled?.disabled?.reason ?? "", /not async/, "shown, but disabled with the reason");
    assert.equal(disabled?.edit, undefined);
    assert.deepEqual(
      syncActions.filter((a) => a.edit).map((a) => a.title),
      [
        "Detach with void",
        // Both findings of the file can be detached, so "fix all" appears; only one can take `await`.
        "Fix all `floating-promise` problems: Detach with void",
        "Ignore `floating-promise` for this line",
        "Ignore `floating-promise` for this file",
      ],
      "no `await` in a sync function",
    );

    const fixed = applyAction(document, asyncActions[0]!);
    assert.match(fixed, /\n {2}await audit\(name\);\n/);
    document = TextDocument.update(document, [{ text: fixed }], 2);
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }],
    });
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics.map((d) => d.range.start.line), [8], "only the sync function's finding is left");
    assert.equal(fs.readFileSync(fileName, "utf8"), serviceText, "the server never writes to disk");
  });

  it("follows unsaved edits (in-memory overlay, not the disk)", async () => {
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "typescript", version: 1, text: serviceText },
    });
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    // An incremental change: insert a new floating call at the start of line 5 (inside `save`).
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '  audit("new");\n' }],
    });
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics.map((d) => d.range.start.line), [3, 4, 9]);
  });

  it("clears diagnostics when the document closes and when nursery.enable is false", async () => {
    client.settings = { enable: false };
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "typescript", version: 1, text: serviceText },
    });
    const disabled = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(disabled.diagnostics, []);

    client.settings = { enable: true };
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);

    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  });

  it("keeps working when the document does not parse", async () => {
    const broken = `${serviceText}\nexport async function broken( {\n  audit("x");\n`;
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "typescript", version: 1, text: broken },
    });
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.ok(published.diagnostics.length >= 2, "findings before the syntax error are still reported");
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: serviceText }],
    });
    const repaired = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.equal(repaired.diagnostics.length, 2);
  });
});
