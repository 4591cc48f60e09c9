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

describe("language server: an edit inside one function body re-analyses that function first", function () {
  this.timeout(60_000);
  let client: LspTestClient;
  let root: string;
  let uri: string;

  const pull = async (previousResultId?: string) =>
    (await client.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri }, previousResultId })) as {
      kind: string;
      resultId?: string;
      items?: { range: { start: { line: number; character: number } }; code: string; data: unknown }[];
    };
  const lines = (report: Awaited<ReturnType<typeof pull>>) => (report.items ?? []).map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
  const change = (version: number, text: string) => client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-region-"));
    fs.writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", noEmit: true, lib: ["ES2023", "DOM"], types: [] } }));
    uri = URI.file(path.join(root, "jobs.ts")).toString();
    client = new LspTestClient();
    await client.initialize(URI.file(root).toString(), { pull: true });
  });
  afterEach(async () => {
    await client?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("answers from the edited method alone, the other findings moved with the edit, and they equal a full analysis", async () => {
    const text = [
      "export class Jobs {",
      "  async first(): Promise<void> {",
      '    fetch("/a");',
      "  }",
      "  async second(): Promise<void> {",
      "    await Promise.resolve();",
      "  }",
      "  async third(): Promise<void> {",
      '    fetch("/c");',
      "  }",
      "}",
      "",
    ].join("\n");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    const opened = await pull();
    assert.deepEqual(lines(opened), ["floating-promise@3:5", "floating-promise@9:5"]);
    assert.ok(!opened.resultId?.endsWith(":incremental"));

    const edited = text.replace("    await Promise.resolve();", '    fetch("/b");\n    fetch("/b2");');
    await change(2, edited);
    const incremental = await pull(opened.resultId);
    assert.ok(incremental.resultId?.endsWith(":incremental"), `resultId ${incremental.resultId}`);
    assert.deepEqual(lines(incremental), ["floating-promise@3:5", "floating-promise@6:5", "floating-promise@7:5", "floating-promise@10:5"]);

    // Code actions are answered from a full analysis; the moved finding's quick fix edits the right place.
    const actions = (await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: incremental.items![3]!.range,
      context: { diagnostics: [incremental.items![3]], only: ["quickfix"] },
    })) as { title: string; edit?: { documentChanges?: { edits: { range: { start: { line: number } }; newText: string }[] }[] } }[];
    const addAwait = actions.find((action) => action.title === "Add await");
    const edits = addAwait?.edit?.documentChanges?.[0]?.edits;
    assert.ok(edits, `no add-await edit: ${JSON.stringify(actions)}`);
    assert.deepEqual(edits.map((edit) => [edit.range.start.line + 1, edit.newText]), [[10, "await "]]);

    // The full analysis (made for the code action) agreed: it kept the resultId, so the next pull says unchanged.
    const confirmed = await pull(incremental.resultId);
    assert.equal(confirmed.kind, "unchanged");
  });

  it("when another function depended on the edited body, the full analysis after the pause corrects it and asks the client to pull again", async () => {
    const text = ["export class Jobs {", "  async list() {", "    return [1];", "  }", "  async run(): Promise<void> {", "    (await this.list())[0];", "  }", "}", ""].join("\n");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    const opened = await pull();
    assert.deepEqual(lines(opened), []);
    // `list` now resolves to an array of promises: `run` floats one. The provisional answer cannot see that yet.
    await change(2, text.replace("return [1];", 'return [fetch("/a")];'));
    const provisional = await pull(opened.resultId);
    assert.ok(provisional.resultId?.endsWith(":incremental"));
    assert.deepEqual(lines(provisional), []);
    // When typing pauses the server analyses the whole file and asks the client to pull again.
    let full = provisional;
    for (const deadline = Date.now() + 10_000; full.resultId?.endsWith(":incremental") && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 100));
      full = await pull(provisional.resultId);
    }
    assert.ok(client.serverRequests.includes("workspace/diagnostic/refresh"));
    assert.deepEqual(lines(full), ["floating-promise@6:5"]);
    assert.ok(!full.resultId?.endsWith(":incremental"));
  });

  it("typing through a syntax error inside a body stays incremental; an unclosed block that takes in the next method does not", async () => {
    // The class is named elsewhere (else the whole class would be re-analysed alone, which is as exact).
    const text = ["export class Jobs {", "  async first(): Promise<void> {", "    await Promise.resolve();", "  }", "  async second(): Promise<void> {", '    fetch("/b");', "  }", "}", "export const jobs = new Jobs();", ""].join("\n");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    const opened = await pull();
    assert.deepEqual(lines(opened), ["floating-promise@6:5"]);
    // Half-typed: `fetch("/a"` with no `)` yet. The parser recovers inside `first`; `second` is read as before.
    await change(2, text.replace("    await Promise.resolve();", '    await Promise.resolve();\n    fetch("/a"'));
    const typing = await pull(opened.resultId);
    assert.ok(typing.resultId?.endsWith(":incremental"), `resultId ${typing.resultId}`);
    assert.deepEqual(lines(typing), ["floating-promise@4:5", "floating-promise@7:5"]);
    // `if (ok) {` not closed yet: the parser reads `second` as part of `first`, so the whole file is analysed again.
    await change(3, text.replace("    await Promise.resolve();", "    await Promise.resolve();\n    if (Math.random()) {"));
    const unclosed = await pull(typing.resultId);
    assert.ok(!unclosed.resultId?.endsWith(":incremental"), `resultId ${unclosed.resultId}`);
    // Read that way, `second` is no method and its call no statement: nothing to report, and nothing kept from before.
    assert.deepEqual(lines(unclosed), []);
  });

  it("an edit inside a callback of a call statement (a test in a suite) re-analyses that statement alone", async () => {
    const text = [
      "declare function describe(name: string, body: () => void): void;",
      "declare function it(name: string, body: () => Promise<void>): void;",
      'describe("jobs", () => {',
      '  it("first", async () => {',
      "    await Promise.resolve();",
      "  });",
      '  it("second", async () => {',
      '    fetch("/b");',
      "  });",
      "});",
      "",
    ].join("\n");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    const opened = await pull();
    assert.deepEqual(lines(opened), ["floating-promise@8:5"]);
    await change(2, text.replace("    await Promise.resolve();", '    await Promise.resolve();\n    fetch("/a");'));
    const edited = await pull(opened.resultId);
    assert.ok(edited.resultId?.endsWith(":incremental"), `resultId ${edited.resultId}`);
    assert.deepEqual(lines(edited), ["floating-promise@6:5", "floating-promise@9:5"]);
  });

  it("an edit inside a top-level declaration nothing else in the file names re-analyses that declaration alone", async () => {
    const text = [
      "declare function defineRoutes<T>(table: T): T;",
      "export const routes = defineRoutes({",
      "  list: () => {",
      "    return 1;",
      "  },",
      "});",
      "export function other() {",
      '  fetch("/b");',
      "}",
      "",
    ].join("\n");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    const opened = await pull();
    assert.deepEqual(lines(opened), ["floating-promise@8:3"]);
    await change(2, text.replace("    return 1;", '    fetch("/a");\n    return 1;'));
    const edited = await pull(opened.resultId);
    assert.ok(edited.resultId?.endsWith(":incremental"), `resultId ${edited.resultId}`);
    assert.deepEqual(lines(edited), ["floating-promise@4:5", "floating-promise@9:3"]);
    // Named elsewhere, its type could change what another function sees: the file is analysed in full.
    await change(3, `${text}export const size = routes.list();\n`.replace("    return 1;", '    fetch("/c");\n    return 1;'));
    const named = await pull(edited.resultId);
    assert.ok(!named.resultId?.endsWith(":incremental"), `resultId ${named.resultId}`);
  });

  it("an edit outside a function body (a new method) is analysed in full", async () => {
    const text = ["export class Jobs {", "  async a(): Promise<void> {}", "}", ""].join("\n");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    const opened = await pull();
    await change(2, text.replace("  async a(): Promise<void> {}", '  async a(): Promise<void> {}\n  async b(): Promise<void> {\n    fetch("/b");\n  }'));
    const report = await pull(opened.resultId);
    assert.ok(!report.resultId?.endsWith(":incremental"));
    assert.deepEqual(lines(report), ["floating-promise@4:5"]);
  });
});
