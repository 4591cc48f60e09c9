import { ts } from "../../typescript";
import { isFunctionLike, methodCall, referenceKey, skipParentheses } from "../syntax";
import { isAbortSignalType } from "./types";

/** `Promise.race(…)` / `Promise.any(…)` (whichever names are asked for) on the global `Promise`. */
export function promiseCombinatorCall(
  program: ts.Program,
  checker: ts.TypeChecker,
  call: ts.CallExpression,
  names: readonly string[],
): string | undefined {
  const method = methodCall(call);
  if (!method || !names.includes(method.name)) return undefined;
  const object = skipParentheses(method.object);
  if (!ts.isIdentifier(object) || object.text !== "Promise") return undefined;
  const declarations = checker.getSymbolAtLocation(object)?.getDeclarations() ?? [];
  const fromLib = declarations.length > 0 && declarations.every((d) => program.isSourceFileDefaultLibrary(d.getSourceFile()));
  return fromLib ? method.name : undefined;
}

/** The `Promise.race`/`Promise.any` call whose array literal holds `expression` as an element, if any. */
export function enclosingRace(program: ts.Program, checker: ts.TypeChecker, expression: ts.Expression): ts.CallExpression | undefined {
  let node: ts.Node = expression;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const array = node.parent;
  if (!array || !ts.isArrayLiteralExpression(array)) return undefined;
  const call = array.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== array) return undefined;
  return promiseCombinatorCall(program, checker, call, ["race", "any"]) ? call : undefined;
}

/** True when `expression` is the operand of an `await` (through parentheses). */
export function isAwaited(expression: ts.Expression): boolean {
  let node: ts.Node = expression;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isAwaitExpression(node.parent);
}

/** The innermost function around `node`. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current)) return current;
  }
  return undefined;
}

/**
 * True inside a `finally` block of the same function: cleanup runs there after an abort too, and forwarding the
 * (possibly aborted) signal would cancel the cleanup itself.
 */
export function isInFinallyBlock(node: ts.Node): boolean {
  for (let child = node, current = node.parent; current && !isFunctionLike(current); child = current, current = current.parent) {
    if (ts.isTryStatement(current) && current.finallyBlock === child) return true;
  }
  return false;
}

/** `expression` spells the reference `text` (`options?.signal` and `options.signal` alike, whatever the spacing). */
export function isSameReference(expression: ts.Expression, text: string): boolean {
  return referenceKey(expression) === referenceKey(text);
}

/**
 * `signal ? run(args, { signal }) : run(args)`, `if (!options?.signal) return run(args);`: inside the branch a test of
 * the signal (`signalText`, as the rule would pass it) has found empty, there is no signal to pass.
 */
export function isInBranchWithoutSignal(node: ts.Node, signalText: string): boolean {
  const isSignal = (expression: ts.Expression) => isSameReference(skipParentheses(expression), signalText);
  for (let child = node, current = node.parent; current && !ts.isSourceFile(current); child = current, current = current.parent) {
    let test: ts.Expression, whenTrue: ts.Node, whenFalse: ts.Node | undefined;
    if (ts.isConditionalExpression(current)) [test, whenTrue, whenFalse] = [current.condition, current.whenTrue, current.whenFalse];
    else if (ts.isIfStatement(current)) [test, whenTrue, whenFalse] = [current.expression, current.thenStatement, current.elseStatement];
    else continue;
    const condition = skipParentheses(test);
    if (child === whenFalse && isSignal(condition)) return true;
    if (child === whenTrue && ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken && isSignal(condition.operand)) return true;
  }
  return false;
}

/**
 * True inside a function that runs when a signal aborts (`signal.addEventListener("abort", () => …)`,
 * `signal.onabort = () => …`): the signal is already aborted there, so passing it on would fail at once.
 */
export function isInsideAbortHandler(checker: ts.TypeChecker, node: ts.Node): boolean {
  for (let current = enclosingFunction(node); current; current = enclosingFunction(current)) {
    const registration = handlerRegistration(current);
    if (registration?.via === "onabort") return true;
    if (registration?.via === "addEventListener" && isAbortSignalType(checker.getTypeAtLocation(registration.target))) return true;
  }
  return false;
}

/**
 * How a function is registered as a handler, if it is: given to a method (`target.addEventListener(type, fn)`,
 * `emitter.on(event, fn)`; `via` is the method's name) or assigned to a property (`target.onabort = fn`; `via` is the
 * property's name).
 */
export function handlerRegistration(fn: ts.Node): { target: ts.Expression; via: string } | undefined {
  let outer: ts.Node = fn;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(outer as ts.Expression)) {
    const method = methodCall(parent);
    return method && { target: method.object, via: method.name };
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === outer && ts.isPropertyAccessExpression(parent.left)) {
    return { target: parent.left.expression, via: parent.left.name.text };
  }
  return undefined;
}

/** Visits `node`'s descendants that run when it runs: nested functions and classes are skipped. */
export function forEachInSameFunction(node: ts.Node, visit: (node: ts.Node) => void): void {
  const walk = (child: ts.Node): void => {
    if (isFunctionLike(child) || ts.isClassLike(child)) return;
    visit(child);
    ts.forEachChild(child, walk);
  };
  ts.forEachChild(node, walk);
}

const cancellationNames = /abort|cancel/i;

/**
 * True when `node` looks at whether cancellation happened: `x.aborted`, `x.throwIfAborted()`, `x.reason`,
 * `err.name === "AbortError"` (or `"TimeoutError"`), `isCancelled(err)`-like predicates, `instanceof CancelledError`.
 */
export function testsForCancellation(checker: ts.TypeChecker, node: ts.Node): boolean {
  let found = false;
  const check = (child: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(child) && ["aborted", "throwIfAborted"].includes(child.name.text)) {
      found = isAbortSignalType(checker.getTypeAtLocation(child.expression));
    } else if (ts.isStringLiteralLike(child) && (child.text === "AbortError" || child.text === "TimeoutError")) {
      found = true;
    } else if (ts.isCallExpression(child)) {
      const callee = skipParentheses(child.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
      if (cancellationNames.test(name) && name !== "abort") found = true;
      // `checkpoint(signal)` and friends observe the signal they are given.
      if (child.arguments.some((arg) => isAbortSignalType(checker.getTypeAtLocation(arg)))) found = true;
    } else if (ts.isBinaryExpression(child) && child.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
      if (cancellationNames.test(child.right.getText())) found = true;
    }
  };
  if (!isFunctionLike(node)) check(node);
  forEachInSameFunction(node, check);
  return found;
}
