import { ts } from "../typescript";
import { isNestedScope } from "./flow";
import { skipParentheses } from "./syntax";

/**
 * The shape of `xs.forEach(callback);` that the `for-of` fix can turn into `for (const x of xs) { … }` without
 * changing what the body means. Pure syntax; the rule adds what needs the checker (an array receiver, lib's
 * `forEach`, a function that may `await`).
 *
 * Refused: a `return` in the callback (it would leave the enclosing function), `this`/`arguments` in a `function`
 * callback, a generator or named function, no parameter or a third one (the array), default values or a rest
 * parameter, a label in the body (it could clash with an outer one), a `thisArg`, optional calls.
 */
export interface ForEachRewrite {
  statement: ts.ExpressionStatement;
  receiver: ts.Expression;
  value: ts.BindingName;
  index: ts.BindingName | undefined;
  body: ts.ConciseBody;
}

export function forEachRewrite(call: ts.CallExpression): ForEachRewrite | undefined {
  if (call.arguments.length !== 1 || call.questionDotToken) return undefined;
  const statement = call.parent;
  if (!ts.isExpressionStatement(statement)) return undefined;
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken || callee.name.text !== "forEach") return undefined;
  const callback = skipParentheses(call.arguments[0]!);
  if (!(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return undefined;
  if (ts.isFunctionExpression(callback) && (callback.asteriskToken || callback.name || usesOwnThisOrArguments(callback.body))) {
    return undefined;
  }
  const parameters = callback.parameters;
  if (parameters.length === 0 || parameters.length > 2) return undefined;
  if (parameters.some((parameter) => parameter.initializer || parameter.dotDotDotToken)) return undefined;
  if (ts.isBlock(callback.body) && hasReturnOrLabel(callback.body)) return undefined;
  return { statement, receiver: callee.expression, value: parameters[0]!.name, index: parameters[1]?.name, body: callback.body };
}

function hasReturnOrLabel(body: ts.Block): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || isNestedScope(node)) return;
    if (ts.isReturnStatement(node) || ts.isLabeledStatement(node)) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

function usesOwnThisOrArguments(body: ts.Node): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(node) && node.text === "arguments")) {
      found = true;
      return;
    }
    // Arrow functions see the same `this` and `arguments`; other functions and classes have their own.
    if (isNestedScope(node) && !ts.isArrowFunction(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}
