import { ts } from "../../typescript";
import { isFunctionLike, skipParentheses } from "../../analysis/syntax";
import type { NurseryFixData, SignalArgument } from "../../analysis/types";
import { signalArgumentEdits } from "../pass-signal";
import type { TextEdit } from "../types";
import { containsOwnAwait, ownThisOrArguments } from "./hazards";
import { freshName, identifierTexts } from "./text";

/** Turning an expression or a callback into a child of the nursery: `n.spawn((signal) => work(…, signal))`. */

type Result<T> = T | { reason: string };

export function isReason<T>(value: T | { reason: string }): value is { reason: string } {
  return typeof value === "object" && value !== null && "reason" in value;
}

/** The signal edits for the calls in `root` that take an AbortSignal and get none (not in nested non-arrow functions). */
export function signalEdits(sourceFile: ts.SourceFile, data: NurseryFixData, root: ts.Node, signalName: string): TextEdit[] {
  const bySpan = new Map<string, SignalArgument>(data.signalCalls.map((argument) => [`${argument.call.start}:${argument.call.end}`, argument]));
  const edits: TextEdit[] = [];
  const visit = (node: ts.Node): void => {
    if ((isFunctionLike(node) && !ts.isArrowFunction(node) && node !== root) || ts.isClassLike(node)) return;
    if (ts.isCallExpression(node)) {
      const argument = bySpan.get(`${node.getStart(sourceFile)}:${node.getEnd()}`);
      const added = argument && signalArgumentEdits(sourceFile, node, { ...argument, signal: signalName });
      if (added) edits.push(...added);
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return edits;
}

function needsParentheses(expression: ts.Expression): boolean {
  const inner = skipParentheses(expression);
  if (inner !== expression) return false;
  return (
    ts.isObjectLiteralExpression(expression) ||
    (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.CommaToken)
  );
}

/**
 * Insertions that wrap `expression` into `n.spawn((signal) => expression)` + `suffix`, handing the task's signal to the
 * calls that accept one (no parameter when none does: the child then shares the scope's signal, which is cheaper).
 */
export function spawnEdits(
  sourceFile: ts.SourceFile,
  data: NurseryFixData,
  expression: ts.Expression,
  scopeName: string,
  suffix = "",
): Result<TextEdit[]> {
  if (containsOwnAwait(expression)) {
    return { reason: "The expression awaits before it starts its work, so it cannot become a task as it is." };
  }
  const signalName = freshName("signal", identifierTexts(expression), "taskSignal");
  const signals = signalEdits(sourceFile, data, expression, signalName);
  const parentheses = needsParentheses(expression);
  return [
    { start: expression.getStart(sourceFile), end: expression.getStart(sourceFile), newText: `${scopeName}.spawn((${signals.length > 0 ? signalName : ""}) => ${parentheses ? "(" : ""}` },
    ...signals,
    { start: expression.getEnd(), end: expression.getEnd(), newText: `${parentheses ? ")" : ""})${suffix}` },
  ];
}

type Callback = ts.ArrowFunction | ts.FunctionExpression;

/** A function literal passed as a callback, checked for what an arrow passed to `spawn` would change. */
export function callbackOf(argument: ts.Expression | undefined): Result<Callback> {
  const callback = argument && skipParentheses(argument);
  if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
    return { reason: "The callback is not a function literal: its parameters cannot become loop variables." };
  }
  if (ts.isFunctionExpression(callback)) {
    if (callback.asteriskToken) return { reason: "The callback is a generator." };
    if (callback.name) return { reason: "The callback is a named function expression, which may call itself." };
    if (ownThisOrArguments(callback)) return { reason: "The callback is a `function` that uses its own `this` or `arguments`, which an arrow function would change." };
  }
  if (callback.typeParameters) return { reason: "The callback is generic." };
  return callback;
}

/**
 * The pieces that make `async (x) => body` a spawned child: the arrow head to write before the body (`async (signal) =>`,
 * keeping `async` and a return type) and the signal edits inside the body.
 */
export function spawnedCallback(sourceFile: ts.SourceFile, data: NurseryFixData, callback: Callback): { head: string; bodyEdits: TextEdit[] } {
  const signalName = freshName("signal", identifierTexts(callback.body), "taskSignal");
  const bodyEdits = signalEdits(sourceFile, data, callback.body, signalName);
  const isAsyncCallback = (ts.getModifiers(callback) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword);
  const returnType = callback.type ? `: ${callback.type.getText(sourceFile)}` : "";
  return { head: `${isAsyncCallback ? "async " : ""}(${bodyEdits.length > 0 ? signalName : ""})${returnType} => `, bodyEdits };
}

/**
 * `xs.forEach(async (x) => body);` (or a dropped `xs.map(…)`) → `for (const x of xs) n.spawn(async (signal) => body);`:
 * a child per element, started in the same order. `(x, i)` becomes `for (const [i, x] of xs.entries())`.
 */
export function loopSpawnEdits(sourceFile: ts.SourceFile, data: NurseryFixData, call: ts.CallExpression, scopeName: string): Result<TextEdit[]> {
  const callee = skipParentheses(call.expression);
  const callback = callbackOf(call.arguments[0]);
  if (isReason(callback)) return callback;
  if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken || call.questionDotToken || call.arguments.length !== 1) {
    return { reason: "Only `xs.forEach(callback)` / `xs.map(callback)` with one argument become a loop." };
  }
  const parameters = callback.parameters;
  if (parameters.length === 0 || parameters.length > 2 || parameters.some((parameter) => parameter.initializer || parameter.dotDotDotToken)) {
    return { reason: "The callback's parameters (none, the array itself, defaults or a rest parameter) have no `for…of` equivalent." };
  }
  const textOf = (node: ts.Node) => sourceFile.text.slice(node.getStart(sourceFile), node.getEnd());
  const receiver = textOf(callee.expression);
  const value = textOf(parameters[0]!.name);
  const head = parameters[1] ? `for (const [${textOf(parameters[1].name)}, ${value}] of ${receiver}.entries()) ` : `for (const ${value} of ${receiver}) `;
  const { head: arrowHead, bodyEdits } = spawnedCallback(sourceFile, data, callback);
  const body = callback.body;
  const parenthesized = !ts.isBlock(body) && ts.isObjectLiteralExpression(skipParentheses(body)) && skipParentheses(body) === body;
  return [
    { start: call.getStart(sourceFile), end: body.getStart(sourceFile), newText: `${head}${scopeName}.spawn(${arrowHead}${parenthesized ? "(" : ""}` },
    ...bodyEdits,
    { start: body.getEnd(), end: call.getEnd(), newText: `${parenthesized ? ")" : ""})` },
  ];
}

/**
 * `async (x) => body` as a `map` callback → `(x) => async (signal) => body`: the array of promises becomes an array of
 * functions of the signal for the runtime's `all()`, which starts them in the same order and keeps the results' order.
 */
export function mapCallbackToFunctionEdits(sourceFile: ts.SourceFile, data: NurseryFixData, argument: ts.Expression): Result<TextEdit[]> {
  const callback = callbackOf(argument);
  if (isReason(callback)) return callback;
  const parameters = callback.parameters;
  const parameterText =
    parameters.length === 0 ? "" : sourceFile.text.slice(parameters[0]!.getStart(sourceFile), parameters[parameters.length - 1]!.getEnd());
  const { head, bodyEdits } = spawnedCallback(sourceFile, data, callback);
  return [{ start: callback.getStart(sourceFile), end: callback.body.getStart(sourceFile), newText: `(${parameterText}) => ${head}` }, ...bodyEdits];
}
