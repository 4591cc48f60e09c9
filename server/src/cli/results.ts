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
  messageId?: string;
  fatal?: true;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: never[];
}

export function toLintResult(filePath: string, messages: LintMessage[]): LintResult {
  const sorted = [...messages].sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    filePath,
    messages: sorted,
    suppressedMessages: [],
    errorCount: sorted.filter((m) => m.severity === 2).length,
    fatalErrorCount: sorted.filter((m) => m.fatal).length,
    warningCount: sorted.filter((m) => m.severity === 1).length,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
}
