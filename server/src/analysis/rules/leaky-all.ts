import { ts } from "../../typescript";
import { isThenableType } from "../thenable";
import { methodCall, skipParentheses } from "../syntax";
import type { Rule, RuleContext } from "../types";
import { nurseryFixData, withLazyNurseryData } from "../nursery-fix-data";

const messages = {
  leaky:
    "`Promise.{{method}}` over operations that share no AbortSignal: when one rejects, the others keep running unobserved (asyncio.gather's trap). Pass every operation the same signal and abort it on failure, or run them in a nursery.",
} as const;

export const leakyAll: Rule<Record<string, never>> = {
  id: "leaky-all",
  meta: {
    docs: "`Promise.all` / `allSettled` must not start operations that nothing can cancel when one of them fails.",
    defaultSeverity: "warning",
    preset: "strict",
    messages,
    examples: {
      invalid: `declare function getJson(url: string, options?: { signal?: AbortSignal }): Promise<unknown>;

export async function dashboard() {
  // If one request fails, the others keep running and nobody sees them.
  return Promise.all([getJson("/a"), getJson("/b")]);
}`,
      valid: `declare function getJson(url: string, options?: { signal?: AbortSignal }): Promise<unknown>;

export async function dashboard(signal: AbortSignal) {
  return Promise.all([getJson("/a", { signal }), getJson("/b", { signal })]);
}`,
    },
  },
  defaultOptions: {},
  check(context) {
    for (const call of context.nodes<ts.CallExpression>(ts.SyntaxKind.CallExpression)) {
      context.checkCancelled();
      checkCall(context, call);
    }
  },
};

/** One operation in the combinator's input, and where it lives (to tell a shared signal from one made inside it). */
interface Operation {
  node: ts.Node;
}

function checkCall(context: RuleContext<Record<string, never>>, call: ts.CallExpression): void {
  const method = methodCall(call);
  if (method?.name !== "all" && method?.name !== "allSettled") return;
  if (!isPromiseConstructorMember(context, call)) return;
  const input = call.arguments[0];
  if (!input || call.arguments.length !== 1) return;
  const operations = operationsOf(context, input, 0);
  if (!operations) return;
  // One operation cannot leave siblings behind; a `.map` stands for as many as the array holds.
  if (operations.list.length < 2 && !operations.dynamic) return;
  const symbolIds = new Map<ts.Symbol, number>();
  const keys = operations.list.map((operation) => sharedSignals(context, operation.node, symbolIds));
  const common = keys.reduce<Set<string> | undefined>((shared, next) => {
    if (!shared) return new Set(next);
    return new Set([...shared].filter((key) => next.has(key)));
  }, undefined);
  if (common && common.size > 0) return;
  const data = withLazyNurseryData({ fixes: ["run-in-nursery"] }, () => nurseryFixData(context, call));
  context.report({ node: call, messageId: "leaky", values: { method: method.name }, data });
}

/** `Promise.all` itself, declared on lib's `PromiseConstructor` — not a user `all` method. */
function isPromiseConstructorMember(context: RuleContext<Record<string, never>>, call: ts.CallExpression): boolean {
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const symbol = context.checker.getSymbolAtLocation(callee.name);
  return (symbol?.getDeclarations() ?? []).some(
    (declaration) =>
      context.program.isSourceFileDefaultLibrary(declaration.getSourceFile()) &&
      ts.isInterfaceDeclaration(declaration.parent) &&
      declaration.parent.name.text === "PromiseConstructor",
  );
}

/**
 * The operations an array expression starts: the promise-valued calls of an array literal (following a local `const`
 * once), or the callback of `xs.map(cb)`. Undefined when the input is opaque (a parameter, a field): we cannot tell.
 */
function operationsOf(
  context: RuleContext<Record<string, never>>,
  input: ts.Expression,
  depth: number,
): { list: Operation[]; dynamic: boolean } | undefined {
  const { checker } = context;
  const node = skipParentheses(input);
  if (ts.isArrayLiteralExpression(node)) {
    const list: Operation[] = [];
    let dynamic = false;
    for (const element of node.elements) {
      if (ts.isSpreadElement(element)) {
        const inner = operationsOf(context, element.expression, depth + 1);
        if (inner) {
          list.push(...inner.list);
          dynamic ||= inner.dynamic;
        }
        continue;
      }
      const operation = operationOf(context, element, depth);
      if (operation) list.push(operation);
    }
    return { list, dynamic };
  }
  if (ts.isCallExpression(node)) {
    const method = methodCall(node);
    if (method?.name === "map" && node.arguments.length >= 1 && isLibArrayMethod(context, node)) {
      return { list: [{ node: node.arguments[0]! }], dynamic: true };
    }
    return undefined;
  }
  if (ts.isIdentifier(node) && depth < 2) {
    const initializer = constInitializer(checker, node);
    return initializer ? operationsOf(context, initializer, depth + 1) : undefined;
  }
  return undefined;
}

/** A promise-valued element that starts work: a call or `new` (following a local `const` once). */
function operationOf(context: RuleContext<Record<string, never>>, element: ts.Expression, depth: number): Operation | undefined {
  const { checker } = context;
  let node = skipParentheses(element);
  if (ts.isIdentifier(node) && depth < 2) {
    const initializer = constInitializer(checker, node);
    if (!initializer) return undefined;
    node = skipParentheses(initializer);
  }
  if (!(ts.isCallExpression(node) || ts.isNewExpression(node))) return undefined;
  if (!isThenableType(checker, checker.getTypeAtLocation(node), node)) return undefined;
  // `Promise.resolve(v)`, `Promise.reject(e)`, a nested `Promise.all`: nothing of their own keeps running.
  if (ts.isCallExpression(node) && isPromiseConstructorMember(context, node)) return undefined;
  return { node };
}

function isLibArrayMethod(context: RuleContext<Record<string, never>>, call: ts.CallExpression): boolean {
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const symbol = context.checker.getSymbolAtLocation(callee.name);
  return (symbol?.getDeclarations() ?? []).some((d) => context.program.isSourceFileDefaultLibrary(d.getSourceFile()));
}

function constInitializer(checker: ts.TypeChecker, identifier: ts.Identifier): ts.Expression | undefined {
  const declaration = checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if (!(declaration.parent.flags & ts.NodeFlags.Const)) return undefined;
  return declaration.initializer;
}

function isAbortSignalType(context: RuleContext<Record<string, never>>, type: ts.Type): boolean {
  const nonNullable = context.checker.getNonNullableType(type);
  const parts = nonNullable.isUnion() ? nonNullable.types : [nonNullable];
  return parts.some((part) => {
    const symbol = part.getSymbol();
    return symbol?.getName() === "AbortSignal";
  });
}

/**
 * The signals an operation receives from outside itself, as keys (`signal`, `controller.signal` by symbol): AbortSignal
 * values passed as (or inside) arguments of the calls in the operation, whose root variable is declared outside it.
 * A signal made inside the operation (`new AbortController().signal`, `AbortSignal.timeout(ms)`) is not shared.
 */
function sharedSignals(context: RuleContext<Record<string, never>>, operation: ts.Node, symbolIds: Map<ts.Symbol, number>): Set<string> {
  const { checker } = context;
  const keys = new Set<string>();
  const keyOf = (expression: ts.Expression): string | undefined => {
    const node = skipParentheses(expression);
    if (ts.isIdentifier(node)) {
      const symbol = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node
        ? checker.getShorthandAssignmentValueSymbol(node.parent)
        : checker.getSymbolAtLocation(node);
      const declaration = symbol?.valueDeclaration ?? symbol?.getDeclarations()?.[0];
      if (!symbol || !declaration) return undefined;
      if (declaration.pos >= operation.pos && declaration.end <= operation.end && declaration.getSourceFile() === operation.getSourceFile()) {
        return undefined;
      }
      if (!symbolIds.has(symbol)) symbolIds.set(symbol, symbolIds.size);
      return `#${symbolIds.get(symbol)}`;
    }
    if (ts.isPropertyAccessExpression(node)) {
      const base = keyOf(node.expression);
      return base && `${base}.${node.name.text}`;
    }
    if (node.kind === ts.SyntaxKind.ThisKeyword) return "this";
    return undefined;
  };
  const visit = (node: ts.Node, inArguments: boolean): void => {
    if (inArguments && ts.isExpression(node) && !ts.isObjectLiteralExpression(node) && !ts.isArrayLiteralExpression(node)) {
      const key = isAbortSignalType(context, checker.getTypeAtLocation(node)) ? keyOf(node) : undefined;
      if (key) {
        keys.add(key);
        return;
      }
    }
    if (ts.isShorthandPropertyAssignment(node) && inArguments) {
      if (isAbortSignalType(context, checker.getTypeAtLocation(node.name))) {
        const key = keyOf(node.name);
        if (key) keys.add(key);
      }
      return;
    }
    // Member and property names are not values: `controller.signal`'s `signal` names lib's property.
    if (ts.isPropertyAccessExpression(node)) return visit(node.expression, inArguments);
    if (ts.isPropertyAssignment(node)) return visit(node.initializer, inArguments);
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      visit(node.expression, inArguments);
      for (const argument of node.arguments) visit(argument, true);
      return;
    }
    ts.forEachChild(node, (child) => visit(child, inArguments));
  };
  visit(operation, false);
  return keys;
}
