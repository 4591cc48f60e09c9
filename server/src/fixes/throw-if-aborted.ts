import { ts } from "../typescript";
import { indentUnit, insertFirstStatement } from "./statements";
import type { Fix } from "./types";

function loopAt(sourceFile: ts.SourceFile, start: number): ts.IterationStatement | undefined {
  let found: ts.IterationStatement | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.getEnd() <= start || node.getFullStart() > start) return;
    if (ts.isIterationStatement(node, false) && node.getStart(sourceFile) === start) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/**
 * Puts `signal.throwIfAborted();` first in the loop body, so each iteration is a cancellation checkpoint. A body that
 * is a single statement becomes a one-line block. Safe: nothing changes until the signal aborts.
 */
export const throwIfAborted: Fix = {
  id: "throw-if-aborted",
  title: "Check the signal each iteration",
  safety: "safe",
  edits(sourceFile, finding) {
    const signal = finding.data.checkpointSignal;
    const loop = loopAt(sourceFile, finding.range.start);
    if (!signal || !loop) return undefined;
    const checkpoint = `${signal}.throwIfAborted();`;
    const body = loop.statement;
    if (ts.isBlock(body)) return [insertFirstStatement(sourceFile, loop, body, checkpoint, indentUnit(sourceFile, loop, body))];
    return [
      { start: body.getStart(sourceFile), end: body.getStart(sourceFile), newText: `{ ${checkpoint} ` },
      { start: body.getEnd(), end: body.getEnd(), newText: " }" },
    ];
  },
};
