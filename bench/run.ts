// npm run bench: tsc --noEmit, typescript-eslint (no-floating-promises + no-misused-promises, typed), oxlint's
// type-aware mode (oxlint-tsgolint) with the same two rules, nursery-lint cold (recommended preset, and the two promise
// rules alone), nursery-lint --cache warm after one leaf file changed, and the floor of any run (one empty file with
// the corpus's compiler options) — on both corpora, interleaved per repetition
// (A B C …, A B C …) so that load from other processes hits every tool alike. Reports median and min–max of wall
// and CPU (user+sys) time, paired ratios (computed per repetition, then the median), and writes bench/README.md's
// results section plus bench/results/run-<date>.json.
//
// Options (env): BENCH_REPS (default 3), BENCH_CORPORA (comma list: generated,openai), BENCH_SKIP (comma list of tool ids).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { allCorpora, writeEslintConfig, writeOxlintConfig, type Corpus } from "./corpora";
import { machineInfo, replaceSection, toolVersions } from "./report";

const repo = path.resolve(__dirname, "..");
const bin = (p: string) => path.join(repo, "node_modules", p);
const cli = path.join(repo, "dist", "cli.js");
const outDir = path.join(__dirname, ".corpus", "out");

export interface Measurement {
  wall: number;
  cpu: number;
  rssMb: number;
  exitCode: number;
  findings?: number;
}

interface Tool {
  id: string;
  label: string;
  /** Runs before each timed run, untimed. */
  before?(corpus: Corpus, rep: number): void;
  command(corpus: Corpus): { args: string[]; cwd: string; outputFile?: string };
  findings?(stdout: string, outputFile?: string): number | undefined;
}

/** Runs `node args…` under /usr/bin/time: wall from hrtime, CPU (user+sys) and max RSS from time(1). */
export function measure(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Measurement & { stdout: string; stderr: string } {
  const timeFile = path.join(os.tmpdir(), `nursery-bench-time-${process.pid}`);
  const started = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "%U %S %M", "-o", timeFile, process.execPath, ...args], {
    cwd,
    env,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const [user, sys, rssKb] = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
  fs.rmSync(timeFile, { force: true });
  return { wall, cpu: user! + sys!, rssMb: rssKb! / 1024, exitCode: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const NURSERY_TWO_RULES = ["floating-promise", "misused-promise"];

function nurseryRuleFlags(only: string[] | undefined): string[] {
  if (!only) return [];
  const ruleIds = JSON.parse(fs.readFileSync(path.join(repo, "schemas", "nursery.schema.json"), "utf8")) as {
    properties?: { rules?: { properties?: Record<string, unknown> } };
  };
  const ids = Object.keys(ruleIds.properties?.rules?.properties ?? {});
  return ids.flatMap((id) => ["--rule", `${id}=${only.includes(id) ? "error" : "off"}`]);
}

function countJsonFindings(text: string): number | undefined {
  try {
    return (JSON.parse(text) as { messages: unknown[] }[]).reduce((sum, file) => sum + file.messages.length, 0);
  } catch {
    return undefined;
  }
}

const cacheFile = (corpus: Corpus) => path.join(outDir, `${corpus.name}.nurserycache`);
const leafOriginal = new Map<string, string>();

export const tools: Tool[] = [
  {
    id: "tsc",
    label: "tsc --noEmit",
    command: (corpus) => ({ args: [bin("typescript/bin/tsc"), "--noEmit", "-p", corpus.tsconfig], cwd: corpus.root }),
    findings: (stdout) => (stdout.match(/error TS\d+/g) ?? []).length,
  },
  {
    id: "eslint",
    label: "typescript-eslint (2 rules)",
    command: (corpus) => {
      const outputFile = path.join(outDir, `${corpus.name}.eslint.json`);
      return { args: [bin("eslint/bin/eslint.js"), "-c", writeEslintConfig(corpus), "-f", "json", "-o", outputFile, path.relative(corpus.root, corpus.srcDir)], cwd: corpus.root, outputFile };
    },
    findings: (_stdout, outputFile) => countJsonFindings(fs.readFileSync(outputFile!, "utf8")),
  },
  {
    id: "oxlint",
    label: "oxlint --type-aware (2 rules)",
    command: (corpus) => ({
      // Files are listed: oxlint's directory walk skips everything under a hidden folder such as bench/.corpus.
      args: [bin("oxlint/bin/oxlint"), "--type-aware", "--no-ignore", "-c", writeOxlintConfig(corpus), "--tsconfig", corpus.tsconfig, "-f", "json", ...corpus.fileList.map((f) => path.relative(corpus.root, f))],
      cwd: corpus.root,
    }),
    findings: (stdout) => {
      try {
        return (JSON.parse(stdout) as { diagnostics: unknown[] }).diagnostics.length;
      } catch {
        return undefined;
      }
    },
  },
  {
    id: "nursery",
    label: "nursery-lint cold (recommended)",
    command: (corpus) => ({ args: [cli, "-p", corpus.tsconfig, "-f", "json"], cwd: corpus.root }),
    findings: countJsonFindings,
  },
  {
    id: "nursery2",
    label: "nursery-lint cold (2 promise rules)",
    command: (corpus) => ({ args: [cli, "-p", corpus.tsconfig, "-f", "json", ...nurseryRuleFlags(NURSERY_TWO_RULES)], cwd: corpus.root }),
    findings: countJsonFindings,
  },
  {
    id: "warm",
    label: "nursery-lint --cache warm, 1 file changed",
    before(corpus, rep) {
      const original = leafOriginal.get(corpus.leafFile) ?? fs.readFileSync(corpus.leafFile, "utf8").replace(/\/\/ bench edit \d+\n$/, "");
      leafOriginal.set(corpus.leafFile, original);
      if (!fs.existsSync(cacheFile(corpus))) {
        // Prime the cache (untimed): a full run that stores every result.
        spawnSync(process.execPath, [cli, "-p", corpus.tsconfig, "-f", "json", "--cache", "--cache-location", cacheFile(corpus)], { cwd: corpus.root, stdio: "ignore" });
      }
      fs.writeFileSync(corpus.leafFile, `${original}// bench edit ${rep}\n`);
    },
    command: (corpus) => ({ args: [cli, "-p", corpus.tsconfig, "-f", "json", "--cache", "--cache-location", cacheFile(corpus)], cwd: corpus.root }),
    findings: countJsonFindings,
  },
  {
    // What any run in a new process pays before it reads a file of the project: starting node with the bundle, then
    // parsing and binding the default library and the `types` the tsconfig asks for. A warm run cannot go below it.
    id: "floor",
    label: "nursery-lint, one empty file, same compiler options",
    command: (corpus) => ({ args: [cli, "-p", floorProject(corpus), "-f", "json"], cwd: corpus.root }),
    findings: countJsonFindings,
  },
];

/** A tsconfig that extends the corpus's (same lib, types, module settings) and holds only `export {};`. */
function floorProject(corpus: Corpus): string {
  const dir = path.join(outDir, `${corpus.name}-floor`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "empty.ts"), "export {};\n");
  const tsconfig = path.join(dir, "tsconfig.json");
  fs.writeFileSync(tsconfig, `${JSON.stringify({ extends: corpus.tsconfig, include: [], files: ["empty.ts"] }, null, 2)}\n`);
  return tsconfig;
}

function restoreLeaves(): void {
  for (const [file, text] of leafOriginal) fs.writeFileSync(file, text);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const fmt = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
export const spread = (values: number[], digits = 2) =>
  values.length === 0 ? "–" : `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`;

interface Results {
  date: string;
  reps: number;
  corpora: { name: string; description: string; files: number; lines: number; leaf: string }[];
  runs: Record<string, Record<string, Measurement[]>>; // corpus → tool → per rep
  errors: Record<string, string>;
}

function ratioRows(results: Results, corpus: string): string[] {
  const runs = results.runs[corpus]!;
  const paired = (a: string, b: string, key: "wall" | "cpu") => {
    const xs = runs[a] ?? [];
    const ys = runs[b] ?? [];
    const out: number[] = [];
    for (let i = 0; i < Math.min(xs.length, ys.length); i++) out.push(xs[i]![key] / ys[i]![key]);
    return out;
  };
  const row = (label: string, a: string, b: string, target?: { max?: number; min?: number }) => {
    const wall = paired(a, b, "wall");
    const cpu = paired(a, b, "cpu");
    if (wall.length === 0) return `| ${label} | – | – | not measured |`;
    let verdict = "";
    if (target) {
      const ok = (v: number) => (target.max !== undefined ? v <= target.max : v >= target.min!);
      const okWall = ok(median(wall));
      const okCpu = ok(median(cpu));
      verdict = okWall && okCpu ? "**met**" : !okWall && !okCpu ? "**missed**" : `wall ${okWall ? "met" : "missed"}, CPU ${okCpu ? "met" : "missed"}`;
      verdict += ` (target ${target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`})`;
    }
    return `| ${label} | ${spread(wall)} | ${spread(cpu)} | ${verdict} |`;
  };
  return [
    `| ratio | wall, median (min–max) | CPU, median (min–max) | target |`,
    `|---|---:|---:|---|`,
    row("nursery cold / tsc", "nursery", "tsc", { max: 0.6 }),
    row("typescript-eslint / nursery cold", "eslint", "nursery", { min: 3 }),
    row("typescript-eslint / nursery cold (same 2 rules)", "eslint", "nursery2", { min: 3 }),
    row("warm / cold", "warm", "nursery", { max: 0.1 }),
    row("floor (one empty file) / cold", "floor", "nursery"),
    row("nursery cold / oxlint type-aware", "nursery", "oxlint"),
    row("nursery cold (2 rules) / tsc", "nursery2", "tsc"),
    row("typescript-eslint / tsc", "eslint", "tsc"),
    row("oxlint type-aware / tsc", "oxlint", "tsc"),
  ];
}

export function renderRun(results: Results): string {
  const out: string[] = [];
  out.push(`Measured ${results.date}, ${results.reps} repetitions, tools interleaved per repetition.`, ``);
  for (const corpus of results.corpora) {
    out.push(`#### ${corpus.name} — ${corpus.description}: ${corpus.files} files, ${corpus.lines.toLocaleString("en-US")} lines (warm run edits \`${corpus.leaf}\`)`, ``);
    out.push(`| tool | wall s, median (min–max) | CPU s (user+sys) | max RSS MB | findings |`, `|---|---:|---:|---:|---:|`);
    for (const tool of tools) {
      const ms = results.runs[corpus.name]?.[tool.id] ?? [];
      const error = results.errors[`${corpus.name}/${tool.id}`];
      if (ms.length === 0) {
        out.push(`| ${tool.label} | ${error ? `failed: ${error}` : "not run"} | | | |`);
        continue;
      }
      const findings = ms.map((m) => m.findings).filter((f): f is number => f !== undefined);
      out.push(
        `| ${tool.label} | ${spread(ms.map((m) => m.wall))} | ${spread(ms.map((m) => m.cpu))} | ${fmt(Math.max(...ms.map((m) => m.rssMb)), 0)} | ${findings.length ? findings[findings.length - 1] : "–"} |`,
      );
    }
    out.push(``, ...ratioRows(results, corpus.name), ``);
  }
  return out.join("\n");
}

/** Rebuilds results from a run's log (e.g. a run stopped before its end): `tsx bench/run.ts --from-log <file>`. */
function resultsFromLog(logFile: string): Results {
  const corpora = allCorpora();
  const results: Results = {
    date: fs.statSync(logFile).mtime.toISOString(),
    reps: 0,
    corpora: corpora.map((c) => ({ name: c.name, description: c.description, files: c.files, lines: c.lines, leaf: path.relative(c.root, c.leafFile) })),
    runs: {},
    errors: {},
  };
  const pattern = /^rep (\d+) (\S+)\s+(\S+)\s+wall ([\d.]+) s\s+cpu ([\d.]+) s\s+rss (\d+) MB\s+findings (\S+)/;
  for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
    const m = pattern.exec(line);
    if (!m) continue;
    const [, rep, corpus, tool, wall, cpu, rss, findings] = m;
    ((results.runs[corpus!] ??= {})[tool!] ??= []).push({ wall: Number(wall), cpu: Number(cpu), rssMb: Number(rss), exitCode: 0, findings: findings === "?" ? undefined : Number(findings) });
    results.reps = Math.max(results.reps, Number(rep));
  }
  // Only complete repetitions count for paired ratios: drop a trailing partial one per corpus and tool.
  results.corpora = results.corpora.filter((c) => results.runs[c.name]);
  return results;
}

async function main(): Promise<void> {
  const fromLog = process.argv.indexOf("--from-log");
  if (fromLog >= 0) {
    const results = resultsFromLog(process.argv[fromLog + 1]!);
    const table = renderRun(results);
    console.log(table);
    replaceSection("run", `${machineInfo().markdown}\n\n${toolVersions().markdown}\n\n${table}`);
    return;
  }
  const reps = Number(process.env.BENCH_REPS ?? 3);
  const wanted = process.env.BENCH_CORPORA?.split(",");
  const skip = new Set(process.env.BENCH_SKIP?.split(",") ?? []);
  if (!fs.existsSync(cli)) throw new Error("dist/cli.js is missing: run `npm run build` first");
  fs.mkdirSync(outDir, { recursive: true });
  const corpora = allCorpora().filter((c) => !wanted || wanted.includes(c.name));
  for (const corpus of corpora) fs.rmSync(cacheFile(corpus), { force: true });
  const results: Results = {
    date: new Date().toISOString(),
    reps,
    corpora: corpora.map((c) => ({ name: c.name, description: c.description, files: c.files, lines: c.lines, leaf: path.relative(c.root, c.leafFile) })),
    runs: {},
    errors: {},
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      restoreLeaves();
      process.exit(130);
    });
  }
  try {
    for (let rep = 0; rep < reps; rep++) {
      for (const corpus of corpora) {
        for (const tool of tools) {
          if (skip.has(tool.id) || results.errors[`${corpus.name}/${tool.id}`]) continue;
          tool.before?.(corpus, rep);
          const { args, cwd, outputFile } = tool.command(corpus);
          const m = measure(args, cwd);
          if (m.exitCode !== 0 && m.exitCode !== 1 && !(tool.id === "tsc" && m.exitCode === 2)) {
            const message = (m.stderr || m.stdout).trim().split("\n").slice(0, 3).join(" ").slice(0, 300);
            results.errors[`${corpus.name}/${tool.id}`] = `exit ${m.exitCode}: ${message}`;
            console.log(`rep ${rep + 1} ${corpus.name} ${tool.id}: FAILED exit ${m.exitCode}: ${message}`);
            continue;
          }
          const findings = tool.findings?.(m.stdout, outputFile);
          if (tool.id !== "eslint") fs.writeFileSync(path.join(outDir, `${corpus.name}.${tool.id}.out`), m.stdout);
          const measurement: Measurement = { wall: m.wall, cpu: m.cpu, rssMb: m.rssMb, exitCode: m.exitCode, findings };
          ((results.runs[corpus.name] ??= {})[tool.id] ??= []).push(measurement);
          console.log(`rep ${rep + 1} ${corpus.name.padEnd(9)} ${tool.id.padEnd(8)} wall ${fmt(m.wall)} s  cpu ${fmt(m.cpu)} s  rss ${fmt(m.rssMb, 0)} MB  findings ${findings ?? "?"}`);
        }
      }
    }
  } finally {
    restoreLeaves();
  }
  const table = renderRun(results);
  console.log(`\n${table}`);
  const resultsDir = path.join(__dirname, "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `run-${results.date.slice(0, 16).replace(":", "-")}.json`), `${JSON.stringify({ ...results, machine: machineInfo(), versions: toolVersions() }, null, 1)}\n`);
  replaceSection("run", `${machineInfo().markdown}\n\n${toolVersions().markdown}\n\n${table}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    restoreLeaves();
    console.error(error);
    process.exit(1);
  });
}
