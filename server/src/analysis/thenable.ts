import { ts } from "../typescript";
import { functionValueOf, isFunctionLike, isNullOrUndefinedLiteral, methodCall, skipParentheses } from "./syntax";
import { unionParts } from "./signals/types";

/**
 * Type questions the rules ask, answered by the checker — never by names.
 * "Thenable" means an object type with a callable `then` whose first parameter is a callback,
 * which covers `Promise`, `PromiseLike`, subclasses and custom thenables (query builders, Thenable).
 */

function isCallable(checker: ts.TypeChecker, type: ts.Type): boolean {
  return unionParts(checker.getApparentType(type)).some((part) => part.getCallSignatures().length > 0);
}

function hasThenMethod(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  const then = type.getProperty("then");
  if (!then) return false;
  const thenType = checker.getTypeOfSymbolAtLocation(then, at);
  return unionParts(thenType).some((part) =>
    part.getCallSignatures().some((signature) => {
      const first = signature.parameters[0];
      if (!first) return false;
      const firstType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(first, at));
      // `any` callbacks (loosely typed thenables) still count: the method is called `then` and takes one.
      return (firstType.flags & ts.TypeFlags.Any) !== 0 || isCallable(checker, firstType);
    }),
  );
}

/** True when `type` is, or is a union containing, a thenable. `any` and `unknown` are not: we stay conservative. */
export function isThenableType(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return false;
  return unionParts(checker.getApparentType(type)).some((part) => {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return false;
    return hasThenMethod(checker, part, at);
  });
}

/** True for an array or tuple (or a union of them) with a thenable element: `xs.map(async …)`. */
export function isThenableArrayType(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  return unionParts(checker.getApparentType(type)).some((part) => {
    if (checker.isTupleType(part)) {
      return checker.getTypeArguments(part as ts.TypeReference).some((element) => isThenableType(checker, element, at));
    }
    if (checker.isArrayType(part)) {
      const [element] = checker.getTypeArguments(part as ts.TypeReference);
      return element !== undefined && isThenableType(checker, element, at);
    }
    return false;
  });
}

/**
 * `p.catch(h)` or `p.then(f, h)` with a function `h`: the chain handles a rejection. `null`, `undefined` or `void …` in
 * the handler's place handle nothing.
 */
export function isHandledChain(checker: ts.TypeChecker, node: ts.Expression): boolean {
  if (!ts.isCallExpression(node)) return false;
  const method = methodCall(node);
  const handler = method?.name === "catch" ? node.arguments[0] : method?.name === "then" ? node.arguments[1] : undefined;
  if (!handler || isNullOrUndefinedLiteral(handler) || ts.isVoidExpression(skipParentheses(handler))) return false;
  return isFunctionValued(checker, handler);
}

/** True when the expression's value can be called (used to validate rejection handlers). */
export function isFunctionValued(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node);
  if (type.flags & ts.TypeFlags.Any) return true;
  return isCallable(checker, type);
}

/**
 * `let pending = Promise.resolve()`, `Promise.resolve(0)`: a promise already fulfilled with a plain value, the starting
 * point of a chain or a placeholder that a branch replaces. It does no work and cannot reject, so dropping it loses
 * nothing. (A value that may itself be a promise, `Promise.resolve(load())`, is that promise.)
 */
export function isResolvedPlaceholder(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "resolve" || !ts.isIdentifier(callee.expression) || callee.expression.text !== "Promise") return false;
  const [value, ...rest] = call.arguments;
  if (rest.length > 0 || (value && !isPlainLiteral(skipParentheses(value)))) return false;
  const declarations = checker.getSymbolAtLocation(callee.expression)?.getDeclarations() ?? [];
  return declarations.length > 0 && declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

function isPlainLiteral(node: ts.Expression): boolean {
  return (
    ts.isLiteralExpression(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    isNullOrUndefinedLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand))
  );
}

/**
 * The function `symbol` names hands back a promise that cannot reject: it is written in this program, is not `async`
 * (an `async` body rejects when it throws), and every `return` gives a chain ending in a rejection handler
 * (`.catch(h)`, `.then(f, h)`), a fulfilled placeholder (`Promise.resolve()`), or a choice between those
 * (`pending ? pending.then(noop).catch(noop) : Promise.resolve()`, TanStack Query's `cancel()`). A call of it is
 * handled inside the callee.
 */
export function returnsHandledPromise(program: ts.Program, checker: ts.TypeChecker, symbol: ts.Symbol | undefined): boolean {
  const implementations = (symbol?.declarations ?? []).flatMap((declaration) => {
    const fn = isFunctionLike(declaration) ? declaration : functionValueOf(declaration);
    return fn && (fn as ts.FunctionLikeDeclaration).body ? [fn as ts.FunctionLikeDeclaration] : [];
  });
  if (implementations.length === 0) return false;
  return implementations.every((fn) => {
    if (fn.getSourceFile().isDeclarationFile || fn.asteriskToken || ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) return false;
    const returned = returnedExpressions(fn);
    return returned.length > 0 && returned.every((expression) => cannotReject(program, checker, expression));
  });
}

/** What the function's `return` statements give (its expression body, for an arrow); a bare `return` gives nothing. */
function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const returned: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return returned;
}

function cannotReject(program: ts.Program, checker: ts.TypeChecker, expression: ts.Expression): boolean {
  const node = skipParentheses(expression);
  if (ts.isConditionalExpression(node)) return cannotReject(program, checker, node.whenTrue) && cannotReject(program, checker, node.whenFalse);
  if (!ts.isCallExpression(node)) return false;
  return isHandledChain(checker, node) || isResolvedPlaceholder(program, checker, node);
}

const removals = new Set(["splice", "shift", "pop"]);

/**
 * `pendingInLock.splice(0, n)`, `queue.shift()`: an array method that takes elements out. The promises it returns were
 * made and stored elsewhere (Supabase Auth drops the ones it has just awaited): dropping or keeping them starts
 * nothing, and their handling belongs where they were made.
 */
export function takesFromArray(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !removals.has(callee.name.text)) return false;
  const declarations = checker.getSymbolAtLocation(callee.name)?.getDeclarations() ?? [];
  return (
    declarations.length > 0 &&
    declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()) && ts.isInterfaceDeclaration(declaration.parent) && declaration.parent.name.text === "Array")
  );
}
