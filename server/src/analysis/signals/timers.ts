import { ts } from "../../typescript";
import { calleeName, functionValueOf, isUndefinedLiteral, skipParentheses, soleExpression } from "../syntax";
import { declarationsOf, isPlatformDeclaration } from "../specifiers";
import { callPassesSignal, signalSlotOf } from "./callee";

/**
 * Timer promises that no signal can stop: `new Promise(r => setTimeout(r, ms))`, Node's `timers/promises`
 * `setTimeout(ms)` without a signal, and a one-line helper returning either (`const delay = (ms) => new Promise(…)`).
 */
export interface TimerPromise {
  kind: "executor" | "node-timer" | "helper";
  /** The delay as source text valid at the timer promise's location (`ms`, `1_000`, `0`); undefined when it cannot be written there. */
  delay: string | undefined;
  /** Settles by rejecting (a timeout), not by resolving (a sleep). */
  rejects: boolean;
  /** Resolves with a value (`setTimeout(() => resolve(42), ms)`): a plain sleep would change the result. */
  resolvesWithValue: boolean;
}

function isInsideAmbientModule(declaration: ts.Node, names: readonly string[]): boolean {
  for (let node: ts.Node | undefined = declaration; node; node = node.parent) {
    if (!ts.isModuleDeclaration(node)) continue;
    // `declare module "timers" { global { function setTimeout… } }` is @types/node's global setTimeout.
    if (node.flags & ts.NodeFlags.GlobalAugmentation) return false;
    if (ts.isStringLiteral(node.name)) return names.includes(node.name.text);
  }
  return false;
}

/** The global `setTimeout` (DOM's or Node's), called as `setTimeout(…)`, `globalThis.setTimeout(…)` or `window.setTimeout(…)`. */
export function isGlobalSetTimeoutCall(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const name = calleeName(call);
  if (!name || !ts.isIdentifier(name) || name.text !== "setTimeout") return false;
  const declarations = declarationsOf(checker, name);
  return (
    declarations.length > 0 &&
    declarations.every((declaration) => isPlatformDeclaration(program, declaration) && !isInsideAmbientModule(declaration, ["timers", "node:timers", "timers/promises", "node:timers/promises"]))
  );
}

const timersPromisesModules = ["timers/promises", "node:timers/promises"];

/** `setTimeout(delay, value?, options?)` imported from `timers/promises` (under any local name). */
export function isNodeTimerPromiseCall(checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const name = calleeName(call);
  if (!name) return false;
  return declarationsOf(checker, name).some(
    (declaration) =>
      ts.isFunctionDeclaration(declaration) &&
      declaration.name?.text === "setTimeout" &&
      isInsideAmbientModule(declaration, timersPromisesModules),
  );
}

function isGlobalPromiseConstructor(program: ts.Program, checker: ts.TypeChecker, expression: ts.NewExpression): boolean {
  const callee = skipParentheses(expression.expression);
  if (!ts.isIdentifier(callee) || callee.text !== "Promise") return false;
  const declarations = declarationsOf(checker, callee);
  return declarations.length > 0 && declarations.every((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

function isCallTo(expression: ts.Expression, name: string): expression is ts.CallExpression {
  return ts.isCallExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === name;
}

/** `new Promise((resolve, reject) => setTimeout(…, ms))` whose timer handle is thrown away, so nothing can clear it. */
function executorTimer(program: ts.Program, checker: ts.TypeChecker, expression: ts.NewExpression): TimerPromise | undefined {
  if (!isGlobalPromiseConstructor(program, checker, expression)) return undefined;
  const executor = expression.arguments?.[0] && skipParentheses(expression.arguments[0]);
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
  const [resolveParameter, rejectParameter] = executor.parameters;
  const resolveName = resolveParameter && ts.isIdentifier(resolveParameter.name) ? resolveParameter.name.text : undefined;
  const rejectName = rejectParameter && ts.isIdentifier(rejectParameter.name) ? rejectParameter.name.text : undefined;
  const timer = soleExpression(executor.body, false);
  if (!timer || !ts.isCallExpression(timer) || !isGlobalSetTimeoutCall(program, checker, timer)) return undefined;
  const [callback, delay, ...extra] = timer.arguments;
  if (!callback) return undefined;
  const handler = skipParentheses(callback);
  let rejects = false;
  let resolvesWithValue = false;
  if (ts.isIdentifier(handler) && (handler.text === resolveName || handler.text === rejectName)) {
    rejects = handler.text === rejectName;
    resolvesWithValue = !rejects && extra.length > 0;
  } else if (ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) {
    const settle = soleExpression(handler.body, false);
    if (!settle) return undefined;
    if (resolveName && isCallTo(settle, resolveName)) resolvesWithValue = settle.arguments.length > 0;
    else if (rejectName && isCallTo(settle, rejectName)) rejects = true;
    else return undefined;
  } else {
    return undefined;
  }
  return { kind: "executor", delay: delay ? delay.getText() : "0", rejects, resolvesWithValue };
}

function nodeTimer(checker: ts.TypeChecker, call: ts.CallExpression): TimerPromise | undefined {
  if (!isNodeTimerPromiseCall(checker, call) || callPassesSignal(checker, call)) return undefined;
  const [delay, value] = call.arguments;
  const resolvesWithValue = value !== undefined && !isUndefinedLiteral(value);
  return { kind: "node-timer", delay: delay ? delay.getText() : "1", rejects: false, resolvesWithValue };
}

/** The function a call runs, when it is a plain function written in this program (not a library's). */
function userFunctionOf(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): ts.SignatureDeclaration | undefined {
  const name = calleeName(call);
  if (!name) return undefined;
  const declarations = declarationsOf(checker, name);
  if (declarations.length !== 1) return undefined;
  const declaration = declarations[0]!;
  if (declaration.getSourceFile().isDeclarationFile || program.isSourceFileFromExternalLibrary(declaration.getSourceFile())) return undefined;
  if (ts.isFunctionDeclaration(declaration) && declaration.body) return declaration;
  return ts.isVariableDeclaration(declaration) ? functionValueOf(declaration) : undefined;
}

/** Writes a helper's delay at the call site: a parameter maps to the call's argument, a literal is copied. */
function delayAtCallSite(helper: ts.SignatureDeclaration, call: ts.CallExpression, inner: ts.Expression | undefined): string | undefined {
  if (!inner) return undefined;
  const delay = skipParentheses(inner);
  if (ts.isNumericLiteral(delay)) return delay.text;
  if (!ts.isIdentifier(delay)) return undefined;
  const index = helper.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === delay.text);
  if (index < 0) return undefined;
  const arg = call.arguments[index];
  if (arg && !ts.isSpreadElement(arg)) return arg.getText();
  const initializer = helper.parameters[index]!.initializer;
  return initializer && ts.isNumericLiteral(initializer) ? initializer.text : undefined;
}

function helperTimer(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): TimerPromise | undefined {
  const helper = userFunctionOf(program, checker, call);
  if (!helper || !("body" in helper)) return undefined;
  const returned = soleExpression((helper as ts.FunctionLikeDeclaration).body, true);
  if (!returned) return undefined;
  let inner: TimerPromise | undefined;
  let innerDelay: ts.Expression | undefined;
  if (ts.isNewExpression(returned)) {
    inner = executorTimer(program, checker, returned);
    const timer = inner && soleExpression((skipParentheses(returned.arguments![0]!) as ts.ArrowFunction).body, false);
    innerDelay = timer && ts.isCallExpression(timer) ? timer.arguments[1] : undefined;
  } else if (ts.isCallExpression(returned)) {
    inner = nodeTimer(checker, returned);
    innerDelay = returned.arguments[0];
  }
  // A helper that takes a signal is cancellable: not passing one is signal-not-forwarded's business.
  if (!inner || signalSlotOf(checker, call)) return undefined;
  return { ...inner, kind: "helper", delay: delayAtCallSite(helper, call, innerDelay) };
}

/** What kind of uncancellable timer `expression` is, if it is one. */
export function timerPromiseOf(program: ts.Program, checker: ts.TypeChecker, expression: ts.Expression): TimerPromise | undefined {
  const node = skipParentheses(expression);
  if (ts.isNewExpression(node)) return executorTimer(program, checker, node);
  if (ts.isCallExpression(node)) return nodeTimer(checker, node) ?? helperTimer(program, checker, node);
  return undefined;
}
