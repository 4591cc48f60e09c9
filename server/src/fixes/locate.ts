import { ts } from "../typescript";
import type { TextSpan } from "../analysis/types";

/** The outermost expression whose source span is exactly `span` (what a rule recorded in its finding). */
export function expressionAt(sourceFile: ts.SourceFile, span: TextSpan): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const start = node.getStart(sourceFile);
    if (start > span.start || node.getEnd() < span.end) return;
    if (start === span.start && node.getEnd() === span.end && ts.isExpression(node)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
