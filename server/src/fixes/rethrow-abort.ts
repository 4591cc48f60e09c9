import { ts } from "ts-morph";
import type { Fix, TextEdit } from "./types";

function lineIndentation(sourceFile: ts.SourceFile, position: number): string {
  const lineStart = sourceFile.getLineStarts()[sourceFile.getLineAndCharacterOfPosition(position).line]!;
  return /^[ \t]*/.exec(sourceFile.text.slice(lineStart))![0];
}

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

/** One indentation step, as the try block shows it (its first statement against the `try` line), else two spaces. */
function indentUnit(sourceFile: ts.SourceFile, statement: ts.TryStatement): string {
  const first = statement.tryBlock.statements[0];
  if (first) {
    const outer = lineIndentation(sourceFile, statement.getStart(sourceFile));
    const inner = lineIndentation(sourceFile, first.getStart(sourceFile));
    if (inner.length > outer.length && inner.startsWith(outer)) return inner.slice(outer.length);
  }
  return "  ";
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
    const text = sourceFile.text;
    const open = clause.block.getStart(sourceFile);
    const first = clause.block.statements[0];
    const lineEnd = text.indexOf("\n", open);
    const restOfLine = text.slice(open + 1, lineEnd < 0 ? text.length : lineEnd).trim();
    const clauseIndent = lineIndentation(sourceFile, clause.getStart(sourceFile));
    if (!first && restOfLine.startsWith("}")) {
      // `catch (e) {}`: open the block over three lines.
      edits.push({ start: open + 1, end: open + 1, newText: `\n${clauseIndent}${indentUnit(sourceFile, clause.parent)}${guard}\n${clauseIndent}` });
    } else if (restOfLine === "" || restOfLine.startsWith("//")) {
      // Statements start on the next line: the guard becomes the new first line, indented like them.
      const indent = first ? lineIndentation(sourceFile, first.getStart(sourceFile)) : clauseIndent + indentUnit(sourceFile, clause.parent);
      edits.push({ start: lineEnd, end: lineEnd, newText: `\n${indent}${guard}` });
    } else {
      // `catch (e) { log(e); }` on one line stays on one line.
      edits.push({ start: open + 1, end: open + 1, newText: ` ${guard}` });
    }
    return edits;
  },
};
