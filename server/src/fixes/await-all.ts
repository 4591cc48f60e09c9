import { ts } from "../typescript";
import { skipParentheses } from "../analysis/syntax";
import { expressionAt } from "./locate";
import type { Fix } from "./types";

/** `xs.map(async …);` → `await Promise.all(xs.map(async …));` (an existing `await` on the array is reused). */
export const awaitAll: Fix = {
  id: "await-all",
  title: "Await all with Promise.all",
  safety: "unsafe",
  edits(sourceFile, finding) {
    const statementExpression = finding.data.expression && expressionAt(sourceFile, finding.data.expression);
    if (!statementExpression) return undefined;
    const inner = skipParentheses(statementExpression);
    const alreadyAwaited = ts.isAwaitExpression(inner);
    const array = alreadyAwaited ? inner.expression : statementExpression;
    const start = array.getStart(sourceFile);
    const end = array.getEnd();
    // A bare comma expression as the only argument would become several arguments.
    const comma = ts.isBinaryExpression(array) && array.operatorToken.kind === ts.SyntaxKind.CommaToken;
    const open = `${alreadyAwaited ? "" : "await "}Promise.all(${comma ? "(" : ""}`;
    return [
      { start, end: start, newText: open },
      { start: end, end, newText: comma ? "))" : ")" },
    ];
  },
};
