import { ts } from "../typescript";
import { isNullOrUndefinedLiteral, methodCall, skipParentheses } from "./syntax";
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
