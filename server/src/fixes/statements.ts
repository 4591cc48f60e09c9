import type { ts } from "../typescript";
import type { TextEdit } from "./types";

export function lineIndentation(sourceFile: ts.SourceFile, position: number): string {
  const lineStart = sourceFile.getLineStarts()[sourceFile.getLineAndCharacterOfPosition(position).line]!;
  return /^[ \t]*/.exec(sourceFile.text.slice(lineStart))![0];
}

/**
 * One indentation step as the file shows it around `owner` (the first statement of `block` against the line that
 * opens it), else two spaces.
 */
export function indentUnit(sourceFile: ts.SourceFile, owner: ts.Node, block: ts.Block | undefined): string {
  const first = block?.statements[0];
  if (first) {
    const outer = lineIndentation(sourceFile, owner.getStart(sourceFile));
    const inner = lineIndentation(sourceFile, first.getStart(sourceFile));
    if (inner.length > outer.length && inner.startsWith(outer)) return inner.slice(outer.length);
  }
  return "  ";
}

/**
 * Inserts `statement` as the first statement of `block`, in the block's layout: on its own line with the indentation
 * of the statements below (a comment after `{` stays on its line), on the same line for a one-line block, and an
 * empty `{}` opens over three lines. `owner` is the construct whose line the block closes on (a loop, a catch clause).
 */
export function insertFirstStatement(sourceFile: ts.SourceFile, owner: ts.Node, block: ts.Block, statement: string, unit: string): TextEdit {
  const text = sourceFile.text;
  const open = block.getStart(sourceFile);
  const first = block.statements[0];
  const lineEnd = text.indexOf("\n", open);
  const restOfLine = text.slice(open + 1, lineEnd < 0 ? text.length : lineEnd).trim();
  const ownerIndent = lineIndentation(sourceFile, owner.getStart(sourceFile));
  if (!first && restOfLine.startsWith("}")) {
    return { start: open + 1, end: open + 1, newText: `\n${ownerIndent}${unit}${statement}\n${ownerIndent}` };
  }
  if (restOfLine === "" || restOfLine.startsWith("//")) {
    const indent = first ? lineIndentation(sourceFile, first.getStart(sourceFile)) : ownerIndent + unit;
    const at = lineEnd < 0 ? text.length : lineEnd;
    return { start: at, end: at, newText: `\n${indent}${statement}` };
  }
  return { start: open + 1, end: open + 1, newText: ` ${statement}` };
}
