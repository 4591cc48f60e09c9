import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import typescript from "typescript";
import { shortRunInterruptBudget, shortRunV8Flags } from "../server/src/cli/v8-tuning";

const repoRoot = path.join(__dirname, "..");
const cliPath = path.join(repoRoot, "dist", "cli.js");

function runCli(args: string[], cwd = repoRoot) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempProject(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-cli-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const strictTsconfig = JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", noEmit: true, types: [] } });

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; line: number; column: number; endLine?: number; endColumn?: number; message: string; fatal?: boolean }[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  suppressedMessages: unknown[];
  usedDeprecatedRules: unknown[];
}

describe("nursery-lint (dist/cli.js as a process)", function () {
  this.timeout(60_000);
  const cleanups: string[] = [];
  after(() => cleanups.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const project = (files: Record<string, string>) => {
    const root = tempProject(files);
    cleanups.push(root);
    return root;
  };

  it("lints the examples project: exact findings in ESLint's JSON shape, exit 1", () => {
    const { code, stdout, stderr } = runCli(["examples", "--format", "json"]);
    assert.equal(stderr, "");
    assert.equal(code, 1);
    const results = JSON.parse(stdout) as JsonResult[];
    const found = results.flatMap((r) => r.messages.map((m) => `${path.relative(repoRoot, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`));
    assert.deepEqual(found, [
      "examples/src/checkout.ts:7:3 floating-promise",
      "examples/src/checkout.ts:10:3 floating-promise",
      "examples/src/checkout.ts:11:3 floating-promise",
      "examples/src/checkout.ts:17:3 floating-promise",
    ]);
    const checkout = results.find((r) => r.filePath.endsWith("checkout.ts"))!;
    assert.deepEqual(Object.keys(checkout).sort(), [
      "errorCount", "fatalErrorCount", "filePath", "fixableErrorCount", "fixableWarningCount", "messages", "suppressedMessages", "usedDeprecatedRules", "warningCount",
    ]);
    assert.equal(checkout.errorCount, 4);
    assert.equal(checkout.warningCount, 0);
    assert.deepEqual(checkout.messages[0], {
      ruleId: "floating-promise",
      severity: 2,
      message: checkout.messages[0]!.message,
      line: 7,
      column: 3,
      endLine: 7,
      endColumn: 68,
    });
    assert.equal(results.length, 3, "every linted file has a result, clean ones too");
  });

  it("prints ESLint's stylish format", () => {
    const { code, stdout } = runCli(["examples"]);
    assert.equal(code, 1);
    const lines = stdout.split("\n");
    assert.ok(lines.includes(path.join("examples", "src", "checkout.ts")));
    assert.ok(lines.some((line) => /^ {2}7:3 {3}error {2}Promises in this array .* {2}floating-promise$/.test(line)), stdout);
    assert.ok(lines.includes("\u2716 4 problems (4 errors, 0 warnings)"), stdout);
  });

  it("exits 0 with no output for clean code", () => {
    const root = project({ "tsconfig.json": strictTsconfig, "src/ok.ts": "export async function f(p: Promise<void>) { await p; }\n" });
    const { code, stdout, stderr } = runCli([root]);
    assert.deepEqual({ code, stdout, stderr }, { code: 0, stdout: "", stderr: "" });
  });

  it("checks a loose file that no tsconfig covers with default options", () => {
    const root = project({ "loose.ts": "async function g() {}\nexport async function f() {\n  g();\n}\n" });
    const { code, stdout } = runCli([path.join(root, "loose.ts"), "-f", "json"]);
    assert.equal(code, 1);
    const [result] = JSON.parse(stdout) as JsonResult[];
    assert.deepEqual(result!.messages.map((m) => [m.ruleId, m.line, m.column]), [["floating-promise", 3, 3]]);
  });

  it("uses --project and lints only that project's files", () => {
    const root = project({
      "tsconfig.app.json": JSON.stringify({ extends: "./tsconfig.json", include: ["app"] }),
      "tsconfig.json": strictTsconfig,
      "app/a.ts": "async function g() {}\nexport async function f() { g(); }\n",
      "other/b.ts": "async function g() {}\nexport async function f() { g(); }\n",
    });
    const { code, stdout } = runCli(["--project", path.join(root, "tsconfig.app.json"), "-f", "json"]);
    assert.equal(code, 1);
    const results = JSON.parse(stdout) as JsonResult[];
    assert.deepEqual(results.map((r) => path.relative(root, r.filePath)), [path.join("app", "a.ts")]);
  });

  it("follows a solution-style tsconfig's references to the project that owns the file (Vite layout)", () => {
    const root = project({
      "tsconfig.json": JSON.stringify({ files: [], references: [{ path: "./tsconfig.app.json" }, { path: "./tsconfig.node.json" }] }),
      "tsconfig.app.json": JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2023", "DOM"], types: [] }, include: ["src"] }),
      "tsconfig.node.json": JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", types: [] }, include: ["vite.config.ts"] }),
      // `fetch` exists only with the DOM lib of tsconfig.app.json: a loose-file fallback would still type it, so check
      // the project through a type only the app project declares.
      "src/env.d.ts": "declare function appOnly(): Promise<void>;\n",
      "src/main.ts": "export async function start() {\n  appOnly();\n}\n",
      "vite.config.ts": "export default {};\n",
    });
    const { code, stdout } = runCli([path.join(root, "src", "main.ts"), "-f", "json"]);
    assert.equal(code, 1);
    const [result] = JSON.parse(stdout) as JsonResult[];
    assert.deepEqual(result!.messages.map((m) => [m.ruleId, m.line]), [["floating-promise", 2]]);
  });

  it("uses a jsconfig.json for JavaScript projects (paths, checkJs), as tsserver does", () => {
    const root = project({
      "jsconfig.json": JSON.stringify({ compilerOptions: { checkJs: true, baseUrl: ".", paths: { "@lib/*": ["lib/*"] }, module: "ESNext", moduleResolution: "Bundler" } }),
      "lib/api.js": "export async function ping() {}\n",
      "main.js": 'import { ping } from "@lib/api.js";\nexport async function main() {\n  ping();\n}\n',
    });
    const { code, stdout } = runCli([path.join(root, "main.js"), "-f", "json"]);
    assert.equal(code, 1);
    const [result] = JSON.parse(stdout) as JsonResult[];
    assert.deepEqual(result!.messages.map((m) => [m.ruleId, m.line, m.column]), [["floating-promise", 3, 3]]);
  });

  it("expands quoted globs as ESLint does", () => {
    const root = project({ "tsconfig.json": strictTsconfig, "src/a.ts": "export {};\n", "src/b.ts": "export {};\n", "other/c.ts": "export {};\n" });
    const { code, stdout } = runCli(["src/*.ts", "-f", "json"], root);
    assert.equal(code, 0);
    assert.deepEqual((JSON.parse(stdout) as JsonResult[]).map((r) => path.relative(root, r.filePath)).sort(), [path.join("src", "a.ts"), path.join("src", "b.ts")]);
    const none = runCli(["src/*.mts"], root);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /No files matching "src\/\*\.mts" were found/);
  });

  it("reports a file that does not parse as one fatal message, like ESLint", () => {
    const root = project({ "tsconfig.json": strictTsconfig, "bad.ts": "export async function f( {\n" });
    const { code, stdout } = runCli([root, "-f", "json"]);
    assert.equal(code, 1);
    const [result] = JSON.parse(stdout) as JsonResult[];
    assert.equal(result!.fatalErrorCount, 1);
    assert.equal(result!.messages.length, 1);
    assert.equal(result!.messages[0]!.ruleId, null);
    assert.match(result!.messages[0]!.message, /^Parsing error: /);
  });

  describe("bad input: exit 2 with a one-line message, no stack trace", () => {
    const cases: [string, () => string[], RegExp][] = [
      ["a path that does not exist", () => ["no/such/dir"], /^nursery-lint: No files matching "no\/such\/dir" were found\.\n$/],
      ["a missing --project", () => ["-p", "missing.json"], /^nursery-lint: Cannot find tsconfig "[^"]*missing\.json"\.\n$/],
      ["an unknown flag", () => ["--frobnicate"], /^nursery-lint: Unknown option '--frobnicate'.*\nRun "nursery-lint --help" for usage\.\n$/],
      ["an unknown format", () => ["--format", "xml"], /^nursery-lint: Unknown format "xml"\. Use one of: stylish, json, sarif, github\.\n/],
      [
        "a tsconfig that is not valid JSON",
        () => [project({ "tsconfig.json": "{ compilerOptions: ", "a.ts": "export {};\n" })],
        /^nursery-lint: Invalid tsconfig "[^"]*tsconfig\.json": .*\n$/,
      ],
      [
        "a tsconfig with an unknown option value",
        () => [project({ "tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES1999" } }), "a.ts": "export {};\n" })],
        /^nursery-lint: Invalid tsconfig "[^"]*tsconfig\.json": .*target.*\n$/,
      ],
      ["a file that is not a source file", () => [path.join(repoRoot, "package.json")], /is not a TypeScript or JavaScript source file\.\n$/],
    ];
    for (const [name, args, message] of cases) {
      it(name, () => {
        const { code, stdout, stderr } = runCli(args());
        assert.equal(code, 2, `stdout: ${stdout}\nstderr: ${stderr}`);
        assert.match(stderr, message);
        assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");
        assert.equal(stdout, "");
      });
    }
  });

  describe("configuration and formats", () => {
    const floating = "async function g() {}\nexport async function f() {\n  g();\n}\n";

    it("applies the nearest nursery.json, and --rule / --preset on top", () => {
      const root = project({
        "tsconfig.json": strictTsconfig,
        "nursery.json": '{ // comments allowed\n "rules": { "floating-promise": "warn" } }',
        "a.ts": floating,
      });
      let run = runCli([root, "-f", "json"]);
      assert.equal(run.code, 0, "warnings alone exit 0");
      assert.equal((JSON.parse(run.stdout) as JsonResult[])[0]!.warningCount, 1);
      run = runCli([root, "--max-warnings", "0"]);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /too many warnings \(maximum: 0\)/);
      run = runCli([root, "--rule", "floating-promise=off", "-f", "json"]);
      assert.deepEqual({ code: run.code, messages: (JSON.parse(run.stdout) as JsonResult[])[0]!.messages }, { code: 0, messages: [] });
      run = runCli([root, "--quiet", "-f", "json"]);
      assert.deepEqual((JSON.parse(run.stdout) as JsonResult[])[0]!.messages, [], "--quiet drops warnings");
    });

    it("a broken nursery.json is a one-line error naming the file and position, exit 2", () => {
      const root = project({ "tsconfig.json": strictTsconfig, "nursery.json": '{ "rules": { "floating-promises": "warn" } }', "a.ts": floating });
      const run = runCli([root]);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^nursery-lint: Invalid config "[^"]*nursery\.json": 1:14 unknown rule "floating-promises"/);
    });

    it("--print-config shows the effective config for a file", () => {
      const root = project({ "tsconfig.json": strictTsconfig, "nursery.json": '{ "preset": "strict", "runtimeModule": "@acme/n" }', "a.ts": floating });
      const run = runCli(["--print-config", path.join(root, "a.ts"), "--rule", "floating-promise=warn"]);
      assert.equal(run.code, 0);
      const config = JSON.parse(run.stdout);
      assert.equal(config.configFile, path.join(root, "nursery.json"));
      assert.equal(config.preset, "strict");
      assert.equal(config.runtimeModule, "@acme/n");
      assert.deepEqual(config.enabledRules["floating-promise"][0], "warning");
    });

    it("sarif: a 2.1.0 log with rule metadata and results pointing at the code", () => {
      const run = runCli(["examples", "-f", "sarif"]);
      assert.equal(run.code, 1);
      const log = JSON.parse(run.stdout);
      assert.equal(log.version, "2.1.0");
      const [sarifRun] = log.runs;
      assert.equal(sarifRun.tool.driver.name, "nursery-lint");
      const ruleIds = sarifRun.tool.driver.rules.map((r: { id: string }) => r.id);
      assert.ok(ruleIds.includes("floating-promise"));
      assert.equal(sarifRun.results.length, 4);
      const first = sarifRun.results[0];
      assert.equal(ruleIds[first.ruleIndex], first.ruleId);
      assert.deepEqual(first.locations[0].physicalLocation.artifactLocation, { uri: "examples/src/checkout.ts", uriBaseId: "%SRCROOT%" });
      assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 7, startColumn: 3, endLine: 7, endColumn: 68 });
    });

    it("sarif: the log type-checks against the SARIF 2.1.0 object model (@types/sarif), and a broken one does not", () => {
      const log = JSON.parse(runCli(["examples", "-f", "sarif"]).stdout);
      const errorsFor = (value: unknown) => {
        const dir = project({ "check.ts": `import type { Log } from "sarif";\nexport const log: Log = ${JSON.stringify(value, null, 2)};\n` });
        const program = typescript.createProgram([path.join(dir, "check.ts")], {
          strict: true,
          noEmit: true,
          types: ["sarif"],
          skipLibCheck: true,
          typeRoots: [path.join(repoRoot, "node_modules", "@types")],
          module: typescript.ModuleKind.ESNext,
          moduleResolution: typescript.ModuleResolutionKind.Bundler,
        });
        return typescript.getPreEmitDiagnostics(program).map((d) => typescript.flattenDiagnosticMessageText(d.messageText, " "));
      };
      assert.deepEqual(errorsFor(log), []);
      const broken = structuredClone(log);
      broken.runs[0].results[0].level = "fatal";
      assert.equal(errorsFor(broken).length, 1, "the check can fail");
    });

    it("github: workflow annotations with escaped properties", () => {
      const run = runCli(["examples", "-f", "github"]);
      const lines = run.stdout.trim().split("\n");
      assert.equal(lines.length, 4);
      assert.match(lines[0]!, /^::error file=examples\/src\/checkout\.ts,line=7,endLine=7,col=3,endColumn=68,title=nursery\(floating-promise\)::Promises in this array/);
    });
  });

  describe("--fix", () => {
    const withUnused = "// nursery-ignore-next-line floating-promise\nexport const x = 1;\nasync function g() {}\nexport async function f() {\n  g();\n}\n";

    it("applies safe fixes only, writes the file, reports what is left", () => {
      const root = project({ "tsconfig.json": strictTsconfig, "a.ts": withUnused });
      const run = runCli([root, "--fix", "-f", "json"]);
      assert.equal(run.code, 1, "the floating promise has no safe fix and stays");
      assert.equal(fs.readFileSync(path.join(root, "a.ts"), "utf8"), withUnused.replace("// nursery-ignore-next-line floating-promise\n", ""));
      const [result] = JSON.parse(run.stdout) as JsonResult[];
      assert.deepEqual(result!.messages.map((m) => [m.ruleId, m.line]), [["floating-promise", 4]]);
    });

    it("--fix-dry-run reports the output without writing; --fix-type unsafe adds unsafe fixes", () => {
      const root = project({ "tsconfig.json": strictTsconfig, "a.ts": withUnused });
      const dry = runCli([root, "--fix-dry-run", "--fix-type", "unsafe", "-f", "json"]);
      const [result] = JSON.parse(dry.stdout) as (JsonResult & { output?: string })[];
      assert.equal(result!.output, "export const x = 1;\nasync function g() {}\nexport async function f() {\n  await g();\n}\n");
      assert.deepEqual(result!.messages, []);
      assert.equal(dry.code, 0);
      assert.equal(fs.readFileSync(path.join(root, "a.ts"), "utf8"), withUnused, "dry run writes nothing");
    });
  });

  describe("--fix and the runtime", () => {
    const sleepy = "export async function poll(signal: AbortSignal) {\n  await new Promise((resolve) => setTimeout(resolve, 100));\n}\n";
    const typeErrors = (root: string) => {
      const config = typescript.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...typescript.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
      const program = typescript.createProgram(config.fileNames, config.options);
      return typescript.getPreEmitDiagnostics(program).map((d) => typescript.flattenDiagnosticMessageText(d.messageText, " "));
    };

    it("leaves out a fix that would import a runtime the project does not have, and applies it once installed", () => {
      const root = project({ "tsconfig.json": strictTsconfig, "a.ts": sleepy });
      const without = runCli([root, "--fix", "-f", "json"]);
      assert.equal(without.code, 0, "a warning is left");
      assert.equal(fs.readFileSync(path.join(root, "a.ts"), "utf8"), sleepy, "an import of a missing `nursery` would break the build");
      assert.deepEqual((JSON.parse(without.stdout) as JsonResult[])[0]!.messages.map((m) => [m.ruleId, m.line]), [["uncancellable-sleep", 2]]);
      assert.deepEqual(typeErrors(root), []);

      fs.mkdirSync(path.join(root, "node_modules", "nursery"), { recursive: true });
      fs.writeFileSync(path.join(root, "node_modules", "nursery", "package.json"), JSON.stringify({ name: "nursery", version: "0.1.0", types: "index.d.ts" }));
      fs.writeFileSync(path.join(root, "node_modules", "nursery", "index.d.ts"), "export declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;\n");
      const installed = runCli([root, "--fix", "-f", "json"]);
      assert.equal(installed.code, 0, installed.stdout);
      assert.deepEqual((JSON.parse(installed.stdout) as JsonResult[])[0]!.messages, []);
      assert.equal(
        fs.readFileSync(path.join(root, "a.ts"), "utf8"),
        'import { sleep } from "nursery";\n\nexport async function poll(signal: AbortSignal) {\n  await sleep(100, signal);\n}\n',
      );
      assert.deepEqual(typeErrors(root), []);
    });
  });

  it("a Node project (no DOM): streams handed to a pipeline that has the signal need none of their own", () => {
    const nodeTsconfig = JSON.stringify({
      compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, types: ["node"], typeRoots: [path.join(repoRoot, "node_modules", "@types")] },
    });
    const copy = (options: string) =>
      `import { createReadStream, createWriteStream } from "node:fs";\nimport { pipeline } from "node:stream/promises";\nexport async function copy(from: string, to: string, signal: AbortSignal) {\n  await pipeline(createReadStream(from), createWriteStream(to)${options});\n}\n`;
    const finished = `import { createReadStream } from "node:fs";\nimport { finished } from "node:stream/promises";\nexport async function drain(from: string, signal: AbortSignal) {\n  await finished(createReadStream(from), { signal });\n}\n`;
    const root = project({ "tsconfig.json": nodeTsconfig, "with.ts": copy(", { signal }"), "without.ts": copy(""), "finished.ts": finished });
    const results = JSON.parse(runCli([root, "-f", "json"]).stdout) as JsonResult[];
    const findings = Object.fromEntries(results.map((r) => [path.basename(r.filePath), r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)]));
    assert.deepEqual(findings, {
      // `finished` stops waiting when aborted but leaves the stream open.
      "finished.ts": ["signal-not-forwarded 4:18"],
      "with.ts": [],
      "without.ts": ["signal-not-forwarded 4:9", "signal-not-forwarded 4:18", "signal-not-forwarded 4:42"],
    });
  });

  describe("--cache", () => {
    it("reuses results while nothing changed, and re-checks a file when a dependency changes", () => {
      const root = project({
        "tsconfig.json": strictTsconfig,
        "lib.ts": "export function load(): number { return 1; }\n",
        "main.ts": 'import { load } from "./lib";\nexport async function main() {\n  load();\n}\n',
      });
      const cacheFile = path.join(root, ".cache", "nursery.json");
      const args = [root, "--cache", "--cache-location", cacheFile, "-f", "json"];
      const messagesOf = (stdout: string) =>
        Object.fromEntries((JSON.parse(stdout) as JsonResult[]).map((r) => [path.basename(r.filePath), r.messages.map((m) => m.message)]));

      assert.deepEqual(messagesOf(runCli(args).stdout), { "lib.ts": [], "main.ts": [] });
      assert.ok(fs.existsSync(cacheFile));

      // Prove the second run reads the cache: a planted result comes back untouched.
      const cache = JSON.parse(fs.readFileSync(cacheFile, "utf8"));
      const entry = cache.entries[path.join(root, "main.ts")];
      entry.result.messages = [{ ruleId: "floating-promise", severity: 2, message: "FROM CACHE", line: 1, column: 1 }];
      fs.writeFileSync(cacheFile, JSON.stringify(cache));
      assert.deepEqual(messagesOf(runCli(args).stdout), { "lib.ts": [], "main.ts": ["FROM CACHE"] });

      // The dependency now returns a promise: main.ts must be re-checked although its own text did not change.
      fs.writeFileSync(path.join(root, "lib.ts"), "export async function load(): Promise<number> { return 1; }\n");
      const after = messagesOf(runCli(args).stdout);
      assert.equal(after["main.ts"]!.length, 1);
      assert.match(after["main.ts"]![0]!, /^Promise is neither awaited/);
    });
  });

  it("--cache-strategy: metadata trusts an unchanged size and mtime, hashes the content when they changed or were recorded in the same instant; content always hashes", () => {
    const handled = "export async function main() {\n  void Promise.resolve(1);\n}\n";
    // The same length, so that only the content tells them apart.
    const floating = handled.replace("void Promise.resolve(1);", "Promise.resolve(1); //xx");
    assert.equal(floating.length, handled.length);
    const root = project({ "tsconfig.json": strictTsconfig, "main.ts": floating });
    const main = path.join(root, "main.ts");
    const cacheFile = path.join(root, "nursery-cache.json");
    const rulesOf = (...extra: string[]) => {
      const run = runCli([root, "--cache", "--cache-location", cacheFile, "-f", "json", ...extra]);
      return (JSON.parse(run.stdout) as JsonResult[])[0]!.messages.map((message) => message.message.slice(0, 10));
    };
    const setMtime = (seconds: number) => fs.utimesSync(main, seconds, seconds);
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;

    setMtime(hourAgo);
    assert.deepEqual(rulesOf(), ["Promise is"]);
    // Same size, same (old) mtime: trusted without reading, as ESLint's and git's metadata checks do.
    fs.writeFileSync(main, handled);
    setMtime(hourAgo);
    assert.deepEqual(rulesOf(), ["Promise is"], "metadata: the unchanged stat stands for the old content");
    assert.deepEqual(rulesOf("--cache-strategy", "content"), [], "content: the new text is read");

    // A new mtime with the same content: hashed, found equal, the cached result is reused.
    const cache = JSON.parse(fs.readFileSync(cacheFile, "utf8"));
    cache.entries[main].result.messages = [{ ruleId: "floating-promise", severity: 2, message: "FROM CACHE", line: 1, column: 1 }];
    fs.writeFileSync(cacheFile, JSON.stringify(cache));
    setMtime(hourAgo + 60);
    assert.deepEqual(rulesOf(), ["FROM CACHE"]);

    // Recorded in the same instant it was written: a later same-size write keeping that mtime is still noticed.
    const now = Math.floor(Date.now() / 1000);
    fs.writeFileSync(main, floating);
    setMtime(now);
    assert.deepEqual(rulesOf(), ["Promise is"]);
    fs.writeFileSync(main, handled);
    setMtime(now);
    assert.deepEqual(rulesOf(), [], "racily clean: hashed again");

    const usage = runCli([root, "--cache", "--cache-strategy", "size"]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--cache-strategy must be metadata or content/);
  });

  it("--cache: a cache file in an older format, or damaged, is ignored and rewritten", () => {
    const root = project({
      "tsconfig.json": strictTsconfig,
      "main.ts": "export async function main() {\n  Promise.resolve(1);\n}\n",
    });
    const cacheFile = path.join(root, "nursery-cache.json");
    const args = [root, "--cache", "--cache-location", cacheFile, "-f", "json"];
    assert.equal(runCli(args).code, 1);
    const current = JSON.parse(fs.readFileSync(cacheFile, "utf8"));
    for (const damaged of [
      { key: current.key, entries: { [path.join(root, "main.ts")]: { key: "x", deps: { [path.join(root, "main.ts")]: "x" }, result: {} } } },
      { ...current, files: [], entries: Object.fromEntries(Object.entries(current.entries).map(([file, entry]) => [file, { ...(entry as object), deps: [7] }])) },
      "{ not json",
    ]) {
      fs.writeFileSync(cacheFile, typeof damaged === "string" ? damaged : JSON.stringify(damaged));
      const run = runCli(args);
      assert.equal(run.code, 1, run.stderr);
      const [result] = JSON.parse(run.stdout) as JsonResult[];
      assert.deepEqual(result!.messages.map((message) => message.ruleId), ["floating-promise"]);
      assert.ok(Array.isArray(JSON.parse(fs.readFileSync(cacheFile, "utf8")).files), "rewritten in the current format");
    }
  });

  describe("--cache dependencies", () => {
    it("records each file's transitive project imports (through cycles) and the global declaration files, not node_modules", () => {
      const root = project({
        "tsconfig.json": strictTsconfig,
        "globals.d.ts": "declare const BUILD: string;\n",
        "lib.ts": 'import { main } from "./main";\nexport function load(): number { return main.length; }\n',
        "mid.ts": 'export { load } from "./lib";\nexport type Loaded = import("./types").Loaded;\n',
        "types.ts": "export type Loaded = number;\n",
        "main.ts": 'import { load } from "./mid";\nexport async function main() {\n  load();\n}\n',
        "leaf.ts": 'import { pkg } from "pkg";\nexport const leaf = pkg;\n',
        "node_modules/pkg/package.json": '{ "name": "pkg", "types": "index.d.ts" }\n',
        "node_modules/pkg/index.d.ts": "export declare const pkg: number;\n",
      });
      const cacheFile = path.join(root, ".cache", "nursery.json");
      assert.equal(runCli([root, "--cache", "--cache-location", cacheFile, "-f", "json"]).code, 0);
      const { files, entries } = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { files: [string, string][]; entries: Record<string, { deps: number[] }> };
      const depsOf = (file: string) => entries[path.join(root, file)]!.deps.map((row) => path.basename(files[row]![0])).sort();
      assert.deepEqual(depsOf("main.ts"), ["globals.d.ts", "lib.ts", "mid.ts", "types.ts"]);
      assert.deepEqual(depsOf("lib.ts"), ["globals.d.ts", "main.ts", "mid.ts", "types.ts"]);
      assert.deepEqual(depsOf("leaf.ts"), ["globals.d.ts"]);
    });
  });

  it("keeps the bundle's compiled code in a private cache folder after a lint, and gives the same results from it", () => {
    const root = project({ "tsconfig.json": strictTsconfig, "main.ts": "export async function main() {\n  Promise.resolve(1);\n}\n" });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nursery-tmpdir-"));
    const run = (env: Record<string, string> = {}) => {
      const result = spawnSync(process.execPath, [cliPath, root, "-f", "json"], { encoding: "utf8", env: { ...process.env, TMPDIR: tmp, ...env } });
      return { code: result.status, messages: (JSON.parse(result.stdout) as JsonResult[])[0]!.messages.map((m) => `${m.line}:${m.ruleId}`) };
    };
    const folder = path.join(tmp, `nursery-code-cache-${process.getuid?.() ?? "user"}`);
    const cached = () => (fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => name.endsWith(".bin")) : []);

    assert.deepEqual(run({ NURSERY_NO_CODE_CACHE: "1" }), { code: 1, messages: ["2:floating-promise"] });
    assert.deepEqual(cached(), [], "NURSERY_NO_CODE_CACHE leaves no cache");
    assert.deepEqual(run(), { code: 1, messages: ["2:floating-promise"] });
    assert.equal(cached().length, 1);
    if (process.getuid) assert.equal(fs.statSync(folder).mode & 0o077, 0, "only this user can read or write the folder");
    assert.deepEqual(run(), { code: 1, messages: ["2:floating-promise"] }, "a run from the cache reports the same");
    // A damaged cache is rejected by V8 and rewritten, not trusted.
    fs.writeFileSync(path.join(folder, cached()[0]!), "not compiled code");
    assert.deepEqual(run(), { code: 1, messages: ["2:floating-promise"] });
    assert.ok(fs.statSync(path.join(folder, cached()[0]!)).size > 1_000_000, "rewritten");
  });

  it("--version and --help exit 0", () => {
    const version = runCli(["--version"]);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version);
    const help = runCli(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^nursery-lint \[options\]/);
  });
});

describe("V8 settings of the short-lived CLI process", () => {
  it("raises V8's interrupt budget unless the user chose one", () => {
    assert.deepEqual(shortRunV8Flags([], undefined), [`--interrupt-budget=${shortRunInterruptBudget}`]);
    assert.deepEqual(shortRunV8Flags(["--enable-source-maps"], "--max-old-space-size=4096"), [`--interrupt-budget=${shortRunInterruptBudget}`]);
    assert.deepEqual(shortRunV8Flags(["--interrupt-budget=1000"], undefined), []);
    assert.deepEqual(shortRunV8Flags([], "--max-old-space-size=4096 --interrupt_budget=1000"), []);
    // A flag that merely contains the words is not a choice of budget.
    assert.deepEqual(shortRunV8Flags(["--interrupt-budget-for-feedback-allocation=10"], undefined), [`--interrupt-budget=${shortRunInterruptBudget}`]);
  });

  it("lints with the user's own budget on node's command line", () => {
    const root = tempProject({ "tsconfig.json": strictTsconfig, "a.ts": "async function f(): Promise<void> {}\nf();\n" });
    const result = spawnSync(process.execPath, ["--interrupt-budget=10000", cliPath, "--format", "json", "a.ts"], { cwd: root, encoding: "utf8" });
    assert.equal(result.status, 1, result.stderr);
    const [file] = JSON.parse(result.stdout) as JsonResult[];
    assert.deepEqual(file!.messages.map((m) => [m.ruleId, m.line]), [["floating-promise", 2]]);
  });
});
