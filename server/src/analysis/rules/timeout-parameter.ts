import { ts } from "../../typescript";
import { callPassesSignal, carriesSignal, definedParts, isAbortSignalType, isGlobalSetTimeoutCall, signalPropertyOf } from "../signals";
import { isThenableType } from "../thenable";
import { functionValueOf, isFunctionLike, isIdentifierReference, isNullOrUndefinedLiteral, methodCall, skipParentheses } from "../syntax";
import { referencesTo } from "../references";
import type { Rule } from "../types";

const messages = {
  timeoutParameter:
    "`{{name}}` takes a timeout (`{{parameter}}`) but no AbortSignal: callers can neither cancel it for another reason nor fit its deadline into theirs. Take `signal: AbortSignal` instead (callers pass `AbortSignal.timeout(ms)`).",
} as const;

/** `timeout`, `timeoutMs`, `deadline`, `connectTimeout`, `readDeadlineMs`: named for what it is, whatever its use. */
const timeoutName = /^(timeout|deadline)|(Timeout|Deadline)(Ms|Millis|Milliseconds|Sec|Secs|Seconds|S)?$/;
/** `ms`, `delay`, `millis`: a timeout only when every use is one (else it is a sleep's duration, an interval…). */
const durationName = /^(ms|millis|milliseconds|delay|delayMs|duration|durationMs|wait|waitMs|limitMs)$/;

type FunctionWithBody = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

function isNumeric(type: ts.Type): boolean {
  const parts = definedParts(type);
  return parts.length > 0 && parts.every((part) => (part.flags & ts.TypeFlags.NumberLike) !== 0);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

function displayName(node: FunctionWithBody): string {
  if (node.name && !ts.isComputedPropertyName(node.name)) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent)) return parent.name.getText();
  return "This function";
}

/** True when `reference` feeds a deadline: `AbortSignal.timeout(ms)`, or a timer whose callback rejects or aborts. */
function isTimeoutUse(program: ts.Program, checker: ts.TypeChecker, reference: ts.Identifier): boolean {
  const call = reference.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(reference)) return false;
  const method = methodCall(call);
  if (method?.name === "timeout" && ts.isIdentifier(skipParentheses(method.object)) && skipParentheses(method.object).getText() === "AbortSignal") {
    return true;
  }
  if (call.arguments[1] !== reference || !isGlobalSetTimeoutCall(program, checker, call)) return false;
  const callback = call.arguments[0] && skipParentheses(call.arguments[0]);
  if (!callback) return false;
  let rejects = ts.isIdentifier(callback) && /reject/i.test(callback.text);
  const visit = (node: ts.Node): void => {
    if (ts.isThrowStatement(node)) rejects = true;
    if (ts.isCallExpression(node)) {
      const callee = skipParentheses(node.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
      if (/reject/i.test(name) || name === "abort") rejects = true;
    }
    ts.forEachChild(node, visit);
  };
  if (isFunctionLike(callback)) visit(callback);
  return rejects;
}

/** Every read of the binding in the function is a timeout use (and there is at least one). */
function usedOnlyAsTimeout(program: ts.Program, checker: ts.TypeChecker, fn: FunctionWithBody, name: ts.Identifier): boolean {
  const reads = fn.body ? referencesTo(checker, name, fn.body) : [];
  return reads.length > 0 && reads.every((read) => isTimeoutUse(program, checker, read));
}

/**
 * Every read of the binding hands the number on as data, for another party to apply: a field of a message or request
 * body (`new RpcRequest({ responseTimeoutMs })`, `content.timeout = timeout`), an element of a parameter list sent over
 * the wire (`params: [tx, timeout]`), or text (`` `${timeout}` ``); reads that only test it (`if (timeout)`,
 * `timeout === undefined`) are neither. The function waits on nothing with it (livekit's `publishRpcRequest`, matrix's
 * `sendTyping`). An object whose type takes a signal is a request's options, whose timeout the call waits on: not data.
 */
function sentOnlyAsData(checker: ts.TypeChecker, fn: FunctionWithBody, name: ts.Identifier): boolean {
  let sent = false;
  for (const read of fn.body ? referencesTo(checker, name, fn.body) : []) {
    const use = dataUse(checker, read);
    if (!use) return false;
    sent ||= use === "sent";
  }
  return sent;
}

/** How one read of a timeout is used: `sent` as data, only `tested` for presence, or neither (undefined). */
function dataUse(checker: ts.TypeChecker, reference: ts.Identifier): "sent" | "tested" | undefined {
  if (ts.isShorthandPropertyAssignment(reference.parent)) return isDataObject(checker, reference.parent.parent) ? "sent" : undefined;
  // Climb to the expression whose value is the timeout's, or one of them: `(t)`, `t ? t : 20_000`, `t ?? d`, `[tx, t]`.
  let value: ts.Expression = reference;
  for (;;) {
    const parent: ts.Node = value.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) || ts.isSatisfiesExpression(parent)) value = parent;
    else if (ts.isConditionalExpression(parent) && parent.condition !== value) value = parent;
    else if (ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) value = parent;
    else if (ts.isArrayLiteralExpression(parent)) value = parent;
    else break;
  }
  const parent = value.parent;
  if (value === reference && isPresenceTest(reference)) return "tested";
  if (ts.isTemplateSpan(parent) && parent.expression === value) return "sent";
  if (ts.isPropertyAssignment(parent) && parent.initializer === value) return isDataObject(checker, parent.parent) ? "sent" : undefined;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === value) {
    // `content.timeout = timeout`: the object's declared type (no signal in it) says what it is.
    const target = parent.left;
    if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return undefined;
    return isDataType(checker, checker.getTypeAtLocation(target.expression), target) ? "sent" : undefined;
  }
  return undefined;
}

/** `if (t)`, `t ? … : …`, `!t`, `t === undefined`, `t != null`: whether there is one. */
function isPresenceTest(reference: ts.Identifier): boolean {
  const parent = reference.parent;
  if (ts.isIfStatement(parent)) return parent.expression === reference;
  if (ts.isConditionalExpression(parent)) return parent.condition === reference;
  if (ts.isPrefixUnaryExpression(parent)) return parent.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(parent)) {
    const other = parent.left === reference ? parent.right : parent.left;
    const equality = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(parent.operatorToken.kind);
    const nullish = isNullOrUndefinedLiteral(other);
    return equality && nullish;
  }
  return false;
}

/** An object literal written for a declared type that takes no signal: a message, a body, not a request's options. */
function isDataObject(checker: ts.TypeChecker, literal: ts.ObjectLiteralExpression): boolean {
  const contextual = checker.getContextualType(literal);
  return contextual !== undefined && isDataType(checker, contextual, literal);
}

/**
 * Plain data: object types without methods (a class instance, `this`, keeps the number to wait on it later) and without
 * a signal among their properties (then it is a request's options).
 */
function isDataType(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  const parts = definedParts(type);
  return (
    parts.length > 0 &&
    parts.every(
      (part) =>
        part.flags & ts.TypeFlags.Object &&
        part.getCallSignatures().length === 0 &&
        part.getConstructSignatures().length === 0 &&
        !part.getProperties().some((property) => property.flags & ts.SymbolFlags.Method) &&
        !carriesSignal(checker, part, at),
    )
  );
}

/**
 * The function is bound to a signal of the scope that made it: it reads one declared outside itself, or calls a function
 * so bound (a function that reads one, or what a call handed a signal returned: `const pause = createPause(signal)`).
 * Whoever owns that signal cancels it; a signal parameter would duplicate that (Redux Toolkit's listener API: `take`,
 * `condition` and `delay` race the listener's signal).
 */
function observesCapturedSignal(checker: ts.TypeChecker, fn: ts.FunctionLikeDeclaration, depth = 0): boolean {
  if (!fn.body) return false;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && isIdentifierReference(node)) {
      const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
      if (declaration && isCapturedFromEnclosingFunction(declaration, fn)) found = isBoundToSignal(checker, node, declaration, depth);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/** Declared outside `fn`, in a function around it: a closure's capture (not a module's or the platform's name). */
function isCapturedFromEnclosingFunction(declaration: ts.Declaration, fn: ts.Node): boolean {
  if (declaration.getSourceFile() !== fn.getSourceFile() || (declaration.pos >= fn.pos && declaration.end <= fn.end)) return false;
  for (let outer = fn.parent; outer; outer = outer.parent) {
    if (isFunctionLike(outer) && declaration.pos >= outer.pos && declaration.end <= outer.end) return true;
  }
  return false;
}

/** A captured name that holds a signal (or options carrying one), or a function bound to one (see above), called. */
function isBoundToSignal(checker: ts.TypeChecker, reference: ts.Identifier, declaration: ts.Declaration, depth: number): boolean {
  if (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration) || ts.isBindingElement(declaration)) {
    const type = checker.getNonNullableType(checker.getTypeAtLocation(reference));
    if (!(type.flags & ts.TypeFlags.Any) && (isAbortSignalType(type) || signalPropertyOf(checker, type, reference) !== undefined)) return true;
  }
  const call = reference.parent;
  if (depth > 0 || !ts.isCallExpression(call) || skipParentheses(call.expression) !== reference) return false;
  const called = ts.isFunctionDeclaration(declaration) ? declaration : functionValueOf(declaration);
  if (called) return observesCapturedSignal(checker, called, depth + 1);
  const value = ts.isVariableDeclaration(declaration) && declaration.initializer ? skipParentheses(declaration.initializer) : undefined;
  return value !== undefined && ts.isCallExpression(value) && callPassesSignal(checker, value);
}

export const timeoutParameter: Rule = {
  id: "timeout-parameter",
  meta: {
    docs: "An async function should take an AbortSignal rather than a timeout number (flake8-async ASYNC109).",
    defaultSeverity: "warning",
    preset: "recommended",
    messages,
    examples: {
      invalid: `export async function get(url: string, timeoutMs: number) {
  return fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
}`,
      valid: `export async function get(url: string, signal: AbortSignal) {
  return fetch(url, { signal }); // callers pass AbortSignal.timeout(ms), or their own signal
}`,
    },
  },
  defaultOptions: {},
  check(context) {
    const { sourceFile, checker, program } = context;
    /** A timeout binding among the parameters (a plain one, or a property destructured from an options parameter). */
    const timeoutBinding = (fn: FunctionWithBody): ts.Identifier | undefined => {
      for (const parameter of fn.parameters) {
        // A parameter typed by its context (a callback) is not the author's signature to change.
        if (!parameter.type && !parameter.initializer) continue;
        const names = ts.isIdentifier(parameter.name)
          ? [parameter.name]
          : ts.isObjectBindingPattern(parameter.name)
            ? parameter.name.elements.flatMap((element) => (ts.isIdentifier(element.name) ? [element.name] : []))
            : [];
        for (const name of names) {
          if (!isNumeric(checker.getTypeAtLocation(name))) continue;
          if (timeoutName.test(name.text) && !sentOnlyAsData(checker, fn, name)) return name;
          if (durationName.test(name.text) && usedOnlyAsTimeout(program, checker, fn, name)) return name;
        }
      }
      return undefined;
    };
    const takesSignal = (fn: FunctionWithBody): boolean =>
      // An `any` parameter may carry one: precision first. So may options nested one level down (viem's
      // `ccipRequest({ data, sender, urls, requestOptions: { signal } })`).
      fn.parameters.some((parameter) => {
        const type = checker.getTypeAtLocation(parameter.name);
        return carriesSignal(checker, type, parameter) || nestedOptionsCarrySignal(type, parameter);
      });
    const nestedOptionsCarrySignal = (type: ts.Type, at: ts.Node): boolean =>
      definedParts(type).some(
        (part) =>
          part.flags & ts.TypeFlags.Object &&
          part.getCallSignatures().length === 0 &&
          part.getProperties().some((property) => signalPropertyOf(checker, checker.getTypeOfSymbolAtLocation(property, at), at) !== undefined),
      );
    const returnsPromise = (fn: FunctionWithBody): boolean => {
      if (hasModifier(fn, ts.SyntaxKind.AsyncKeyword)) return !fn.asteriskToken;
      const signature = checker.getSignatureFromDeclaration(fn);
      return !!signature && isThenableType(checker, checker.getReturnTypeOfSignature(signature), fn);
    };
    const functions = context.nodes<ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration>(
      ts.SyntaxKind.FunctionDeclaration,
      ts.SyntaxKind.FunctionExpression,
      ts.SyntaxKind.ArrowFunction,
      ts.SyntaxKind.MethodDeclaration,
    );
    for (const node of functions) {
      if (
        node.body &&
        !hasModifier(node, ts.SyntaxKind.OverrideKeyword)
      ) {
        context.checkCancelled();
        const binding = timeoutBinding(node);
        if (binding && returnsPromise(node) && !takesSignal(node) && !observesCapturedSignal(checker, node)) {
          context.report({
            range: { start: node.getStart(sourceFile), end: (node.body ?? node).getStart(sourceFile) },
            messageId: "timeoutParameter",
            values: { name: displayName(node), parameter: binding.text },
            data: { fixes: [] },
          });
        }
      }
    }
  },
};
