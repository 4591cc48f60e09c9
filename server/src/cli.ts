import { enabledRules } from "./analysis/analyze";
import { helpText, parseCliArgs, UsageError, type CliOptions } from "./cli/args";
import { ConfigResolver } from "./config/resolver";
import { lintTargets, writeFileAtomically, type FixLevel } from "./cli/engine";
import { formatGithub } from "./cli/format-github";
import { formatSarif } from "./cli/format-sarif";
import { formatStylish } from "./cli/format-stylish";
import { onlyErrors, toLintResult, type LintResult } from "./cli/results";
import { DependencyGraph, hashText, LintCache } from "./cli/cache";
import { ts } from "./typescript";
import * as fs from "node:fs";
import type { LintProject } from "./workspace/project";
import { resolveTargets } from "./cli/targets";
import type { NurseryConfig } from "./config/config";

declare const NURSERY_VERSION: string;
const version = typeof NURSERY_VERSION === "string" ? NURSERY_VERSION : "0.0.0-dev";

type Output = Pick<NodeJS.WriteStream, "write"> & { isTTY?: boolean };

/** Runs the linter and returns the exit code: 0 clean, 1 problems, 2 usage/config/internal error. */
export function main(argv: readonly string[], out: Output = process.stdout, err: Output = process.stderr): number {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`nursery-lint: ${error.message}\nRun "nursery-lint --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    out.write(helpText);
    return 0;
  }
  if (options.version) {
    out.write(`${version}\n`);
    return 0;
  }
  try {
    return run(options, out, err);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    err.write(`nursery-lint: ${message}\n`);
    if (options.debug && error instanceof Error && error.stack) err.write(`${error.stack}\n`);
    return 2;
  }
}

/** What invalidates every cached result: our version, the compiler's, and the installed packages (lock file). */
function cacheKey(): string {
  const lockFile = ["package-lock.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb"].find((name) => fs.existsSync(name));
  return hashText(JSON.stringify([version, ts.version, lockFile ? hashText(fs.readFileSync(lockFile)) : null]));
}

function overridesOf(options: CliOptions): Partial<NurseryConfig> {
  return { preset: options.preset, rules: options.rules };
}

function run(options: CliOptions, out: Output, err: Output): number {
  const configs = new ConfigResolver(overridesOf(options));
  if (options.printConfig) {
    const config = configs.configFor(options.printConfig);
    const effective = {
      configFile: configs.configFileFor(options.printConfig) ?? null,
      ...config,
      enabledRules: Object.fromEntries(enabledRules(config).map(({ rule, severity, options: ruleOptions }) => [rule.id, [severity, ruleOptions]])),
    };
    out.write(`${JSON.stringify(effective, null, 2)}\n`);
    return 0;
  }

  const fixLevel: FixLevel = options.fix || options.fixDryRun ? options.fixType : "none";
  const showProgress = Boolean(err.isTTY) && !process.env.CI;
  const targets = resolveTargets(options.paths, options.projects);
  // Results by file, in the order the targets list them; a warm cache fills some before any program exists.
  const resultsByFile = new Map<string, LintResult>();
  for (const target of targets) for (const file of target.files) resultsByFile.set(file, undefined as unknown as LintResult);

  const cache = options.cache && fixLevel === "none" ? LintCache.load(options.cacheLocation, cacheKey(), options.cacheStrategy) : undefined;
  // A file's config is its nursery.json's (with the flags on top): hashed once per project and nursery.json.
  const configKeys = new Map<LintProject, Map<string | undefined, string>>();
  const configKeyOf = (project: LintProject, file: string) => {
    let byConfigFile = configKeys.get(project);
    if (!byConfigFile) configKeys.set(project, (byConfigFile = new Map()));
    const configFile = configs.configFileFor(file);
    let key = byConfigFile.get(configFile);
    if (key === undefined) byConfigFile.set(configFile, (key = hashText(JSON.stringify([configs.configFor(file), project.configFile ?? null, project.compilerOptions()]))));
    return key;
  };
  let toLint = targets;
  if (cache) {
    toLint = [];
    for (const target of targets) {
      const misses = target.files.filter((file) => {
        const hit = cache.lookup(file, configKeyOf(target.project, file));
        if (hit) resultsByFile.set(file, hit);
        return !hit;
      });
      if (misses.length === 0) continue;
      target.project.restrictTo(misses);
      toLint.push({ project: target.project, files: misses });
    }
  }

  // ESLint's TIMING=1: the slowest rules, on stderr.
  const timings = process.env.TIMING ? new Map<string, number>() : undefined;
  const started = performance.now();
  const reports = lintTargets(toLint, {
    fixLevel,
    timings,
    configFor: (fileName) => configs.configFor(fileName),
    onFile: showProgress ? (done, total) => err.write(`\r\u001b[2Knursery-lint: ${done}/${total} files`) : undefined,
  });
  if (showProgress) err.write("\r\u001b[2K");
  if (timings) err.write(formatTimings(timings, performance.now() - started));

  let internalErrors = 0;
  const dependencyGraphs = new Map<ts.Program, DependencyGraph>();
  for (const report of reports) {
    for (const failure of report.failures) {
      internalErrors++;
      err.write(`nursery-lint: rule "${failure.rule}" failed on ${report.fileName}: ${failure.error.message}\n`);
      if (options.debug && failure.error.stack) err.write(`${failure.error.stack}\n`);
    }
    if (options.fix && report.output !== undefined) writeFileAtomically(report.fileName, report.output);
    const result = toLintResult(report);
    // ESLint reports `output` only for --fix-dry-run; with --fix the file itself holds it.
    if (!options.fixDryRun) delete result.output;
    resultsByFile.set(report.fileName, result);
    if (cache && report.failures.length === 0) {
      const project = toLint.find((target) => target.files.includes(report.fileName))!.project;
      let graph = dependencyGraphs.get(report.program);
      if (!graph) dependencyGraphs.set(report.program, (graph = new DependencyGraph(report.program, (specifier, file) => project.resolveImport(specifier, file))));
      cache.store(report.fileName, configKeyOf(project, report.fileName), result, graph.dependenciesOf(report.sourceFile));
    }
  }
  cache?.save();

  const results = [...resultsByFile.values()].map((result) => (options.quiet ? onlyErrors(result) : result));
  out.write(format(options, results, out));

  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (internalErrors > 0) return 2;
  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    err.write(`nursery-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

function formatTimings(timings: Map<string, number>, totalMs: number): string {
  const rows = [...timings].sort((a, b) => b[1] - a[1]);
  const ruleMs = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const lines = rows.map(([rule, ms]) => `${rule.padEnd(28)} ${ms.toFixed(1).padStart(10)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(6)}%`);
  lines.push(`${"(rules)".padEnd(28)} ${ruleMs.toFixed(1).padStart(10)} ms`, `${"(total, with program creation)".padEnd(28)} ${totalMs.toFixed(1).padStart(10)} ms`);
  return `${lines.join("\n")}\n`;
}

function format(options: CliOptions, results: LintResult[], out: Output): string {
  switch (options.format) {
    case "json":
      return `${JSON.stringify(results)}\n`;
    case "sarif":
      return formatSarif(results, version);
    case "github":
      return formatGithub(results);
    case "stylish":
      return formatStylish(results, Boolean(out.isTTY) && !process.env.NO_COLOR);
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

