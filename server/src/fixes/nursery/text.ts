import { ts } from "../../typescript";
import type { TextEdit } from "../types";

/** Layout helpers for moving statements into a callback: indentation, re-indenting, names that shadow nothing. */

export function lineIndentation(sourceFile: ts.SourceFile, position: number): string {
  const lineStart = sourceFile.getLineStarts()[sourceFile.getLineAndCharacterOfPosition(position).line]!;
  return /^[ \t]*/.exec(sourceFile.text.slice(lineStart))![0];
}

/** Whether only whitespace precedes `position` on its line. */
export function startsLine(sourceFile: ts.SourceFile, position: number): boolean {
  const lineStart = sourceFile.getLineStarts()[sourceFile.getLineAndCharacterOfPosition(position).line]!;
  return sourceFile.text.slice(lineStart, position).trim() === "";
}

/**
 * One indentation step of the file: the block's first statement against the line that opens the block, else the
 * first indented line of the file (a tab, or its run of spaces), else two spaces.
 */
export function indentUnit(sourceFile: ts.SourceFile, block: ts.Block): string {
  const first = block.statements[0];
  if (first) {
    const outer = lineIndentation(sourceFile, block.getStart(sourceFile));
    const inner = lineIndentation(sourceFile, first.getStart(sourceFile));
    if (inner.length > outer.length && inner.startsWith(outer)) return inner.slice(outer.length);
  }
  const match = /\n([ \t]+)\S/.exec(sourceFile.text);
  if (match) return match[1]!.startsWith("\t") ? "\t" : match[1]!;
  return "  ";
}

/** Whether the file ends statements with semicolons, judged by `statement` (a statement that takes one). */
export function endsWithSemicolon(sourceFile: ts.SourceFile, statement: ts.Statement): boolean {
  return sourceFile.text.slice(statement.getStart(sourceFile), statement.getEnd()).trimEnd().endsWith(";");
}

/** The end of `node` plus comments that follow it on the same line (`await save(); // done`). */
export function endWithTrailingComments(sourceFile: ts.SourceFile, node: ts.Node): number {
  const comments = ts.getTrailingCommentRanges(sourceFile.text, node.getEnd()) ?? [];
  let end = node.getEnd();
  for (const comment of comments) {
    if (sourceFile.text.slice(end, comment.pos).includes("\n")) break;
    end = comment.end;
  }
  return end;
}

/** Spans of template-literal text in `[start, end)`: lines that start there are string content, not code. */
function templateTextSpans(sourceFile: ts.SourceFile, start: number, end: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const visit = (node: ts.Node): void => {
    if (node.getEnd() <= start || node.pos >= end) return;
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      spans.push([node.getStart(sourceFile), node.getEnd()]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return spans;
}

/**
 * The text of `[start, end)` with `edits` applied (offsets into the file; each inside the span) and every line after
 * the first indented by one more `unit` — except blank lines and lines that begin inside a template literal.
 * Text that the edits insert is indented the same way.
 */
export function movedText(sourceFile: ts.SourceFile, start: number, end: number, edits: readonly TextEdit[], unit: string): string {
  const text = sourceFile.text;
  const templates = templateTextSpans(sourceFile, start, end);
  const replaced = edits.filter((edit) => edit.end > edit.start);
  const insertions: TextEdit[] = [];
  for (let position = text.indexOf("\n", start); position >= 0 && position < end; position = text.indexOf("\n", position + 1)) {
    const lineStart = position + 1;
    if (lineStart >= end) break;
    if (templates.some(([from, to]) => lineStart > from && lineStart < to)) continue;
    if (replaced.some((edit) => lineStart > edit.start && lineStart < edit.end)) continue;
    const nextBreak = text.indexOf("\n", lineStart);
    if (text.slice(lineStart, nextBreak < 0 ? end : Math.min(nextBreak, end)).trim() === "") continue;
    insertions.push({ start: lineStart, end: lineStart, newText: unit });
  }
  // Indentation goes before anything inserted at the same line start; otherwise edits apply back to front.
  const all = [
    ...insertions.map((edit, order) => ({ edit, order: -1 - order })),
    ...edits.map((edit, order) => ({ edit: { ...edit, newText: edit.newText.replace(/\n/g, `\n${unit}`) }, order })),
  ].sort((a, b) => b.edit.start - a.edit.start || b.order - a.order);
  let result = text.slice(start, end);
  let lastStart = Number.POSITIVE_INFINITY;
  for (const { edit } of all) {
    if (edit.end > lastStart) throw new Error("overlapping edits in the moved region");
    result = result.slice(0, edit.start - start) + edit.newText + result.slice(edit.end - start);
    lastStart = edit.start;
  }
  return result;
}

/** Identifier texts used in `node` (property names excepted), to pick names that shadow nothing. */
export function identifierTexts(node: ts.Node, into = new Set<string>()): Set<string> {
  const visit = (current: ts.Node): void => {
    if (ts.isIdentifier(current)) into.add(current.text);
    ts.forEachChild(current, visit);
  };
  visit(node);
  return into;
}

/** `preferred`, or `preferred2`, `preferred3`… — the first that `used` does not hold. */
export function freshName(preferred: string, used: ReadonlySet<string>, alternative?: string): string {
  if (!used.has(preferred)) return preferred;
  if (alternative && !used.has(alternative)) return alternative;
  for (let index = 2; ; index++) if (!used.has(`${preferred}${index}`)) return `${preferred}${index}`;
}
