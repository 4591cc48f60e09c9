// Where does nursery-lint's time go? Bundles the CLI (or the server) without minification into bench/.corpus/prof,
// runs it under `node --cpu-prof`, and attributes every sample: to the outermost rule on the stack (the rule that
// asked the checker, checker work included), else to a phase (parse + program creation, checker initialisation,
// suppressions, loading the bundle, GC).
//
// Run: npx tsx bench/profile.ts [generated|openai|<tsconfig>] [-- extra CLI args]
//      npx tsx bench/profile.ts --attribute <file.cpuprofile> <bundle.js>   (attribute an existing profile)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const repo = path.resolve(__dirname, "..");
const outDir = path.join(__dirname, ".corpus", "prof");

interface CpuProfile {
  startTime: number;
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export async function bundle(entry: "cli" | "server"): Promise<string> {
  const esbuild = await import("esbuild");
  const outfile = path.join(outDir, `${entry}.js`);
  await esbuild.build({
    bundle: true,
    platform: "node",
    mainFields: ["module", "main"],
    format: "cjs",
    target: "node20",
    entryPoints: [path.join(repo, entry === "cli" ? "server/src/cli.ts" : "server/src/lsp/server.ts")],
    outfile,
    logLevel: "warning",
    define: { NURSERY_VERSION: JSON.stringify("profile"), "import.meta.url": "__nursery_import_meta_url" },
    banner: { js: 'const __nursery_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  });
  return outfile;
}

const phases: [string, string[]][] = [
  ["program: parse + create", ["createProgram", "addSourceFileAtPath", "createSourceFile", "addSourceFilesFromTsConfig"]],
  ["checker: initialise (bind, globals)", ["initializeTypeChecker", "createTypeChecker"]],
  ["suppressions", ["applySuppressions"]],
  ["cache: dependencies", ["dependenciesOf"]],
  ["syntax errors", ["firstSyntaxError"]],
];

/** Seconds per bucket, sorted, plus the total. */
export function attribute(profileFile: string, bundleFile: string, fromMicros = 0): { total: number; buckets: [string, number][] } {
  const lines = fs.readFileSync(bundleFile, "utf8").split("\n");
  const moduleAt: string[] = new Array(lines.length);
  let current = "(prelude)";
  for (let i = 0; i < lines.length; i++) {
    const match = /^\/\/ ((?:server|node_modules)\/\S+)$/.exec(lines[i]!);
    if (match) current = match[1]!;
    moduleAt[i] = current;
  }
  const profile = JSON.parse(fs.readFileSync(profileFile, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const bundleName = path.basename(bundleFile);
  const buckets = new Map<string, number>();
  let total = 0;
  // Sample timestamps are CLOCK_MONOTONIC microseconds, like process.hrtime in any process: `fromMicros` cuts off the start.
  let timestamp = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    timestamp += dt;
    if (timestamp < fromMicros) continue;
    total += dt;
    const names: string[] = [];
    let rule: string | undefined;
    let lsp = false;
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const frame = nodes.get(id)!.callFrame;
      names.push(frame.functionName);
      if (frame.url.endsWith(bundleName)) {
        const module = moduleAt[frame.lineNumber];
        if (module?.startsWith("server/src/analysis/rules/")) rule = module.slice("server/src/analysis/rules/".length);
        if (module?.startsWith("server/src/lsp/")) lsp = true;
      }
    }
    let bucket = rule ? `rule ${rule.replace(/\.ts$/, "")}` : undefined;
    bucket ??= phases.find(([, fns]) => fns.some((fn) => names.includes(fn)))?.[0];
    if (!bucket && names.includes("(garbage collector)")) bucket = "garbage collector";
    if (!bucket && names.includes("(idle)")) bucket = "idle";
    if (!bucket && names.includes("wrapSafe")) bucket = "node: compile bundle";
    if (!bucket && lsp) bucket = "lsp: other";
    buckets.set(bucket ?? "other", (buckets.get(bucket ?? "other") ?? 0) + dt);
  }
  return {
    total: total / 1e6,
    buckets: [...buckets].map(([k, v]) => [k, v / 1e6] as [string, number]).sort((a, b) => b[1] - a[1]),
  };
}

export function printAttribution({ total, buckets }: { total: number; buckets: [string, number][] }): string {
  const out = [`| where | s | share |`, `|---|---:|---:|`];
  for (const [k, v] of buckets) out.push(`| ${k} | ${v.toFixed(2)} | ${((100 * v) / total).toFixed(1)}% |`);
  out.push(`| **total (profiled wall time)** | ${total.toFixed(2)} | |`);
  return out.join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--attribute") {
    console.log(printAttribution(attribute(args[1]!, args[2]!)));
    return;
  }
  const dash = args.indexOf("--");
  const extra = dash >= 0 ? args.slice(dash + 1) : [];
  const which = (dash >= 0 ? args.slice(0, dash) : args)[0] ?? "generated";
  const tsconfig = which === "generated" || which === "openai" ? path.join(__dirname, ".corpus", which, "tsconfig.json") : path.resolve(which);
  const cli = await bundle("cli");
  const profDir = path.join(outDir, `cpu-${Date.now()}`);
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profDir}`, cli, "-p", tsconfig, "-f", "json", ...extra], {
    stdio: ["ignore", "ignore", "inherit"],
    maxBuffer: 1 << 30,
  });
  console.log(`ran in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s; profile in ${profDir}`);
  const [profile] = fs.readdirSync(profDir);
  console.log(printAttribution(attribute(path.join(profDir, profile!), cli)));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
