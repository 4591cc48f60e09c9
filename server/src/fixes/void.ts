import { expressionAt } from "./locate";
import { prefixExpression } from "./prefix";
import type { Fix } from "./types";

/** `f();` → `void f();`: the author says the detach is intentional. Unsafe: it silences the finding, not the risk. */
export const markVoid: Fix = {
  id: "void",
  title: "Detach with void",
  safety: "unsafe",
  edits(sourceFile, finding) {
    const expression = finding.data.expression && expressionAt(sourceFile, finding.data.expression);
    return expression && prefixExpression(sourceFile, expression, "void ");
  },
};
