import * as path from "node:path";
import type { LintResult } from "./results";

/** ESLint's "stylish" layout: a header per file, aligned `line:col  severity  message  rule` rows, a summary. */
export function formatStylish(results: readonly LintResult[], color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  let output = "";
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    const rows = result.messages.map((m) => [
      `${m.line}:${m.column}`,
      m.severity === 2 ? "error" : "warning",
      m.message.replace(/([^ ])\.$/, "$1"),
      m.ruleId ?? "",
    ]);
    const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
    output += `\n${paint(4, path.relative(process.cwd(), result.filePath) || result.filePath)}\n`;
    for (const [position, severity, message, rule] of rows) {
      const severityText = severity!.padEnd(widths[1]!);
      output += `  ${paint(2, position!.padEnd(widths[0]!))}  ${paint(severity === "error" ? 31 : 33, severityText)}  ${message}  ${paint(2, rule!)}\n`;
    }
  }
  const total = errors + warnings;
  if (total === 0) return "";
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const summary = `\u2716 ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
  return `${output}\n${paint(errors > 0 ? 31 : 33, summary)}\n`;
}
