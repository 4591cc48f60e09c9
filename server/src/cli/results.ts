import type { Finding } from "../analysis/types";
import { positionOf } from "../analysis/positions";
import { isFixable, type FileReport } from "./engine";

/** ESLint's `LintResult` shape, so `--format json` output feeds tools built for ESLint unchanged. */
export interface LintMessage {
  ruleId: string | null;
  /** 1 = warning, 2 = error. */
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: true;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: (LintMessage & { suppressions: { kind: "directive"; justification: string }[] })[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: never[];
  /** The fixed text, present when fixes changed the file (as ESLint does with --fix / --fix-dry-run). */
  output?: string;
}

function toMessage(report: FileReport, finding: Finding): LintMessage {
  const start = positionOf(report.sourceFile, finding.range.start);
  const end = positionOf(report.sourceFile, finding.range.end);
  return {
    ruleId: finding.rule,
    severity: finding.severity === "error" ? 2 : 1,
    message: finding.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}

export function toLintResult(report: FileReport): LintResult {
  const shown = report.findings;
  const messages: LintMessage[] = shown.map((finding) => toMessage(report, finding));
  if (report.parseError) {
    messages.unshift({ ruleId: null, severity: 2, fatal: true, message: report.parseError.message, ...positionOf(report.sourceFile, report.parseError.start) });
  }
  const fixable = shown.filter((finding) => isFixable(finding, report.fixLevel));
  const result: LintResult = {
    filePath: report.fileName,
    messages,
    suppressedMessages: report.suppressed.map((finding) => ({ ...toMessage(report, finding), suppressions: [{ kind: "directive", justification: "" }] })),
    errorCount: messages.filter((m) => m.severity === 2).length,
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
    fixableErrorCount: fixable.filter((f) => f.severity === "error").length,
    fixableWarningCount: fixable.filter((f) => f.severity === "warning").length,
    usedDeprecatedRules: [],
  };
  if (report.output !== undefined) result.output = report.output;
  return result;
}

/** `--quiet`: errors only, with counts to match. */
export function onlyErrors(result: LintResult): LintResult {
  return { ...result, messages: result.messages.filter((m) => m.severity === 2), warningCount: 0, fixableWarningCount: 0 };
}
