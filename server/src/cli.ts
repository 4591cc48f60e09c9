import { analyzeSourceFile } from "./analysis/analyze";
import { positionOf } from "./analysis/positions";
import { helpText, parseCliArgs, UsageError, type CliOptions } from "./cli/args";
import { formatStylish } from "./cli/format-stylish";
import { toLintResult, type LintMessage, type LintResult } from "./cli/results";
import { resolveTargets } from "./cli/targets";
import { ts } from "ts-morph";

declare const NURSERY_VERSION: string;
const version = typeof NURSERY_VERSION === "string" ? NURSERY_VERSION : "0.0.0-dev";

/** Runs the linter and returns the exit code: 0 clean, 1 problems, 2 usage/config/internal error. */
export function main(argv: readonly string[], out = process.stdout, err = process.stderr): number {
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
    return lint(options, out, err);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    err.write(`nursery-lint: ${message}\n`);
    if (options.debug && error instanceof Error && error.stack) err.write(`${error.stack}\n`);
    return 2;
  }
}

function lint(options: CliOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): number {
  const targets = resolveTargets(options.paths, options.projects);
  const results: LintResult[] = [];
  let internalErrors = 0;
  for (const { project, files } of targets) {
    const program = project.program();
    for (const file of files) {
      const sourceFile = project.sourceFile(file);
      if (!sourceFile) {
        err.write(`nursery-lint: cannot read "${file}".\n`);
        internalErrors++;
        continue;
      }
      const messages: LintMessage[] = [];
      const syntaxError = program.getSyntacticDiagnostics(sourceFile)[0];
      if (syntaxError) {
        // As ESLint does: a file that does not parse gets one fatal message and no rule findings.
        messages.push({
          ruleId: null,
          severity: 2,
          fatal: true,
          message: `Parsing error: ${ts.flattenDiagnosticMessageText(syntaxError.messageText, " ")}`,
          ...positionOf(sourceFile, syntaxError.start ?? 0),
        });
      } else {
        const { findings, failures } = analyzeSourceFile(program, sourceFile);
        for (const failure of failures) {
          internalErrors++;
          err.write(`nursery-lint: rule "${failure.rule}" failed on ${file}: ${failure.error.message}\n`);
          if (options.debug && failure.error.stack) err.write(`${failure.error.stack}\n`);
        }
        for (const finding of findings) {
          if (options.quiet && finding.severity !== "error") continue;
          const start = positionOf(sourceFile, finding.range.start);
          const end = positionOf(sourceFile, finding.range.end);
          messages.push({
            ruleId: finding.rule,
            severity: finding.severity === "error" ? 2 : 1,
            message: finding.message,
            line: start.line,
            column: start.column,
            endLine: end.line,
            endColumn: end.column,
          });
        }
      }
      results.push(toLintResult(file, messages));
    }
  }
  const color = options.format === "stylish" && Boolean((out as NodeJS.WriteStream).isTTY) && !process.env.NO_COLOR;
  out.write(options.format === "json" ? `${JSON.stringify(results)}\n` : formatStylish(results, color));

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


if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
