// npm run bench:lsp: the language server through the real protocol (dist/server.js --stdio, JSON-RPC over pipes), on
// both corpora. Per repetition (interleaved with `tsc --noEmit` on the same project): time from didOpen to the first
// diagnostics (cold: the project loads), server CPU for it. On the last repetition, 200 edits to the opened file
// (a line inserted into / deleted from a function body, alternately) and the latency from didChange to that version's
// diagnostics: in push mode (publishDiagnostics; includes the server's 100 ms debounce) and in pull mode
// (textDocument/diagnostic sent right after didChange: what the analysis itself costs). Server memory from /proc.
//
// Options (env): BENCH_LSP_REPS (default 3), BENCH_LSP_EDITS (default 200), BENCH_CORPORA (generated,openai),
// BENCH_LSP_DUMP=file (writes every pull-mode latency, to look at the distribution).
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ts } from "ts-morph";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { URI } from "vscode-uri";
import { allCorpora, type Corpus } from "./corpora";
import { machineInfo, replaceSection, toolVersions } from "./report";
import { fmt, measure, median, spread } from "./run";

const repo = path.resolve(__dirname, "..");
const serverPath = path.join(repo, "dist", "server.js");
const DEBOUNCE_MS = 100;

/** The file each corpus opens: a typical service module, and openai's biggest resource module. */
const OPEN_FILE: Record<string, string> = {
  generated: "src/services/order5.ts",
  openai: "src/resources/chat/completions/completions.ts",
};

function procStatus(pid: number): { rssMb: number; peakMb: number } {
  const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

/** User+system CPU seconds of a process so far (/proc/<pid>/stat fields 14 and 15, in clock ticks). */
function procCpu(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

class Session {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  private readonly waiters = new Map<string, { version: number; resolve: (p: PublishDiagnosticsParams) => void }>();
  readonly started = performance.now();

  constructor(command: string[] = [serverPath]) {
    this.process = spawn(process.execPath, [...command, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.process.stderr!.resume();
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      const waiter = this.waiters.get(params.uri);
      if (waiter && params.version !== undefined && params.version >= waiter.version) {
        this.waiters.delete(params.uri);
        waiter.resolve(params);
      }
    });
    for (const method of ["window/logMessage", "window/showMessage", "nursery/status", "$/progress", "telemetry/event"]) this.connection.onNotification(method, () => {});
    this.connection.onRequest("workspace/configuration", (params: { items: unknown[] }) => params.items.map(() => ({ enable: true })));
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("window/workDoneProgress/create", () => null);
    this.connection.onRequest("workspace/diagnostic/refresh", () => null);
    this.connection.listen();
  }

  get pid(): number {
    return this.process.pid!;
  }

  async initialize(root: string, pull: boolean): Promise<void> {
    await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: path.basename(root) }],
      capabilities: {
        workspace: { configuration: true, diagnostics: pull ? { refreshSupport: false } : undefined },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true },
          diagnostic: pull ? { dynamicRegistration: false } : undefined,
        },
      },
    });
    await this.connection.sendNotification("initialized", {});
  }

  nextPush(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.set(uri, { version, resolve }));
  }

  async pull(uri: string): Promise<number> {
    const report = (await this.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri } })) as { items?: unknown[] };
    return report.items?.length ?? 0;
  }

  /** Shutdown + exit; with `graceful`, waits for the process to end by itself (a --cpu-prof profile is written then). */
  async dispose(graceful = false): Promise<void> {
    const exited = new Promise<void>((resolve) => this.process.once("exit", () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification("exit");
    } catch {
      // gone already
    }
    if (graceful) await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    this.connection.dispose();
    this.process.kill();
  }
}

/** Position (line, character) at the start of the first statement of the first function body with statements. */
function editSite(fileName: string, text: string): { line: number; indent: string } {
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  let found: ts.Statement | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isArrowFunction(node)) && node.body && ts.isBlock(node.body) && node.body.statements.length > 1) {
      found = node.body.statements[0];
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!found) throw new Error(`no function body with statements in ${fileName}`);
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(found.getStart(sourceFile));
  return { line, indent: " ".repeat(character) };
}

interface LspResult {
  corpus: string;
  file: string;
  cold: { wall: number; cpu: number; spawnToDiagnostics: number; rssMb: number }[];
  tsc: { wall: number; cpu: number }[];
  push: number[];
  pull: number[];
  /** Pull latency while a statement is typed and deleted key by key, through its syntax errors. */
  typing: number[];
  /** Pull latency of an edit made 400–600 ms after the previous one, while the server verifies it with a full analysis. */
  afterPause: number[];
  /** Server CPU ms per edit (from /proc, 10 ms resolution), push and pull. */
  pushCpu: number[];
  pullCpu: number[];
  memory: { afterColdMb: number; afterEditsMb: number; peakMb: number };
  diagnostics: number;
}

async function coldOpen(corpus: Corpus, fileName: string, text: string): Promise<{ session: Session; uri: string; cold: LspResult["cold"][number]; diagnostics: number }> {
  const session = new Session();
  await session.initialize(corpus.root, false);
  const uri = URI.file(fileName).toString();
  const cpuBefore = procCpu(session.pid);
  const t0 = performance.now();
  const first = session.nextPush(uri, 1);
  await session.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
  const params = await first;
  const t1 = performance.now();
  return {
    session,
    uri,
    diagnostics: params.diagnostics.length,
    cold: { wall: (t1 - t0) / 1000, cpu: procCpu(session.pid) - cpuBefore, spawnToDiagnostics: (t1 - session.started) / 1000, rssMb: procStatus(session.pid).rssMb },
  };
}

function editFor(i: number, site: { line: number; indent: string }) {
  // Odd edits insert a line at the start of the body, even ones delete it again.
  return i % 2 === 0
    ? { range: { start: { line: site.line, character: 0 }, end: { line: site.line, character: 0 } }, text: `${site.indent}const benchEdit${i} = ${i};\n` }
    : { range: { start: { line: site.line, character: 0 }, end: { line: site.line + 1, character: 0 } }, text: "" };
}

const TYPED = "const typed = Math.max(1, 2);";
/** The server's delay before it verifies a provisional result (server/src/lsp/server.ts), and how many pauses to time. */
const VERIFY_MS = 400;
const PAUSES = 40;

/**
 * Key by key: a new line, the statement one character at a time, then backspace until the line is gone, and again.
 * Most of these states do not parse (`const typed = Math.max(1,`), as while a user types.
 */
function keystroke(i: number, site: { line: number; indent: string }) {
  const cycle = 2 * TYPED.length + 2;
  const k = i % cycle;
  const column = site.indent.length;
  if (k === 0) return { range: { start: { line: site.line, character: 0 }, end: { line: site.line, character: 0 } }, text: `${site.indent}\n` };
  if (k <= TYPED.length) {
    const at = { line: site.line, character: column + k - 1 };
    return { range: { start: at, end: at }, text: TYPED[k - 1]! };
  }
  if (k < cycle - 1) {
    const left = 2 * TYPED.length + 1 - k;
    return { range: { start: { line: site.line, character: column + left - 1 }, end: { line: site.line, character: column + left } }, text: "" };
  }
  return { range: { start: { line: site.line, character: 0 }, end: { line: site.line + 1, character: 0 } }, text: "" };
}

async function runCorpus(corpus: Corpus, reps: number, edits: number): Promise<LspResult> {
  const relative = OPEN_FILE[corpus.name]!;
  const fileName = path.join(corpus.root, relative);
  const text = fs.readFileSync(fileName, "utf8");
  const site = editSite(fileName, text);
  const result: LspResult = { corpus: corpus.name, file: relative, cold: [], tsc: [], push: [], pull: [], typing: [], afterPause: [], pushCpu: [], pullCpu: [], memory: { afterColdMb: 0, afterEditsMb: 0, peakMb: 0 }, diagnostics: 0 };
  for (let rep = 0; rep < reps; rep++) {
    const tsc = measure([path.join(repo, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", corpus.tsconfig], corpus.root);
    result.tsc.push({ wall: tsc.wall, cpu: tsc.cpu });
    const { session, uri, cold, diagnostics } = await coldOpen(corpus, fileName, text);
    result.cold.push(cold);
    result.diagnostics = diagnostics;
    console.log(`${corpus.name} rep ${rep + 1}: tsc ${fmt(tsc.wall)} s (cpu ${fmt(tsc.cpu)}), first diagnostics ${fmt(cold.wall)} s (server cpu ${fmt(cold.cpu)}), ${diagnostics} diagnostics`);
    if (rep < reps - 1) {
      await session.dispose();
      continue;
    }
    result.memory.afterColdMb = procStatus(session.pid).rssMb;
    // Push mode: didChange, then wait for publishDiagnostics of that version.
    let version = 1;
    for (let i = 0; i < edits; i++) {
      version++;
      const next = session.nextPush(uri, version);
      const c0 = procCpu(session.pid);
      const t0 = performance.now();
      await session.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [editFor(i, site)] });
      await next;
      result.push.push(performance.now() - t0);
      result.pushCpu.push((procCpu(session.pid) - c0) * 1000);
    }
    if (edits % 2 === 1) throw new Error("BENCH_LSP_EDITS must be even (the file returns to its text)");
    result.memory.afterEditsMb = procStatus(session.pid).rssMb;
    result.memory.peakMb = procStatus(session.pid).peakMb;
    await session.dispose();
    console.log(`${corpus.name} push: p50 ${fmt(percentile(result.push, 50), 1)} ms, p95 ${fmt(percentile(result.push, 95), 1)} ms`);
    // Pull mode: a fresh server, open + pull (warm-up), then didChange + textDocument/diagnostic per edit.
    const pullSession = new Session();
    await pullSession.initialize(corpus.root, true);
    await pullSession.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    await pullSession.pull(uri);
    version = 1;
    const change = (contentChange: object) => {
      version++;
      return pullSession.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [contentChange] });
    };
    /** didChange, then textDocument/diagnostic: the milliseconds until the diagnostics came back. */
    const changeAndPull = async (contentChange: object) => {
      const t0 = performance.now();
      await change(contentChange);
      await pullSession.pull(uri);
      return performance.now() - t0;
    };
    for (let i = 0; i < edits; i++) {
      const c0 = procCpu(pullSession.pid);
      result.pull.push(await changeAndPull(editFor(i, site)));
      result.pullCpu.push((procCpu(pullSession.pid) - c0) * 1000);
    }
    for (let i = 0; i < edits; i++) result.typing.push(await changeAndPull(keystroke(i, site)));
    // Finish the statement's last cycle (untimed), so the file parses again.
    for (let i = edits; i % (2 * TYPED.length + 2) !== 0; i++) await change(keystroke(i, site));
    await pullSession.pull(uri);
    // Pauses: the server verifies the last provisional result 400 ms after it, with a full analysis of the file; the
    // next edit comes 400–600 ms after the previous one, while that analysis may be running.
    for (let i = 0; i < PAUSES; i++) {
      await new Promise((resolve) => setTimeout(resolve, VERIFY_MS + ((i * 37) % 200)));
      result.afterPause.push(await changeAndPull(editFor(i, site)));
    }
    result.memory.peakMb = Math.max(result.memory.peakMb, procStatus(pullSession.pid).peakMb);
    await pullSession.dispose();
    if (process.env.BENCH_LSP_DUMP) fs.writeFileSync(process.env.BENCH_LSP_DUMP, JSON.stringify({ pull: result.pull, pullCpu: result.pullCpu }));
    console.log(`${corpus.name} pull: p50 ${fmt(percentile(result.pull, 50), 1)} ms, p95 ${fmt(percentile(result.pull, 95), 1)} ms; typing p50 ${fmt(percentile(result.typing, 50), 1)} ms, p95 ${fmt(percentile(result.typing, 95), 1)} ms; after a pause p50 ${fmt(percentile(result.afterPause, 50), 1)} ms, p95 ${fmt(percentile(result.afterPause, 95), 1)} ms`);
  }
  return result;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * A fresh server's first edits run code the cold analysis never ran (incremental parsing, program reuse, a new checker
 * per edit) before V8 has optimised it: shown apart, as what a server left running all day gives. The target is judged
 * on all edits.
 */
const WARM_UP = 20;

function render(results: LspResult[], date: string, reps: number, edits: number): string {
  const out = [
    `Measured ${date}: ${reps} cold starts per corpus (interleaved with \`tsc --noEmit\`), then ${edits} edits (push) and ${edits} edits (pull) on the last one, then ${edits} keystrokes (pull) typing and deleting \`${TYPED}\` at the same place, then ${PAUSES} edits each 400–600 ms after the last (while the server verifies the previous one).`,
    ``,
    `| corpus | file opened | tsc --noEmit wall s | cold: didOpen → diagnostics, wall s | cold / tsc (wall) | server CPU s | cold / tsc (CPU) | target cold ≤ 1.2× tsc |`,
    `|---|---|---:|---:|---:|---:|---:|---|`,
  ];
  for (const r of results) {
    const paired = (key: "wall" | "cpu") => r.cold.map((c, i) => c[key] / r.tsc[i]![key]);
    const wallRatio = median(paired("wall"));
    const cpuRatio = median(paired("cpu"));
    const met = wallRatio <= 1.2 && cpuRatio <= 1.2 ? "**met**" : wallRatio > 1.2 && cpuRatio > 1.2 ? "**missed**" : `wall ${wallRatio <= 1.2 ? "met" : "missed"}, CPU ${cpuRatio <= 1.2 ? "met" : "missed"}`;
    out.push(
      `| ${r.corpus} | \`${r.file}\` | ${spread(r.tsc.map((t) => t.wall))} | ${spread(r.cold.map((c) => c.wall))} | ${spread(paired("wall"))} | ${spread(r.cold.map((c) => c.cpu))} | ${spread(paired("cpu"))} | ${met} |`,
    );
  }
  out.push(
    ``,
    `| corpus | push p50 ms | push p95 ms | push p95 − ${DEBOUNCE_MS} ms debounce | pull p50 ms | pull p95 ms | pull p50 / p95 after the first ${WARM_UP} edits | server CPU per edit p50 / p95 ms (pull) | target p95 < 50 ms (pull, all edits) | typing, key by key: pull p50 / p95 ms | after a pause: pull p50 / p95 ms | RSS after cold MB | after edits MB | peak MB |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|`,
  );
  for (const r of results) {
    const pullP95 = percentile(r.pull, 95);
    out.push(
      `| ${r.corpus} | ${fmt(percentile(r.push, 50), 1)} | ${fmt(percentile(r.push, 95), 1)} | ${fmt(percentile(r.push, 95) - DEBOUNCE_MS, 1)} | ${fmt(percentile(r.pull, 50), 1)} | ${fmt(pullP95, 1)} | ${fmt(percentile(r.pull.slice(WARM_UP), 50), 1)} / ${fmt(percentile(r.pull.slice(WARM_UP), 95), 1)} | ${fmt(percentile(r.pullCpu, 50), 0)} / ${fmt(percentile(r.pullCpu, 95), 0)} | ${pullP95 < 50 ? "**met**" : "**missed**"} | ${fmt(percentile(r.typing, 50), 1)} / ${fmt(percentile(r.typing, 95), 1)} | ${fmt(percentile(r.afterPause, 50), 1)} / ${fmt(percentile(r.afterPause, 95), 1)} | ${fmt(r.memory.afterColdMb, 0)} | ${fmt(r.memory.afterEditsMb, 0)} | ${fmt(r.memory.peakMb, 0)} |`,
    );
  }
  return out.join("\n");
}

/**
 * BENCH_LSP_PROFILE=1: a private unminified bundle of the server under --cpu-prof, open + BENCH_LSP_EDITS pull-mode
 * edits per corpus, then the profile attributed to rules and phases (cold load included, a small share).
 */
async function profile(corpora: Corpus[], edits: number): Promise<void> {
  const { bundle, attribute, printAttribution } = await import("./profile");
  const server = await bundle("server");
  const sections: string[] = [];
  for (const corpus of corpora) {
    const fileName = path.join(corpus.root, OPEN_FILE[corpus.name]!);
    const text = fs.readFileSync(fileName, "utf8");
    const site = editSite(fileName, text);
    const profDir = path.join(__dirname, ".corpus", "prof", `lsp-${corpus.name}-${Date.now()}`);
    const session = new Session(["--cpu-prof", `--cpu-prof-dir=${profDir}`, server]);
    await session.initialize(corpus.root, true);
    const uri = URI.file(fileName).toString();
    await session.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text } });
    await session.pull(uri);
    const coldCpu = procCpu(session.pid);
    const editsFrom = Number(process.hrtime.bigint() / 1000n);
    for (let i = 0, version = 1; i < edits; i++) {
      version++;
      await session.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [editFor(i, site)] });
      await session.pull(uri);
    }
    const editCpu = procCpu(session.pid) - coldCpu;
    await session.dispose(true);
    const [file] = fs.readdirSync(profDir);
    const table = printAttribution(attribute(path.join(profDir, file!), server, editsFrom));
    sections.push(`${corpus.name}, \`${OPEN_FILE[corpus.name]}\`: cold open ${coldCpu.toFixed(1)} s CPU, then ${edits} edits ${editCpu.toFixed(1)} s CPU (${((1000 * editCpu) / edits).toFixed(0)} ms per edit). The edits only:\n\n${table}`);
    console.log(sections[sections.length - 1]);
  }
  replaceSection("lsp-profile", sections.join("\n\n"));
}

async function main(): Promise<void> {
  if (process.env.BENCH_LSP_PROFILE) {
    const wanted = process.env.BENCH_CORPORA?.split(",");
    await profile(allCorpora().filter((c) => !wanted || wanted.includes(c.name)), Number(process.env.BENCH_LSP_EDITS ?? 40));
    return;
  }
  const reps = Number(process.env.BENCH_LSP_REPS ?? 3);
  const edits = Number(process.env.BENCH_LSP_EDITS ?? 200);
  const wanted = process.env.BENCH_CORPORA?.split(",");
  if (!fs.existsSync(serverPath)) throw new Error("dist/server.js is missing: run `npm run build` first");
  const date = new Date().toISOString();
  const results: LspResult[] = [];
  for (const corpus of allCorpora().filter((c) => !wanted || wanted.includes(c.name))) results.push(await runCorpus(corpus, reps, edits));
  const table = render(results, date, reps, edits);
  console.log(`\n${table}`);
  const resultsDir = path.join(__dirname, "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `lsp-${date.slice(0, 16).replace(":", "-")}.json`), `${JSON.stringify({ date, machine: machineInfo(), versions: toolVersions(), results }, null, 1)}\n`);
  replaceSection("lsp", `${machineInfo().markdown}\n\n${table}`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
