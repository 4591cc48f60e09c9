import type { ts } from "../typescript";

/** 1-based line and column (UTF-16 code units, as ESLint reports them) of an offset. */
export function positionOf(sourceFile: ts.SourceFile, offset: number): { line: number; column: number } {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(offset);
  return { line: line + 1, column: character + 1 };
}
