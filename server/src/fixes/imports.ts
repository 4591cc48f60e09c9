import { ts } from "../typescript";
import type { TextEdit } from "./types";

/** The quote the file's imports use (the first module specifier's), double by default. */
function quoteOf(sourceFile: ts.SourceFile): string {
  for (const statement of sourceFile.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier) {
      return statement.moduleSpecifier.getText(sourceFile).startsWith("'") ? "'" : '"';
    }
  }
  return '"';
}

/** Whether the file ends its statements with semicolons: the first statement that takes one decides (default yes). */
function usesSemicolons(sourceFile: ts.SourceFile): boolean {
  let answer: boolean | undefined;
  const visit = (node: ts.Node): void => {
    if (answer !== undefined) return;
    if (
      ts.isImportDeclaration(node) ||
      ts.isExportDeclaration(node) ||
      ts.isVariableStatement(node) ||
      ts.isExpressionStatement(node) ||
      ts.isReturnStatement(node) ||
      ts.isThrowStatement(node)
    ) {
      answer = node.getText(sourceFile).trimEnd().endsWith(";");
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return answer ?? true;
}

function lineIndentation(sourceFile: ts.SourceFile, position: number): string {
  const lineStart = sourceFile.getLineStarts()[sourceFile.getLineAndCharacterOfPosition(position).line]!;
  return /^[ \t]*/.exec(sourceFile.text.slice(lineStart))![0];
}

function isOnOwnLine(sourceFile: ts.SourceFile, first: ts.Node, open: number): boolean {
  return sourceFile.getLineAndCharacterOfPosition(first.getStart(sourceFile)).line !== sourceFile.getLineAndCharacterOfPosition(open).line;
}

/**
 * Adds `element` after the last element of a list in braces (`{ a, b }` of an import or object literal), keeping the
 * list's layout: one line stays one line, one element per line stays so with the same indentation, trailing comma kept.
 */
export function appendToBracedList(sourceFile: ts.SourceFile, open: number, close: number, elements: readonly ts.Node[], element: string): TextEdit {
  const last = elements[elements.length - 1];
  if (!last) {
    const inner = sourceFile.text.slice(open + 1, close);
    return inner.includes("\n")
      ? { start: open + 1, end: open + 1, newText: `\n${lineIndentation(sourceFile, open)}  ${element}` }
      : { start: open + 1, end: close, newText: ` ${element} ` };
  }
  if (isOnOwnLine(sourceFile, elements[0]!, open)) {
    return { start: last.getEnd(), end: last.getEnd(), newText: `,\n${lineIndentation(sourceFile, last.getStart(sourceFile))}${element}` };
  }
  return { start: last.getEnd(), end: last.getEnd(), newText: `, ${element}` };
}

/**
 * Edits that make `name` importable from `moduleSpecifier` in `sourceFile`: none when it already is, an added
 * specifier when the file imports from that module already, else a new import after the last one — in the file's
 * quote style and semicolon use.
 */
export function ensureNamedImport(sourceFile: ts.SourceFile, moduleSpecifier: string, name: string): TextEdit[] {
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  const fromModule = imports.filter(
    (declaration) =>
      ts.isStringLiteral(declaration.moduleSpecifier) &&
      declaration.moduleSpecifier.text === moduleSpecifier &&
      !declaration.importClause?.isTypeOnly,
  );
  for (const declaration of fromModule) {
    const bindings = declaration.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      const present = bindings.elements.some(
        (element) => !element.isTypeOnly && element.name.text === name && (!element.propertyName || element.propertyName.getText(sourceFile) === name),
      );
      if (present) return [];
    }
  }
  for (const declaration of fromModule) {
    const clause = declaration.importClause;
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      const open = bindings.getStart(sourceFile);
      return [appendToBracedList(sourceFile, open, bindings.getEnd() - 1, bindings.elements, name)];
    }
    if (clause?.name && !bindings) {
      return [{ start: clause.name.getEnd(), end: clause.name.getEnd(), newText: `, { ${name} }` }];
    }
  }
  const lastImport = imports[imports.length - 1];
  const quote = quoteOf(sourceFile);
  const statement = `import { ${name} } from ${quote}${moduleSpecifier}${quote}${usesSemicolons(sourceFile) ? ";" : ""}`;
  if (lastImport) return [{ start: lastImport.getEnd(), end: lastImport.getEnd(), newText: `\n${statement}` }];
  const first = sourceFile.statements[0];
  const start = first ? first.getStart(sourceFile) : sourceFile.getEnd();
  return [{ start, end: start, newText: first ? `${statement}\n\n` : `${statement}\n` }];
}

/** The local name `name` is imported under from `moduleSpecifier`, or undefined when the file does not import it. */
export function importedName(sourceFile: ts.SourceFile, moduleSpecifier: string, name: string): string | undefined {
  for (const declaration of sourceFile.statements.filter(ts.isImportDeclaration)) {
    if (!ts.isStringLiteral(declaration.moduleSpecifier) || declaration.moduleSpecifier.text !== moduleSpecifier) continue;
    const bindings = declaration.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || declaration.importClause?.isTypeOnly) continue;
    for (const element of bindings.elements) {
      if (!element.isTypeOnly && (element.propertyName ?? element.name).getText(sourceFile) === name) return element.name.text;
    }
  }
  return undefined;
}
