import type { ts } from "../typescript";
import { needsParenthesesAfterPrefix } from "../analysis/syntax";
import { expressionAt } from "./locate";
import type { FixId } from "../analysis/types";
import type { Fix, TextEdit } from "./types";

/** Puts a prefix operator (`await `, `void `) before `expression`, parenthesising it where the operator would bind tighter. */
export function prefixExpression(sourceFile: ts.SourceFile, expression: ts.Expression, prefix: string): TextEdit[] {
  const start = expression.getStart(sourceFile);
  const end = expression.getEnd();
  if (!needsParenthesesAfterPrefix(expression)) return [{ start, end: start, newText: prefix }];
  return [
    { start, end: start, newText: `${prefix}(` },
    { start: end, end, newText: ")" },
  ];
}

/** A fix that puts `prefix` before the finding's expression (`f();` → `await f();`). */
export function prefixFix(id: FixId, title: string, prefix: string): Fix {
  return {
    id,
    title,
    safety: "unsafe",
    edits(sourceFile, finding) {
      const expression = finding.data.expression && expressionAt(sourceFile, finding.data.expression);
      return expression && prefixExpression(sourceFile, expression, prefix);
    },
  };
}
