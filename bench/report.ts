// Shared by the bench scripts: machine and version facts, and replacing a marked section of bench/README.md.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repo = path.resolve(__dirname, "..");
export const readmePath = path.join(__dirname, "README.md");

/** The load average when a bench script started (it imports this module first): whether others were using the machine. */
const loadAtStart = roundedLoad();

function roundedLoad(): number[] {
  return os.loadavg().map((v) => Math.round(v * 10) / 10);
}

export function machineInfo(): { markdown: string; nproc: number; cpu: string; memoryGb: number; load: number[]; loadAtStart: number[] } {
  const cpu = os.cpus()[0]?.model ?? "unknown";
  const nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim());
  const memoryGb = Math.round(os.totalmem() / 2 ** 30);
  const load = roundedLoad();
  return {
    nproc,
    cpu,
    memoryGb,
    load,
    loadAtStart,
    markdown:
      `Machine: \`nproc\` ${nproc}, ${cpu}, ${memoryGb} GB RAM, Linux ${os.release()}, Node ${process.version}. ` +
      `Load average (1 / 5 / 15 min) when the run began: ${loadAtStart.join(" / ")}; at its end: ${load.join(" / ")}. ` +
      `The bench itself keeps about one core busy, and the machine is shared with other engineers' builds and tests, ` +
      `so wall times are inflated and noisy when the load is higher; ` +
      `CPU time (user+sys) is the steadier figure, and ratios are paired per repetition.`,
  };
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(repo, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

export function toolVersions(): { markdown: string; versions: Record<string, string> } {
  const versions: Record<string, string> = {
    typescript: versionOf("typescript"),
    "ts-morph": versionOf("ts-morph"),
    eslint: versionOf("eslint"),
    "typescript-eslint": versionOf("typescript-eslint"),
    oxlint: versionOf("oxlint"),
    "oxlint-tsgolint": versionOf("oxlint-tsgolint"),
    nursery: `${versionOf("..")} @ ${gitHead()}`,
  };
  return { versions, markdown: `Versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(", ")}.` };
}

function gitHead(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
}

/** Replaces the text between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` (appending the markers if absent). */
export function replaceSection(name: string, body: string): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  let text = fs.existsSync(readmePath) ? fs.readFileSync(readmePath, "utf8") : "# Benchmarks\n";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const block = `${start}\n${body.trim()}\n${end}`;
  if (from >= 0 && to > from) text = `${text.slice(0, from)}${block}${text.slice(to + end.length)}`;
  else text = `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(readmePath, text);
}
