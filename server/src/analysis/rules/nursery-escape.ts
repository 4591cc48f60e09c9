import { ts } from "../../typescript";
import { isNestedScope } from "../flow";
import { enclosingFunction } from "../signals";
import { packageInProgram, symbolMatchesSpecifiers, type Specifier } from "../specifiers";
import { isAssignmentOperator, isFunctionLike, methodCall, skipParentheses } from "../syntax";
import type { Rule, RuleContext } from "../types";

export interface NurseryEscapeOptions {
  /** The module the runtime's `Nursery` and `Task` types come from (the fixes' `nursery.runtimeModule`). */
  runtimeModule: string;
}

const messages = {
  returned:
    "{{what}} is returned from the nursery that owns it, so it outlives its scope: the nursery has closed by the time anyone uses it, and spawning on it throws. Return the result you need (`await task.result`) instead.",
  stored:
    "{{what}} is stored outside the nursery that owns it, so it outlives its scope: after the nursery closes, spawning on it throws and its tasks are gone. Keep it inside the callback, or pass it to the functions that need it.",
} as const;

export const nurseryEscape: Rule<NurseryEscapeOptions> = {
  id: "nursery-escape",
  meta: {
    docs: "A nursery handle or `Task` must not be returned or stored outside the callback that owns it.",
    defaultSeverity: "error",
    preset: "recommended",
    messages,
  },
  defaultOptions: { runtimeModule: "nursery" },
  check(context) {
    // Without the runtime in the program there is no nursery to escape (and no need to type every callback parameter).
    if (!packageInProgram(context.program, context.options.runtimeModule)) return;
    const owners: Owner[] = [];
    const reported = new Set<ts.Node>();
    const report = (node: ts.Expression, messageId: keyof typeof messages, what: string) => {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, values: { what } });
    };
    const visit = (node: ts.Node): void => {
      const owner = ownerAt(context, node);
      if (owner) owners.push(owner);
      if (owners.length > 0) {
        context.checkCancelled();
        checkSite(context, node, owners, report);
      }
      ts.forEachChild(node, visit);
      if (owner) owners.pop();
    };
    visit(context.root);
  },
};

/**
 * A scope that owns handles: the body callback of `nursery(async (n) => …)` (a function passed as an argument whose
 * parameter is a runtime `Nursery`), or a block with `await using n = openNursery()`.
 */
interface Owner {
  /** The callback, or the block. */
  node: ts.Node;
  /** The callback whose `return` hands its value out of the scope (for a block: the function around it). */
  returnsFrom: ts.Node | undefined;
}

function ownerAt(context: RuleContext<NurseryEscapeOptions>, node: ts.Node): Owner | undefined {
  const { checker } = context;
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && isCallArgument(node)) {
    const ownsNursery = node.parameters.some((parameter) => isHandleType(context, checker.getTypeAtLocation(parameter.name), "Nursery"));
    if (ownsNursery) return { node, returnsFrom: node };
  }
  if (ts.isBlock(node) || ts.isSourceFile(node)) {
    const usesNursery = node.statements.some(
      (statement) =>
        ts.isVariableStatement(statement) &&
        statement.declarationList.flags & ts.NodeFlags.Using &&
        statement.declarationList.declarations.some((declaration) =>
          isHandleType(context, checker.getTypeAtLocation(declaration), "Nursery"),
        ),
    );
    if (usesNursery) return { node, returnsFrom: enclosingFunction(node) };
  }
  return undefined;
}

function isCallArgument(node: ts.Expression): boolean {
  let child: ts.Node = node;
  while (ts.isParenthesizedExpression(child.parent)) child = child.parent;
  const parent = child.parent;
  if (!ts.isCallExpression(parent) && !ts.isNewExpression(parent)) return false;
  const args: readonly ts.Node[] = parent.arguments ?? [];
  return args.includes(child);
}

function runtimeSpecifier(context: RuleContext<NurseryEscapeOptions>, name: "Nursery" | "Task"): Specifier[] {
  return [{ from: "package", name, package: context.options.runtimeModule }];
}

/** The type is the runtime's `Nursery` (or `Task`), a subclass of it, or a union containing one. */
function isHandleType(context: RuleContext<NurseryEscapeOptions>, type: ts.Type, name: "Nursery" | "Task"): boolean {
  const { checker, program } = context;
  const nonNullable = checker.getNonNullableType(type);
  const parts = nonNullable.isUnion() ? nonNullable.types : [nonNullable];
  return parts.some((part) => {
    for (let current: ts.Type | undefined = part, depth = 0; current && depth < 8; depth++) {
      const symbol = current.getSymbol();
      if (symbolMatchesSpecifiers(program, symbol, runtimeSpecifier(context, name))) return true;
      const bases: readonly ts.BaseType[] = current.isClassOrInterface() ? checker.getBaseTypes(current) : [];
      current = bases[0];
    }
    return false;
  });
}

/** What a type carries: a handle itself, or an array, tuple, union or object literal type holding one. */
function carriedHandle(context: RuleContext<NurseryEscapeOptions>, type: ts.Type, depth = 0): "Nursery" | "Task" | undefined {
  const { checker } = context;
  if (depth > 3) return undefined;
  if (isHandleType(context, type, "Nursery")) return "Nursery";
  if (isHandleType(context, type, "Task")) return "Task";
  const nonNullable = checker.getNonNullableType(type);
  for (const part of nonNullable.isUnion() ? nonNullable.types : [nonNullable]) {
    if (checker.isArrayType(part) || checker.isTupleType(part)) {
      for (const element of checker.getTypeArguments(part as ts.TypeReference)) {
        const found = carriedHandle(context, element, depth + 1);
        if (found) return found;
      }
    } else if (part.getFlags() & ts.TypeFlags.Object && (part as ts.ObjectType).objectFlags & ts.ObjectFlags.ObjectLiteral) {
      for (const property of part.getProperties()) {
        const declaration = property.valueDeclaration;
        if (!declaration) continue;
        const found = carriedHandle(context, checker.getTypeOfSymbolAtLocation(property, declaration), depth + 1);
        if (found) return found;
      }
    }
  }
  return undefined;
}

const handleNames = { Nursery: "Nursery handle", Task: "`Task`", closure: "Function that uses a nursery handle" } as const;

/**
 * Whether `expression` carries a handle that belongs to `owner`: its type holds a `Nursery`/`Task` and it reads a
 * variable of the owner (its handle parameter, or a task spawned in it), or it is a function that uses one.
 */
function escapingHandle(context: RuleContext<NurseryEscapeOptions>, expression: ts.Expression, owner: Owner): string | undefined {
  const node = skipParentheses(expression);
  const ownedReads = ownedHandleReads(context, node, owner);
  if (!ownedReads) return undefined;
  const carried = carriedHandle(context, context.checker.getTypeAtLocation(node));
  if (carried) return handleNames[carried];
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return handleNames.closure;
  return undefined;
}

/** True when `node` reads a handle-typed variable declared inside `owner` (its parameter, or a local). */
function ownedHandleReads(context: RuleContext<NurseryEscapeOptions>, node: ts.Node, owner: Owner): boolean {
  const { checker } = context;
  let found = false;
  const visit = (current: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(current)) {
      const symbol = ts.isShorthandPropertyAssignment(current.parent) && current.parent.name === current
        ? checker.getShorthandAssignmentValueSymbol(current.parent)
        : checker.getSymbolAtLocation(current);
      const declaration = symbol?.valueDeclaration;
      if (declaration && isInside(declaration, owner.node) && (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration))) {
        if (carriedHandle(context, checker.getTypeAtLocation(current))) found = true;
      }
      return;
    }
    ts.forEachChild(current, visit);
  };
  visit(node);
  return found;
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  return node.getSourceFile() === container.getSourceFile() && node.pos >= container.pos && node.end <= container.end;
}

/** The innermost owner whose handles `expression` carries. */
function ownerOf(context: RuleContext<NurseryEscapeOptions>, expression: ts.Expression, owners: readonly Owner[]): { owner: Owner; what: string } | undefined {
  for (let i = owners.length - 1; i >= 0; i--) {
    const what = escapingHandle(context, expression, owners[i]!);
    if (what) return { owner: owners[i]!, what };
  }
  return undefined;
}

/** Whether a write to `target` lands outside `owner`: a field of `this` or of an outer object, or an outer variable. */
function isOutsideTarget(context: RuleContext<NurseryEscapeOptions>, target: ts.Expression, owner: Owner): boolean {
  let node = skipParentheses(target);
  while (
    ts.isPropertyAccessExpression(node) ||
    ts.isElementAccessExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isTypeAssertionExpression(node)
  ) {
    node = skipParentheses(node.expression);
  }
  if (node.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (!ts.isIdentifier(node)) return false;
  const symbol = context.checker.getSymbolAtLocation(node);
  const declaration = symbol?.valueDeclaration ?? symbol?.getDeclarations()?.[0];
  return !!declaration && !isInside(declaration, owner.node);
}

function checkSite(
  context: RuleContext<NurseryEscapeOptions>,
  node: ts.Node,
  owners: readonly Owner[],
  report: (node: ts.Expression, messageId: keyof typeof messages, what: string) => void,
): void {
  // Returned from the owning callback (or from the function around a `using` block).
  const returned = returnedExpression(node);
  if (returned) {
    const found = ownerOf(context, returned.expression, owners);
    if (found && found.owner.returnsFrom === returned.from && isInside(returned.expression, found.owner.node)) {
      report(returned.expression, "returned", found.what);
    }
    return;
  }
  // Stored in an outer variable or a field.
  if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) {
    const found = ownerOf(context, node.right, owners);
    if (found && isOutsideTarget(context, node.left, found.owner)) report(node.right, "stored", found.what);
    return;
  }
  // Added to an outer collection: `tasks.push(t)`, `registry.set(id, n)` (lib collections' mutators).
  if (ts.isCallExpression(node)) {
    const method = methodCall(node);
    if (!method || !mutators.has(method.name) || !isLibMember(context, node)) return;
    for (const argument of node.arguments) {
      const found = ownerOf(context, argument, owners);
      if (found && isOutsideTarget(context, method.object, found.owner)) report(argument, "stored", found.what);
    }
  }
}

/** Lib methods that put an argument into the receiver. */
const mutators = new Set(["push", "unshift", "splice", "add", "set", "fill"]);

function isLibMember(context: RuleContext<NurseryEscapeOptions>, call: ts.CallExpression): boolean {
  const callee = skipParentheses(call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isElementAccessExpression(callee) ? callee.argumentExpression : undefined;
  if (!name) return false;
  const symbol = context.checker.getSymbolAtLocation(name);
  return (symbol?.getDeclarations() ?? []).some((d) => context.program.isSourceFileDefaultLibrary(d.getSourceFile()));
}

/** `return e` (with the function it returns from), or the expression body of an arrow function. */
function returnedExpression(node: ts.Node): { expression: ts.Expression; from: ts.Node | undefined } | undefined {
  if (ts.isReturnStatement(node) && node.expression) {
    for (let current = node.parent; current; current = current.parent) {
      if (isFunctionLike(current) || isNestedScope(current)) return { expression: node.expression, from: current };
    }
    return undefined;
  }
  if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) return { expression: node.body, from: node };
  return undefined;
}
