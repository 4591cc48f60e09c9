import { expressionAt } from "./locate";
import { prefixExpression } from "./prefix";
import type { Fix } from "./types";

/** `f();` → `await f();`, with parentheses where `await` would bind tighter than the expression. */
export const addAwait: Fix = {
  id: "add-await",
  title: "Add await",
  safety: "unsafe",
  edits(sourceFile, finding) {
    const expression = finding.data.expression && expressionAt(sourceFile, finding.data.expression);
    return expression && prefixExpression(sourceFile, expression, "await ");
  },
};
