import type { ts } from "../typescript";
import { parseDirectives, type SuppressionDirective } from "../analysis/suppressions";
import type { Finding } from "../analysis/types";
import type { Fix, TextEdit } from "./types";

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function newlineOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** Adds `, rule` to a directive's rule list, before its `-- reason`. */
function appendRule(directive: SuppressionDirective, rule: string): TextEdit[] {
  const last = directive.rules[directive.rules.length - 1];
  if (!last) return [];
  return [{ start: last.span.end, end: last.span.end, newText: `, ${rule}` }];
}

function reasonSuffix(requireReason: boolean): string {
  // Biome inserts a placeholder the same way: the reason is the author's to write.
  return requireReason ? " -- <reason>" : "";
}

/** `// nursery-ignore-next-line RULE` above the finding's line, or the rule appended to a directive already there. */
export function suppressLineEdits(sourceFile: ts.SourceFile, finding: Finding, requireReason = false): TextEdit[] {
  const text = sourceFile.text;
  const line = sourceFile.getLineAndCharacterOfPosition(finding.range.start).line;
  const existing = parseDirectives(sourceFile).find((d) => d.kind === "next-line" && d.targetLine === line);
  if (existing) return existing.rules.some((r) => r.id === finding.rule) ? [] : appendRule(existing, finding.rule);
  const start = lineStart(text, finding.range.start);
  const indentation = /^[ \t]*/.exec(text.slice(start))![0];
  const comment = `${indentation}// nursery-ignore-next-line ${finding.rule}${reasonSuffix(requireReason)}${newlineOf(text)}`;
  return [{ start, end: start, newText: comment }];
}

/** `// nursery-ignore-file RULE` at the top (after a shebang), or the rule appended to the file's directive. */
export function suppressFileEdits(sourceFile: ts.SourceFile, finding: Finding, requireReason = false): TextEdit[] {
  const text = sourceFile.text;
  const existing = parseDirectives(sourceFile).find((d) => d.kind === "file");
  if (existing) return existing.rules.some((r) => r.id === finding.rule) ? [] : appendRule(existing, finding.rule);
  const start = text.startsWith("#!") ? text.indexOf("\n") + 1 : 0;
  if (start === 0 && text.startsWith("#!")) return [];
  return [{ start, end: start, newText: `// nursery-ignore-file ${finding.rule}${reasonSuffix(requireReason)}${newlineOf(text)}` }];
}

/** Deletes an unused rule id from its directive, or the whole directive (and its line) when it was the only one. */
export const removeSuppression: Fix = {
  id: "remove-suppression",
  title: "Remove unused suppression",
  safety: "safe",
  edits(sourceFile, finding) {
    const target = finding.data.suppression;
    if (!target) return undefined;
    const directive = parseDirectives(sourceFile).find((d) => d.comment.start <= target.start && target.end <= d.comment.end);
    if (!directive) return undefined;
    const index = directive.rules.findIndex((r) => r.span.start === target.start);
    const text = sourceFile.text;
    if (index >= 0 && directive.rules.length > 1) {
      // Remove the id with the separator that joins it to its neighbour.
      const rule = directive.rules[index]!;
      const neighbour = index > 0 ? directive.rules[index - 1]! : directive.rules[index + 1]!;
      return index > 0
        ? [{ start: neighbour.span.end, end: rule.span.end, newText: "" }]
        : [{ start: rule.span.start, end: neighbour.span.start, newText: "" }];
    }
    const start = lineStart(text, directive.comment.start);
    const lineEnd = text.indexOf("\n", directive.comment.end);
    const before = text.slice(start, directive.comment.start);
    const after = text.slice(directive.comment.end, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, "");
    if (before.trim() === "" && after.trim() === "") {
      return [{ start, end: lineEnd < 0 ? text.length : lineEnd + 1, newText: "" }];
    }
    // A trailing comment after code: remove it and the spaces before it.
    const spaces = /[ \t]*$/.exec(before)![0].length;
    return [{ start: directive.comment.start - spaces, end: directive.comment.end, newText: "" }];
  },
};
