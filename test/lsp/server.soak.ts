/**
 * Edit soak through the real server (issue 10), `npm run test:soak` (not part of `npm test`: it takes minutes).
 *
 * A generated project of 100 files (floating promises, cross-file imports, namespace imports of files that come and go)
 * is opened through dist/server.js; then 3,000 random edits: line insertions and deletions, whole-file replaces, typing
 * character by character (each keystroke a didChange that supersedes the pending analysis), exports switching between
 * async and sync (changing findings in the importing files), and files created and deleted on disk with
 * workspace/didChangeWatchedFiles. At the end the final texts are written to disk and the diagnostics the server holds
 * for every open file must equal a fresh `node dist/cli.js <project> -f json`; the server must still answer, and its RSS
 * heap (live, after a full GC through the inspector) must stay within 2× of its size after the first pass (RSS reported). Set SOAK_EDITS / SOAK_FILES / SOAK_SEED to vary the run.
 */
import * as assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { URI } from "vscode-uri";
import type { Diagnostic } from "vscode-languageserver-protocol";
import { LspTestClient } from "../helpers/lsp-client";

const fileCount = Number(process.env.SOAK_FILES ?? 100);
const editCount = Number(process.env.SOAK_EDITS ?? 3000);
const seed = Number(process.env.SOAK_SEED ?? 1013);
const extraCount = 5;
const cliPath = path.join(__dirname, "..", "..", "dist", "cli.js");

function prng(start: number): () => number {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A file of the generated project: header (imports, exports) and the body lines of `run<i>`, kept as lines. */
interface Model {
  index: number;
  asyncExport: boolean;
  body: string[];
}

function render(model: Model): string {
  const i = model.index;
  const dep = (i * 7 + 3) % fileCount;
  const lines = [
    `import { task${dep}, helper${dep} } from "./mod${dep}";`,
    `import * as maybe from "./extra${i % extraCount}";`,
    "",
    model.asyncExport
      ? `export async function task${i}(n: number): Promise<number> {\n  return n + ${i};\n}`
      : `export function task${i}(n: number): number {\n  return n + ${i};\n}`,
    "",
    `export function helper${i}(): Promise<void> {\n  return Promise.resolve();\n}`,
    "",
    `export async function run${i}(signal: AbortSignal): Promise<void> {`,
    ...model.body,
    "}",
    "",
  ];
  return lines.join("\n");
}

function statementPool(model: Model, random: () => number): string {
  const i = model.index;
  const dep = (i * 7 + 3) % fileCount;
  const k = Math.floor(random() * 100);
  const pool = [
    `  task${dep}(${k});`,
    `  await task${dep}(${k});`,
    `  helper${dep}();`,
    `  void helper${i}();`,
    `  maybe.extra();`,
    `  const v${k} = task${i}(${k});`,
    `  Promise.resolve(${k}).then(() => {});`,
    `  if (signal.aborted) return;`,
    `  fetch("/x/${k}");`,
    `  await fetch("/y/${k}", { signal });`,
    `  // comment ${k}`,
    `  [1, 2].forEach(async (x) => { await task${dep}(x); });`,
  ];
  return pool[Math.floor(random() * pool.length)]!;
}

/** Line number (0-based) of the first body line of `run<i>` in the rendered text. */
function bodyStart(model: Model): number {
  return render({ ...model, body: [] }).split("\n").indexOf(`export async function run${model.index}(signal: AbortSignal): Promise<void> {`) + 1;
}

function key(d: { rule: string | null; line: number; column: number; endLine: number; endColumn: number; severity: number; message: string }): string {
  return `${d.rule} ${d.line}:${d.column}-${d.endLine}:${d.endColumn} sev${d.severity} ${d.message}`;
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The server's live heap: through its inspector (the server runs with `--inspect=127.0.0.1:0`), a full GC and then
 * `Runtime.getHeapUsage`. A helper process does the talking (Node 20 has a WebSocket client only behind a flag); the
 * server itself gets nothing added.
 */
function heapAfterGc(inspectorUrl: string): Promise<{ usedSize: number; totalSize: number }> {
  const script = `
    const ws = new WebSocket(process.env.INSPECTOR_URL);
    let id = 0;
    const pending = new Map();
    ws.onmessage = (event) => { const m = JSON.parse(event.data); pending.get(m.id)?.(m); };
    const send = (method) => new Promise((resolve) => { pending.set(++id, resolve); ws.send(JSON.stringify({ id, method })); });
    ws.onopen = async () => {
      await send("HeapProfiler.collectGarbage");
      await send("HeapProfiler.collectGarbage");
      const usage = await send("Runtime.getHeapUsage");
      console.log(JSON.stringify(usage.result));
      ws.close();
    };`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--experimental-websocket", "--no-warnings", "-e", script], { env: { ...process.env, INSPECTOR_URL: inspectorUrl } });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as { usedSize: number; totalSize: number }) : reject(new Error(`heap probe exited ${code}: ${out}`))));
  });
}
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

describe(`language server soak: ${fileCount} files, ${editCount} edits (seed ${seed})`, function () {
  this.timeout(30 * 60_000);
  let client: LspTestClient;
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-soak-"));
  });
  after(async () => {
    await client?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("incremental results equal a from-scratch CLI run; the server still answers; its heap stays within 2×", async () => {
    const random = prng(seed);
    const src = path.join(root, "src");
    fs.mkdirSync(src, { recursive: true });
    fs.writeFileSync(
      path.join(root, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2023", "DOM"], strict: true, noEmit: true, types: [] }, include: ["src"] }),
    );
    const models: Model[] = [];
    for (let i = 0; i < fileCount; i++) {
      const model: Model = { index: i, asyncExport: random() < 0.7, body: [] };
      for (let s = 0; s < 4; s++) model.body.push(statementPool(model, random));
      models.push(model);
      fs.writeFileSync(path.join(src, `mod${i}.ts`), render(model));
    }
    const uriOf = (i: number) => URI.file(path.join(src, `mod${i}.ts`)).toString();
    const versions = new Array<number>(fileCount).fill(1);
    const texts = models.map(render);

    client = new LspTestClient(["--inspect=127.0.0.1:0"]);
    await client.initialize(URI.file(root).toString());
    const started = performance.now();
    for (let i = 0; i < fileCount; i++) {
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uriOf(i), languageId: "typescript", version: 1, text: texts[i] } });
    }
    for (let i = 0; i < fileCount; i++) await client.waitForDiagnostics(uriOf(i), (p) => p.version === 1, 300_000);
    const firstPassMs = performance.now() - started;
    const pid = client.pid!;
    const rssAfterFirstPass = rssKb(pid);
    const inspectorUrl = /ws:\/\/\S+/.exec(client.stderr.join(""))?.[0];
    assert.ok(inspectorUrl, `no inspector URL in the server's stderr: ${client.stderr.join("")}`);
    const heapAfterFirstPass = await heapAfterGc(inspectorUrl);
    const rssAfterFirstPassGc = rssKb(pid);

    // ---- the edits ----
    const change = async (i: number, contentChanges: unknown[]) => {
      versions[i]!++;
      await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: uriOf(i), version: versions[i] }, contentChanges });
    };
    const replaceWhole = async (i: number) => {
      texts[i] = render(models[i]!);
      await change(i, [{ text: texts[i] }]);
    };
    const extras = new Set<number>();
    const stats = { insert: 0, delete: 0, replace: 0, typed: 0, keystrokes: 0, flip: 0, create: 0, remove: 0 };
    let edits = 0;
    const rssSamples: number[] = [];
    let nextSample = 500;
    const editStart = performance.now();
    while (edits < editCount) {
      const i = Math.floor(random() * fileCount);
      const model = models[i]!;
      const roll = random();
      const start = bodyStart(model);
      if (roll < 0.35) {
        // Insert one statement line (a ranged, incremental change).
        const at = Math.floor(random() * (model.body.length + 1));
        const line = statementPool(model, random);
        model.body.splice(at, 0, line);
        texts[i] = render(model);
        await change(i, [{ range: { start: { line: start + at, character: 0 }, end: { line: start + at, character: 0 } }, text: `${line}\n` }]);
        stats.insert++;
        edits++;
      } else if (roll < 0.6 && model.body.length > 0) {
        const at = Math.floor(random() * model.body.length);
        model.body.splice(at, 1);
        texts[i] = render(model);
        await change(i, [{ range: { start: { line: start + at, character: 0 }, end: { line: start + at + 1, character: 0 } }, text: "" }]);
        stats.delete++;
        edits++;
      } else if (roll < 0.7) {
        // Whole-file replace with a reshuffled body.
        model.body = model.body.filter(() => random() < 0.8);
        for (let s = Math.floor(random() * 3); s > 0; s--) model.body.push(statementPool(model, random));
        await replaceWhole(i);
        stats.replace++;
        edits++;
      } else if (roll < 0.76) {
        // Typing a statement key by key: every keystroke is a didChange that supersedes the pending analysis, and
        // the text in between does not parse.
        const at = Math.floor(random() * (model.body.length + 1));
        const line = statementPool(model, random);
        await change(i, [{ range: { start: { line: start + at, character: 0 }, end: { line: start + at, character: 0 } }, text: "\n" }]);
        edits++;
        for (let c = 0; c < line.length && edits < editCount; c++) {
          await change(i, [{ range: { start: { line: start + at, character: c }, end: { line: start + at, character: c } }, text: line[c] }]);
          edits++;
          stats.keystrokes++;
        }
        // Then a whole-file replace with the model's text (the same text, unless the edit budget ran out mid-line).
        model.body.splice(at, 0, line);
        texts[i] = render(model);
        await change(i, [{ text: texts[i] }]);
        edits++;
        stats.typed++;
      } else if (roll < 0.9) {
        // Flip the export between async and sync: findings change in the files that import it.
        model.asyncExport = !model.asyncExport;
        await replaceWhole(i);
        stats.flip++;
        edits++;
      } else {
        // Create or delete an extra module on disk, which the namespace imports resolve to (or not).
        const e = Math.floor(random() * extraCount);
        const file = path.join(src, `extra${e}.ts`);
        let type: 1 | 3;
        if (extras.has(e)) {
          fs.rmSync(file);
          extras.delete(e);
          type = 3;
          stats.remove++;
        } else {
          fs.writeFileSync(file, `export async function extra(): Promise<void> {}\n`);
          extras.add(e);
          type = 1;
          stats.create++;
        }
        await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: URI.file(file).toString(), type }] });
        edits++;
      }
      if (edits >= nextSample) {
        rssSamples.push(Math.round(rssKb(pid) / 1024));
        nextSample += 500;
      }
      // Mostly back-to-back (edits supersede pending analyses), sometimes a pause that lets the debounce fire.
      const pause = random();
      if (pause < 0.05) await sleep(150 + Math.floor(random() * 200));
      else if (pause < 0.3) await sleep(Math.floor(random() * 20));
    }
    const editMs = performance.now() - editStart;

    // ---- settle: every file's last publication is for its final version, and the server has been quiet a while ----
    const settleStart = performance.now();
    for (let i = 0; i < fileCount; i++) await client.waitForDiagnostics(uriOf(i), (p) => p.version === versions[i], 600_000);
    while (performance.now() - client.lastPublishAt < 3_000) await sleep(500);
    const settleMs = performance.now() - settleStart;
    const rssAtEnd = rssKb(pid);
    const heapAtEnd = await heapAfterGc(inspectorUrl);
    const rssAtEndAfterGc = rssKb(pid);

    // ---- the server still answers ----
    const actions = await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: uriOf(0) },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(Array.isArray(actions), "codeAction answered");

    // ---- from scratch: the CLI on the final texts ----
    for (let i = 0; i < fileCount; i++) fs.writeFileSync(path.join(src, `mod${i}.ts`), texts[i]!);
    const cliStart = performance.now();
    const cli = spawnSync(process.execPath, [cliPath, ".", "-f", "json"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const cliMs = performance.now() - cliStart;
    assert.ok(cli.status === 0 || cli.status === 1, `CLI exit ${cli.status}: ${cli.stderr}`);
    const results = JSON.parse(cli.stdout) as { filePath: string; messages: { ruleId: string | null; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number; fatal?: boolean }[] }[];
    const fromCli = new Map(results.map((r) => [path.resolve(r.filePath), r.messages]));
    const mismatches: string[] = [];
    let serverTotal = 0;
    for (let i = 0; i < fileCount; i++) {
      const fileName = path.join(src, `mod${i}.ts`);
      const published = client.published(uriOf(i))!;
      const serverKeys = published.diagnostics
        .map((d: Diagnostic) => key({ rule: String(d.code), line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1, severity: d.severity === 1 ? 2 : 1, message: String(d.message) }))
        .sort();
      const messages = fromCli.get(fileName) ?? [];
      assert.ok(!messages.some((m) => m.fatal), `${fileName} does not parse: ${JSON.stringify(messages)}`);
      const cliKeys = messages.map((m) => key({ ...m, rule: m.ruleId })).sort();
      serverTotal += serverKeys.length;
      if (JSON.stringify(serverKeys) !== JSON.stringify(cliKeys)) {
        mismatches.push(`mod${i}.ts (server v${published.version}, final v${versions[i]}):\n  server: ${serverKeys.join("\n          ")}\n  cli:    ${cliKeys.join("\n          ")}`);
      }
    }
    const cliTotal = [...fromCli.values()].reduce((sum, messages) => sum + messages.length, 0);
    console.log(
      [
        `      first pass (open ${fileCount} files, all diagnostics): ${Math.round(firstPassMs)} ms; server RSS ${Math.round(rssAfterFirstPass / 1024)} MB (${Math.round(rssAfterFirstPassGc / 1024)} MB after GC), live heap after GC ${mb(heapAfterFirstPass.usedSize)} MB (of ${mb(heapAfterFirstPass.totalSize)} MB)`,
        `      ${edits} edits in ${Math.round(editMs)} ms ${JSON.stringify(stats)}; settled in ${Math.round(settleMs)} ms`,
        `      server RSS every 500 edits (MB): ${rssSamples.join(", ")}`,
        `      at the end: server RSS ${Math.round(rssAtEnd / 1024)} MB (${(rssAtEnd / rssAfterFirstPass).toFixed(2)}×; ${Math.round(rssAtEndAfterGc / 1024)} MB after GC), live heap after GC ${mb(heapAtEnd.usedSize)} MB of ${mb(heapAtEnd.totalSize)} MB (${(heapAtEnd.usedSize / heapAfterFirstPass.usedSize).toFixed(2)}× the first pass)`,
        `      fresh CLI run ${Math.round(cliMs)} ms: ${cliTotal} messages; server holds ${serverTotal}; ${mismatches.length} files differ`,
      ].join("\n"),
    );
    assert.deepEqual(mismatches, [], `${mismatches.length} files differ:\n${mismatches.slice(0, 5).join("\n")}`);
    // The bound is on the heap (live objects after a full GC); RSS also holds memory V8 keeps reserved, and is reported.
    assert.ok(heapAtEnd.usedSize <= 2 * heapAfterFirstPass.usedSize, `live heap grew from ${mb(heapAfterFirstPass.usedSize)} MB to ${mb(heapAtEnd.usedSize)} MB`);
  });
});
