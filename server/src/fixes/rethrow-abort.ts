import { ts } from "../typescript";
import { indentUnit, insertFirstStatement } from "./statements";
import type { Fix, TextEdit } from "./types";

function catchClauseAt(sourceFile: ts.SourceFile, start: number): ts.CatchClause | undefined {
  let found: ts.CatchClause | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.getEnd() <= start || node.getFullStart() > start) return;
    if (ts.isCatchClause(node) && node.getStart(sourceFile) === start) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** A name for the caught error that nothing in the clause uses yet. */
function freshErrorName(block: ts.Block): string {
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(block);
  for (const candidate of ["error", "err", "caught"]) if (!used.has(candidate)) return candidate;
  let index = 1;
  while (used.has(`error${index}`)) index++;
  return `error${index}`;
}

/**
 * `catch (err) { log(err); }` → `catch (err) { if (signal.aborted) throw err; log(err); }`, binding the error when
 * the clause has none. Safe: it changes nothing until the signal has aborted.
 */
export const rethrowAbort: Fix = {
  id: "rethrow-abort",
  title: "Rethrow when aborted",
  safety: "safe",
  edits(sourceFile, finding) {
    const signal = finding.data.rethrowSignal;
    const clause = catchClauseAt(sourceFile, finding.range.start);
    if (!signal || !clause || !ts.isTryStatement(clause.parent)) return undefined;
    const edits: TextEdit[] = [];
    const binding = clause.variableDeclaration?.name;
    let errorName: string;
    if (!binding) {
      errorName = freshErrorName(clause.block);
      const afterKeyword = clause.getStart(sourceFile) + "catch".length;
      edits.push({ start: afterKeyword, end: afterKeyword, newText: ` (${errorName})` });
    } else if (ts.isIdentifier(binding)) {
      errorName = binding.text;
    } else {
      return undefined;
    }
    const guard = `if (${signal}.aborted) throw ${errorName};`;
    edits.push(insertFirstStatement(sourceFile, clause, clause.block, guard, indentUnit(sourceFile, clause.parent, clause.parent.tryBlock)));
    return edits;
  },
};
