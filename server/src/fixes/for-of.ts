import { ts } from "../typescript";
import { forEachRewrite } from "../analysis/for-each";
import { expressionAt } from "./locate";
import type { Fix } from "./types";

/**
 * `xs.forEach(async (x) => { … });` → `for (const x of xs) { … }`: the callbacks run one after another and the
 * function waits for them, so their rejections reach the caller. `(x, i)` becomes `for (const [i, x] of xs.entries())`;
 * an expression body becomes `for (const x of xs) await body;`. The body's own text (comments, formatting) is kept:
 * the edits only replace what comes before it and the `);` after it.
 */
export const forOf: Fix = {
  id: "for-of",
  title: "Await each in a for…of loop",
  safety: "unsafe",
  edits(sourceFile, finding) {
    const call = finding.data.expression && expressionAt(sourceFile, finding.data.expression);
    if (!call || !ts.isCallExpression(call)) return undefined;
    const rewrite = forEachRewrite(call);
    if (!rewrite) return undefined;
    const { statement, receiver, value, index, body } = rewrite;
    const textOf = (node: ts.Node) => sourceFile.text.slice(node.getStart(sourceFile), node.getEnd());
    const head = index
      ? `for (const [${textOf(index)}, ${textOf(value)}] of ${textOf(receiver)}.entries()) `
      : `for (const ${textOf(value)} of ${textOf(receiver)}) `;
    const statementStart = statement.getStart(sourceFile);
    const bodyStart = body.getStart(sourceFile);
    const bodyEnd = body.getEnd();
    const statementEnd = statement.getEnd();
    if (ts.isBlock(body)) {
      return [
        { start: statementStart, end: bodyStart, newText: head },
        { start: bodyEnd, end: statementEnd, newText: "" },
      ];
    }
    // Expression body: its value is the promise forEach dropped; now the loop waits for it.
    if (ts.isAwaitExpression(body)) {
      return [
        { start: statementStart, end: bodyStart, newText: head },
        { start: bodyEnd, end: statementEnd, newText: ";" },
      ];
    }
    const parenthesize = ts.isBinaryExpression(body) || ts.isConditionalExpression(body) || ts.isArrowFunction(body) || ts.isYieldExpression(body);
    return [
      { start: statementStart, end: bodyStart, newText: `${head}await ${parenthesize ? "(" : ""}` },
      { start: bodyEnd, end: statementEnd, newText: `${parenthesize ? ")" : ""};` },
    ];
  },
};
