// Bad input (issue 10): each case gives one clear message, and everything else keeps working.
// Already covered elsewhere, not repeated here:
// - a missing --project, a tsconfig that is not JSON or has a bad option value: test/cli.test.ts "bad input";
// - a broken nursery.json: test/cli.test.ts "configuration and formats" (CLI), test/lsp/features.test.ts (server);
// - a broken tsconfig in the server (reported on the tsconfig, files checked with defaults): test/lsp/features.test.ts;
// - a file that does not parse: test/cli.test.ts (one fatal "Parsing error"), test/lsp/server.test.ts (server).
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { URI } from "vscode-uri";
import { analyzeSourceFile } from "../server/src/analysis/analyze";
import { allRules } from "../server/src/analysis/rules";
import type { Rule } from "../server/src/analysis/types";
import { Workspace } from "../server/src/workspace/workspace";
import { LspTestClient } from "./helpers/lsp-client";

const repoRoot = path.join(__dirname, "..");
const cliPath = path.join(repoRoot, "dist", "cli.js");
const tsconfig = JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", noEmit: true, types: [] } });
const floating = "export async function save(): Promise<void> {}\nexport async function run(): Promise<void> {\n  save();\n}\n";

interface JsonMessage {
  ruleId: string | null;
  message: string;
  line: number;
  fatal?: boolean;
}

const roots: string[] = [];
function project(files: Record<string, string | Buffer>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-bad-input-"));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}
after(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

function lint(root: string, args: string[] = ["."]) {
  const run = spawnSync(process.execPath, [cliPath, ...args, "-f", "json"], { cwd: root, encoding: "utf8", timeout: 240_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.signal, null, `the CLI was killed (${run.signal}): it did not finish`);
  const results = run.stdout ? (JSON.parse(run.stdout) as { filePath: string; messages: JsonMessage[] }[]) : [];
  const byFile = new Map(results.map((r) => [path.relative(root, r.filePath).split(path.sep).join("/"), r.messages]));
  return { code: run.status, stderr: run.stderr, byFile };
}

describe("bad input", function () {
  this.timeout(300_000);

  describe("CLI (dist/cli.js as a process)", () => {
    it("a .ts file of binary bytes: one fatal message for it; the other files are linted", () => {
      const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      const root = project({ "tsconfig.json": tsconfig, "src/blob.ts": binary, "src/good.ts": floating });
      const { code, stderr, byFile } = lint(root);
      assert.equal(code, 1, stderr);
      const blob = byFile.get("src/blob.ts")!;
      assert.equal(blob.length, 1);
      assert.equal(blob[0]!.fatal, true);
      assert.match(blob[0]!.message, /^Parsing error: File appears to be binary\.$/);
      assert.deepEqual(byFile.get("src/good.ts")!.map((m) => m.ruleId), ["floating-promise"]);
    });

    it("a .ts file in Latin-1 (invalid UTF-8 bytes in a comment and a string) is linted like any other", () => {
      const latin1 = Buffer.from(`// caf\xe9 cr\xe8me\nexport async function save(): Promise<void> {}\nexport async function run(): Promise<void> {\n  const label = "na\xefve";\n  save();\n}\n`, "latin1");
      const root = project({ "tsconfig.json": tsconfig, "src/latin1.ts": latin1 });
      const { code, stderr, byFile } = lint(root);
      assert.equal(code, 1, stderr);
      assert.deepEqual(byFile.get("src/latin1.ts")!.map((m) => `${m.ruleId}:${m.line}`), ["floating-promise:5"]);
    });

    it("a 5 MB file is linted (findings at its end, and in the other files) without running out of time", () => {
      const rows = Array.from({ length: 200_000 }, (_, i) => `  "row-${i.toString().padStart(6, "0")}-abcdefghij",`).join("\n");
      const big = `export const table = [\n${rows}\n];\n${floating}`;
      assert.ok(big.length >= 5 * 1024 * 1024, `${big.length} bytes`);
      const root = project({ "tsconfig.json": tsconfig, "src/big.ts": big, "src/good.ts": floating });
      const started = performance.now();
      const { code, stderr, byFile } = lint(root);
      const elapsed = performance.now() - started;
      assert.equal(code, 1, stderr);
      assert.deepEqual(byFile.get("src/big.ts")!.map((m) => `${m.ruleId}:${m.line}`), [`floating-promise:${200_000 + 5}`]);
      assert.deepEqual(byFile.get("src/good.ts")!.map((m) => m.ruleId), ["floating-promise"]);
      assert.ok(elapsed < 180_000, `took ${Math.round(elapsed)} ms`);
    });

    it("a symlink loop in the project folder: no hang, every file reported once", () => {
      const root = project({ "tsconfig.json": tsconfig, "src/good.ts": floating });
      fs.symlinkSync("..", path.join(root, "src", "parent")); // src/parent/src/parent/... forever
      fs.symlinkSync("self", path.join(root, "src", "self")); // a link to itself
      for (const args of [["."], ["src"], ["src/**/*.ts"]]) {
        const { code, stderr, byFile } = lint(root, args);
        assert.equal(code, 1, `${args.join(" ")}: ${stderr}`);
        assert.deepEqual([...byFile.keys()], ["src/good.ts"], args.join(" "));
      }
    });

    it("a tsconfig whose `extends` is missing: exit 2 with one line naming both files", () => {
      const root = project({ "tsconfig.json": JSON.stringify({ extends: "./base.json" }), "a.ts": floating });
      const run = spawnSync(process.execPath, [cliPath, "."], { cwd: root, encoding: "utf8" });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^nursery-lint: Invalid tsconfig "[^"]*tsconfig\.json": .*base\.json.*\n$/);
      assert.equal(run.stdout, "");
    });
  });

  describe("a rule that throws (simulated through the analysis API's `rules`)", () => {
    const throwing: Rule<Record<string, never>> = {
      id: "always-throws",
      meta: { docs: "test", defaultSeverity: "error", preset: "recommended", messages: {} },
      defaultOptions: {},
      check() {
        throw new Error("simulated rule bug");
      },
    } as unknown as Rule<Record<string, never>>;

    it("analyzeSourceFile: the failure is recorded once, and every other rule's findings stand", () => {
      const root = project({ "tsconfig.json": tsconfig, "a.ts": floating });
      const workspace = new Workspace();
      const fileName = path.join(root, "a.ts");
      const project_ = workspace.projectFor(fileName);
      const sourceFile = project_.sourceFile(fileName)!;
      const result = analyzeSourceFile(project_.program(), sourceFile, { rules: [throwing, ...allRules] });
      assert.deepEqual(result.findings.map((f) => f.rule), ["floating-promise"]);
      assert.equal(result.failures.length, 1);
      assert.equal(result.failures[0]!.rule, "always-throws");
      assert.equal(result.failures[0]!.error.message, "simulated rule bug");
      // The Workspace (what the server calls) passes `rules` through the same way.
      const viaWorkspace = workspace.analyze(fileName, { rules: [...allRules, throwing] })!;
      assert.deepEqual(viaWorkspace.findings.map((f) => f.rule), ["floating-promise"]);
      assert.deepEqual(viaWorkspace.failures.map((f) => f.rule), ["always-throws"]);
    });
  });

  describe("server (dist/server.js over JSON-RPC)", () => {
    let client: LspTestClient | undefined;
    afterEach(async () => {
      await client?.dispose();
      client = undefined;
    });

    it("a file deleted on disk while open: still checked from the editor text; closing clears it; the server keeps answering", async () => {
      const root = project({ "tsconfig.json": tsconfig, "a.ts": floating, "b.ts": floating });
      const uriA = URI.file(path.join(root, "a.ts")).toString();
      const uriB = URI.file(path.join(root, "b.ts")).toString();
      client = new LspTestClient();
      await client.initialize(URI.file(root).toString());
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uriA, languageId: "typescript", version: 1, text: floating } });
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uriB, languageId: "typescript", version: 1, text: floating } });
      await client.waitForDiagnostics(uriA, (p) => p.diagnostics.length === 1);
      fs.rmSync(path.join(root, "a.ts"));
      await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriA, type: 3 }] });
      const twice = floating.replace("  save();\n", "  save();\n  save();\n");
      await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: uriA, version: 2 }, contentChanges: [{ text: twice }] });
      const after = await client.waitForDiagnostics(uriA, (p) => p.version === 2);
      assert.equal(after.diagnostics.length, 2, "the open document is checked from its editor text");
      await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: uriA } });
      await client.waitForDiagnostics(uriA, (p) => p.diagnostics.length === 0);
      // Everything else keeps working: b is still checked after an edit, and nothing was logged as an internal error.
      await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: uriB, version: 2 }, contentChanges: [{ text: twice }] });
      await client.waitForDiagnostics(uriB, (p) => p.version === 2 && p.diagnostics.length === 2);
      assert.deepEqual(client.logs.filter((line) => /internal error|failed/.test(line)), []);
    });

    it("a symlink loop and a binary .ts file in the project folder: open files are still checked", async () => {
      const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      const root = project({ "tsconfig.json": tsconfig, "a.ts": floating, "blob.ts": binary });
      fs.symlinkSync(".", path.join(root, "loop"));
      const uriA = URI.file(path.join(root, "a.ts")).toString();
      client = new LspTestClient();
      await client.initialize(URI.file(root).toString());
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uriA, languageId: "typescript", version: 1, text: floating } });
      const published = await client.waitForDiagnostics(uriA, (p) => p.version === 1);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ["floating-promise"]);
      assert.deepEqual(client.logs.filter((line) => /internal error|failed/.test(line)), []);
    });
  });
});
