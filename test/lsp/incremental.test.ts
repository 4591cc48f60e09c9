// Incremental = from scratch, the fast cases (issue 10; the long random run is test/lsp/server.soak.ts).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { URI } from "vscode-uri";
import { LspTestClient } from "../helpers/lsp-client";

describe("language server: open documents see each other's unsaved text", function () {
  this.timeout(60_000);
  let client: LspTestClient;
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-incremental-"));
    fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", noEmit: true, types: [] } }));
  });
  afterEach(async () => {
    await client?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  // Regression (soak, seed 1013): after a watched-file change the server reloads its projects; a document analysed
  // before the others were re-synced saw their text on disk, and kept that stale result.
  it("after a file is created on disk, a file importing an edited (unsaved) module is checked against its editor text", async () => {
    const asyncA = "export async function work(): Promise<void> {}\n";
    const syncA = "export function work(): void {}\n";
    const b = 'import { work } from "./a";\nexport async function run(): Promise<void> {\n  work();\n}\n';
    fs.writeFileSync(path.join(root, "a.ts"), asyncA);
    fs.writeFileSync(path.join(root, "b.ts"), b);
    const uriA = URI.file(path.join(root, "a.ts")).toString();
    const uriB = URI.file(path.join(root, "b.ts")).toString();
    client = new LspTestClient();
    await client.initialize(URI.file(root).toString());
    // b first: after a reload, documents are re-analysed in the order they were opened.
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uriB, languageId: "typescript", version: 1, text: b } });
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uriA, languageId: "typescript", version: 1, text: asyncA } });
    await client.waitForDiagnostics(uriB, (p) => p.diagnostics.length === 1);
    // a becomes synchronous in the editor (not saved): b's call no longer floats.
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: uriA, version: 2 }, contentChanges: [{ text: syncA }] });
    const settled = await client.waitForDiagnostics(uriB, (p) => p.diagnostics.length === 0);
    // A file appears on disk: the server reloads its projects and re-checks every open document.
    fs.writeFileSync(path.join(root, "c.ts"), "export {};\n");
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: URI.file(path.join(root, "c.ts")).toString(), type: 1 }] });
    const republished = await client.waitForDiagnostics(uriB, (p) => p !== settled);
    assert.deepEqual(republished.diagnostics.map((d) => d.message), []);
  });
});
