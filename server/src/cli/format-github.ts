import * as path from "node:path";
import type { LintResult } from "./results";

// GitHub workflow commands: data and property values are percent-escaped as the runner's toolkit does.
const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** One `::error file=…,line=…::message` annotation per problem, shown inline on pull requests. */
export function formatGithub(results: readonly LintResult[]): string {
  let output = "";
  for (const result of results) {
    const file = path.relative(process.cwd(), result.filePath) || result.filePath;
    for (const m of result.messages) {
      const command = m.severity === 2 ? "error" : "warning";
      const properties = [
        `file=${escapeProperty(file)}`,
        `line=${m.line}`,
        ...(m.endLine !== undefined ? [`endLine=${m.endLine}`] : []),
        `col=${m.column}`,
        ...(m.endColumn !== undefined && m.endLine === m.line ? [`endColumn=${m.endColumn}`] : []),
        `title=${escapeProperty(m.ruleId ? `nursery(${m.ruleId})` : "nursery")}`,
      ];
      output += `::${command} ${properties.join(",")}::${escapeData(m.message)}\n`;
    }
  }
  return output;
}
