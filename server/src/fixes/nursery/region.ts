import { ts } from "../../typescript";
import { isFunctionLike, isIdentifierReference } from "../../analysis/syntax";
import { ensureNamedImport, importedName } from "../imports";
import type { TextEdit } from "../types";
import { movingHazard } from "./hazards";
import { endWithTrailingComments, endsWithSemicolon, indentUnit, lineIndentation, movedText, startsLine } from "./text";

export type FunctionWithBlock = ts.FunctionLikeDeclaration & { body: ts.Block };

/** Statements `first..last` of `block` (in `fn`) move into `await nursery(async (n) => { … })`, with `edits` inside. */
export interface Region {
  fn: FunctionWithBlock;
  block: ts.Block;
  first: number;
  last: number;
  /** Rewrites inside the region, as offsets into the file (insertions where possible, so re-indenting sees every line). */
  edits: TextEdit[];
  /** The name of the nursery parameter the edits use. */
  scopeName: string;
}

export type Outcome = { edits: TextEdit[] } | { reason: string };

export const notAsyncReason = (fn: ts.Node) =>
  `${describeFunction(fn)} is not async, and a nursery has to be awaited. Detach the promise with \`void\`, or make the function async first (its callers then receive a promise).`;

function describeFunction(fn: ts.Node): string {
  const name = (fn as { name?: ts.Node }).name;
  return name && ts.isIdentifier(name) ? `\`${name.text}\`` : "The function";
}

export function isAsync(fn: ts.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
}

/** The function around `node` whose body block holds it, with a reason when a nursery cannot go there. */
export function enclosingFunction(node: ts.Node): { fn: FunctionWithBlock } | { reason: string } {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassStaticBlockDeclaration(current)) return { reason: "A class static block cannot await a nursery." };
    if (!isFunctionLike(current)) continue;
    if (!current.body || !ts.isBlock(current.body)) return { reason: "The promise is not in a function body with statements." };
    if ((current as ts.FunctionLikeDeclaration).asteriskToken) {
      return { reason: `${describeFunction(current)} is a generator: its \`yield\`s cannot move into a nursery callback.` };
    }
    if (!isAsync(current)) return { reason: notAsyncReason(current) };
    return { fn: current as FunctionWithBlock };
  }
  return { reason: "The promise is at the top level of the module: a nursery there would have to hold the rest of the module." };
}

/** The ancestor of `node` (or `node`) that is a statement directly in `block`. */
export function statementIn(block: ts.Block, node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (current.parent === block) return current as ts.Statement;
  }
  return undefined;
}

interface Reference {
  identifier: ts.Identifier;
  /** Is it a write (`x = …`, `x++`, a destructuring target)? */
  write: boolean;
}

/** Identifier references in `root` (property names excepted), by name. Syntax only: shadowing makes it conservative. */
export function referencesIn(root: ts.Node): Map<string, Reference[]> {
  const found = new Map<string, Reference[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && isIdentifierReference(node)) {
      const list = found.get(node.text) ?? [];
      list.push({ identifier: node, write: isWrite(node) });
      found.set(node.text, list);
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

function isWrite(node: ts.Identifier): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isObjectLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) || ts.isSpreadElement(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isBinaryExpression(parent) && parent.left === child && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
    return true;
  }
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) {
    return true;
  }
  return (ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === child;
}

/** `using` / `await using` (their flags overlap `const`'s, so compare the block-scope bits). */
export function isUsing(list: ts.VariableDeclarationList): boolean {
  const kind = list.flags & ts.NodeFlags.BlockScoped;
  return kind === ts.NodeFlags.Using || kind === ts.NodeFlags.AwaitUsing;
}

function bindingNames(name: ts.BindingName, into: string[] = []): string[] {
  if (ts.isIdentifier(name)) into.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(element.name, into);
  return into;
}

/** `return` statements of the function itself (not of nested functions) inside `nodes`. */
function ownReturns(nodes: readonly ts.Node[]): ts.ReturnStatement[] {
  const found: ts.ReturnStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  nodes.forEach(visit);
  return found;
}

/** `var` declarations of the function itself inside `nodes` (they belong to the function, wherever they stand). */
function ownVarNames(nodes: readonly ts.Node[]): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && !(node.flags & ts.NodeFlags.BlockScoped)) {
      for (const declaration of node.declarations) bindingNames(declaration.name, names);
    }
    ts.forEachChild(node, visit);
  };
  nodes.forEach(visit);
  return names;
}

/**
 * The edits that move the region into a nursery: hoisting what later code reads (`const [a, b] = await nursery(…)`),
 * keeping `return` values (`return await nursery(…)`), importing `nursery` once. A reason instead when moving the
 * statements into a callback would change what they mean.
 */
export function regionEdits(sourceFile: ts.SourceFile, region: Region, runtimeModule: string, belowES2017: boolean): Outcome {
  const { fn, block, first, last } = region;
  const statements = block.statements.slice(first, last + 1);
  const hazard = movingHazard(statements, belowES2017);
  if (hazard) return { reason: hazard };

  const regionStart = statements[0]!.getStart(sourceFile);
  const regionEnd = endWithTrailingComments(sourceFile, statements[statements.length - 1]!);
  const returns = ownReturns(statements);
  const endsFunction = block === fn.body && last === block.statements.length - 1;
  if (returns.length > 0 && !endsFunction && !ts.isReturnStatement(statements[statements.length - 1]!)) {
    return { reason: "A `return` inside the region would only leave the nursery callback, and code after the region would still run." };
  }
  const returnsValue = returns.some((statement) => statement.expression);

  // What the region declares, and who reads it outside.
  const outside = referencesIn(fn.body);
  const before = new Map<string, Reference[]>();
  const after = new Map<string, Reference[]>();
  for (const [name, references] of outside) {
    for (const reference of references) {
      const position = reference.identifier.getStart(sourceFile);
      const side = position < regionStart ? before : position >= regionEnd ? after : undefined;
      if (side) side.set(name, [...(side.get(name) ?? []), reference]);
    }
  }
  for (const name of ownVarNames(statements)) {
    if (before.has(name) || after.has(name)) return { reason: `\`var ${name}\` is declared in the region and used outside it.` };
  }
  const hoisted: string[] = [];
  for (const statement of statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      const name = statement.name.text;
      if (before.has(name) || after.has(name)) return { reason: `\`${name}\` is declared in the region and used outside it.` };
    }
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    if (!(list.flags & ts.NodeFlags.BlockScoped)) continue;
    const names = list.declarations.flatMap((declaration) => bindingNames(declaration.name));
    for (const name of names) {
      if (before.has(name)) return { reason: `\`${name}\` is declared in the region but used before it.` };
      if (!after.has(name)) continue;
      if (isUsing(list)) {
        return { reason: `\`${name}\` is a \`using\` declaration used after the region: the nursery would dispose of it first.` };
      }
      if (after.get(name)!.some((reference) => reference.write)) {
        return { reason: `\`let ${name}\` is declared in the region and re-assigned after it.` };
      }
      hoisted.push(name);
    }
    if (isUsing(list) && last !== block.statements.length - 1) {
      return { reason: "A `using` declaration in the region would be disposed of when the nursery closes, earlier than before." };
    }
  }
  if (hoisted.length > 0 && returns.length > 0) {
    return { reason: "The region both returns and declares values used after it." };
  }
  // An outer variable assigned inside the callback and read after it: the compiler cannot see that assignment.
  const inside = new Map<string, Reference[]>();
  for (const statement of statements) {
    for (const [name, references] of referencesIn(statement)) inside.set(name, [...(inside.get(name) ?? []), ...references]);
  }
  const declaredInside = new Set([...ownVarNames(statements), ...declaredNames(statements)]);
  for (const [name, references] of inside) {
    if (declaredInside.has(name) || !references.some((reference) => reference.write)) continue;
    if (after.has(name)) {
      return { reason: `\`${name}\` is assigned in the region and read after it: inside a callback, the compiler no longer sees that assignment.` };
    }
  }

  const nurseryName = importedName(sourceFile, runtimeModule, "nursery") ?? "nursery";
  if (nurseryName === "nursery" && !importedName(sourceFile, runtimeModule, "nursery") && fileDeclares(sourceFile, "nursery")) {
    return { reason: "`nursery` already names something else in this file." };
  }

  const unit = indentUnit(sourceFile, block);
  const indent = lineIndentation(sourceFile, regionStart);
  const moved = movedText(sourceFile, regionStart, regionEnd, region.edits, unit);
  const semicolon = usesSemicolons(sourceFile, statements) ? ";" : "";
  const typeArgument = returnsValue ? promiseTypeArgument(sourceFile, fn) : "";
  const prefix = returnsValue ? "return " : hoisted.length > 1 ? `const [${hoisted.join(", ")}] = ` : hoisted.length === 1 ? `const ${hoisted[0]} = ` : "";
  const open = `${prefix}await ${nurseryName}${typeArgument}(async (${region.scopeName}) => {`;
  const hoistReturn = hoisted.length === 0 ? "" : `return ${hoisted.length === 1 ? hoisted[0] : `[${hoisted.join(", ")}] as const`}${semicolon}`;
  let newText: string;
  if (startsLine(sourceFile, regionStart)) {
    newText = `${open}\n${indent}${unit}${moved}${hoistReturn ? `\n${indent}${unit}${hoistReturn}` : ""}\n${indent}})${semicolon}`;
  } else {
    newText = `${open} ${moved}${hoistReturn ? ` ${hoistReturn}` : ""} })${semicolon}`;
  }
  return { edits: [{ start: regionStart, end: regionEnd, newText }, ...ensureNamedImport(sourceFile, runtimeModule, "nursery")] };
}

function declaredNames(statements: readonly ts.Statement[]): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) {
      if (ts.isIdentifier(node.name)) names.push(node.name.text);
    } else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) {
      names.push(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  statements.forEach(visit);
  return names;
}

/** Whether the file declares or imports `name` anywhere (a clash for a new import). */
export function fileDeclares(sourceFile: ts.SourceFile, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const declared = (node as { name?: ts.Node }).name;
    if (
      (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isParameter(node) || ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isBindingElement(node) || ts.isNamespaceImport(node)) &&
      declared &&
      ts.isIdentifier(declared) &&
      declared.text === name
    ) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function usesSemicolons(sourceFile: ts.SourceFile, statements: readonly ts.Statement[]): boolean {
  const sample = statements.find((statement) => ts.isExpressionStatement(statement) || ts.isVariableStatement(statement) || ts.isReturnStatement(statement));
  return sample ? endsWithSemicolon(sourceFile, sample) : true;
}

/** `<X>` when the function is declared to return `Promise<X>`: the callback's returns then keep their contextual type. */
function promiseTypeArgument(sourceFile: ts.SourceFile, fn: FunctionWithBlock): string {
  const type = fn.type;
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || type.typeName.text !== "Promise") return "";
  const argument = type.typeArguments?.[0];
  return argument && type.typeArguments!.length === 1 ? `<${argument.getText(sourceFile)}>` : "";
}
