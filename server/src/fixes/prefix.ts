import type { ts } from "../typescript";
import { needsParenthesesAfterPrefix } from "../analysis/syntax";
import type { TextEdit } from "./types";

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
