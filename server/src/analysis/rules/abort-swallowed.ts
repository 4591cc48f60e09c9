import { ts } from "../../typescript";
import { forEachInSameFunction, isAbortSignalType, isPossiblyNullish, testsForCancellation } from "../signals";
import { isFunctionLike, isIdentifierReference, skipParentheses } from "../syntax";
import type { FindingData, Rule } from "../types";

const messages = {
  swallowed:
    "This `catch` swallows the cancellation of `{{signal}}`: after an abort the code carries on as if nothing happened (often retrying forever). Rethrow when `{{signal}}.aborted` is true.",
} as const;

/** A signal handed to a call in an awaited expression, written so the catch clause can read it again. */
interface ReceivedSignal {
  expression: ts.Expression;
  text: string;
  /** How the catch clause reads it, when not as written (`options?.signal?` for `options.signal` narrowed elsewhere). */
  catchText?: string;
}

/** `signal`, `options.signal`, `this.signal`: an expression the catch clause can evaluate again without side effects. */
function isReusable(expression: ts.Expression): boolean {
  const node = skipParentheses(expression);
  if (ts.isIdentifier(node) || node.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(node) && !node.questionDotToken && isReusable(node.expression);
}

function rootIdentifier(expression: ts.Expression): ts.Identifier | undefined {
  let node = skipParentheses(expression);
  while (ts.isPropertyAccessExpression(node)) node = skipParentheses(node.expression);
  return ts.isIdentifier(node) ? node : undefined;
}

/**
 * The caller's signal behind `expression`: itself when it comes from the caller (a parameter, or a destructured
 * parameter), or the caller's signal a `const` combines with others (`shutdown` in `AbortSignal.any([shutdown,
 * AbortSignal.timeout(20_000)])`, `options?.signal` in `anySignal([…, options?.signal])`), through which the caller's
 * cancellation arrives. The function's own controllers and timeouts alone it may abort on purpose and catch on
 * purpose; so the test a fix adds is of the caller's signal, not of the combination, which its own timeout aborts too.
 */
function callersSignalIn(checker: ts.TypeChecker, expression: ts.Expression, depth = 0): ts.Expression | undefined {
  const root = rootIdentifier(expression);
  // `{ signal }`: the shorthand's own symbol is the property; the variable is behind it.
  const symbol =
    root && ts.isShorthandPropertyAssignment(root.parent) && root.parent.name === root
      ? checker.getShorthandAssignmentValueSymbol(root.parent)
      : root && checker.getSymbolAtLocation(root);
  const declaration = symbol?.valueDeclaration;
  if (!declaration) return undefined;
  for (let node: ts.Node | undefined = declaration; node && !isFunctionLike(node); node = node.parent) {
    if (ts.isParameter(node)) return expression;
  }
  return depth < 2 ? combinedCallersSignal(checker, declaration, depth) : undefined;
}

/** The caller's signal a received one carries, and how the catch clause can read it. */
function callersSignalOf(checker: ts.TypeChecker, received: ReceivedSignal): ReceivedSignal | undefined {
  const callers = callersSignalIn(checker, received.expression);
  if (!callers) return undefined;
  if (callers === received.expression) return received;
  const catchText = chainTextAt(checker, callers, received.expression);
  return catchText === undefined ? undefined : { expression: callers, text: callers.getText().replace(/\s+/g, ""), catchText };
}

/**
 * `options.signal` read where nothing narrows it (`at`): `options?.signal?` when `options` may be undefined and `signal`
 * optional, as the fix's `….aborted` test must be written. The element of `AbortSignal.any(options?.signal ? [t,
 * options.signal] : [t])` is narrowed there; the catch clause is not.
 */
function chainTextAt(checker: ts.TypeChecker, expression: ts.Expression, at: ts.Node): string | undefined {
  const names: string[] = [];
  let node = skipParentheses(expression);
  while (ts.isPropertyAccessExpression(node)) {
    names.unshift(node.name.text);
    node = skipParentheses(node.expression);
  }
  if (!ts.isIdentifier(node)) return undefined;
  const symbol = checker.getSymbolAtLocation(node);
  if (!symbol) return undefined;
  let type = checker.getTypeOfSymbolAtLocation(symbol, at);
  let text = node.text;
  for (const name of names) {
    const property = checker.getNonNullableType(type).getProperty(name);
    if (!property) return undefined;
    text += (isPossiblyNullish(type) ? "?." : ".") + name;
    type = checker.getTypeOfSymbolAtLocation(property, at);
  }
  return isPossiblyNullish(type) ? `${text}?` : text;
}

/** `const signal = AbortSignal.any([shutdown, timeout])`: a `const` made by a call handed a caller's signal in a list. */
function combinedCallersSignal(checker: ts.TypeChecker, declaration: ts.Declaration, depth: number): ts.Expression | undefined {
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const made = skipParentheses(declaration.initializer);
  if (!ts.isCallExpression(made) || !isAbortSignalType(checker.getTypeAtLocation(made))) return undefined;
  // `AbortSignal.any(options?.signal ? [timeout, options.signal] : [timeout])`: either list.
  const lists = (node: ts.Expression): ts.ArrayLiteralExpression[] => {
    const inner = skipParentheses(node);
    if (ts.isConditionalExpression(inner)) return [...lists(inner.whenTrue), ...lists(inner.whenFalse)];
    return ts.isArrayLiteralExpression(inner) ? [inner] : [];
  };
  for (const element of made.arguments.flatMap(lists).flatMap((list) => [...list.elements])) {
    const callers = callersSignalIn(checker, skipParentheses(element), depth + 1);
    if (callers) return callers;
  }
  return undefined;
}

/** The signals the calls inside `awaited` receive, as arguments or as options properties. */
function receivedSignals(checker: ts.TypeChecker, awaited: ts.Expression): ReceivedSignal[] {
  const found: ReceivedSignal[] = [];
  const consider = (expression: ts.Expression) => {
    if (isAbortSignalType(checker.getTypeAtLocation(expression)) && isReusable(expression)) {
      found.push({ expression, text: skipParentheses(expression).getText() });
    }
  };
  const visit = (node: ts.Node): void => {
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return;
    for (const arg of node.arguments ?? []) {
      const inner = skipParentheses(arg);
      if (ts.isObjectLiteralExpression(inner)) {
        for (const property of inner.properties) {
          if (ts.isPropertyAssignment(property)) consider(property.initializer);
          else if (ts.isShorthandPropertyAssignment(property)) consider(property.name);
        }
      } else {
        consider(inner);
      }
    }
  };
  // Callbacks inside the awaited expression count (`Promise.all(urls.map((u) => get(u, signal)))`): it waits for them.
  const walk = (node: ts.Node): void => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  walk(awaited);
  return found;
}

/** Awaited expressions of the try block, except those a nested try handles itself. */
function awaitedInTry(block: ts.Block): ts.Expression[] {
  const awaited: ts.Expression[] = [];
  const walk = (node: ts.Node): void => {
    if (isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isTryStatement(node) && node.catchClause) {
      // The nested catch answers for its own try block; its catch and finally run in ours.
      walk(node.catchClause.block);
      if (node.finallyBlock) walk(node.finallyBlock);
      return;
    }
    if (ts.isAwaitExpression(node)) awaited.push(node.expression);
    if (ts.isForOfStatement(node) && node.awaitModifier) awaited.push(node.expression);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(block, walk);
  return awaited;
}

/** The catch leaves the normal path: a `throw`, or a call that never returns (`fail(err): never`). */
function catchRethrows(checker: ts.TypeChecker, block: ts.Block): boolean {
  let rethrows = false;
  forEachInSameFunction(block, (node) => {
    if (ts.isThrowStatement(node)) rethrows = true;
    else if (ts.isCallExpression(node) && checker.getTypeAtLocation(node).flags & ts.TypeFlags.Never) rethrows = true;
  });
  return rethrows;
}

/**
 * Every way out of the catch returns a value built from the caught error (`return { data: null, error }`,
 * `return err(new ApiError("…", { cause: error }))`): in the error-as-value style the caller gets the cancellation as a
 * failure, nothing goes on. A fallback that leaves the error out (`return null`) still eats it, and so does a catch
 * that can `break` or `continue`.
 */
function catchReturnsError(clause: ts.CatchClause): boolean {
  const binding = clause.variableDeclaration?.name;
  const last = clause.block.statements[clause.block.statements.length - 1];
  if (!binding || !ts.isIdentifier(binding) || !last || !ts.isReturnStatement(last)) return false;
  let returnsError = true;
  forEachInSameFunction(clause.block, (node) => {
    if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) returnsError = false;
    else if (ts.isReturnStatement(node) && !(node.expression && mentions(node.expression, binding.text))) returnsError = false;
  });
  return returnsError;
}

/**
 * Inside a promise's executor, the catch hands the caught error to the executor's `reject` and leaves
 * (`catch (err) { reject(err); return; }`, `catch (err) { return reject(err); }`): the promise's owner gets the
 * cancellation as a rejection, as a rethrow would give it.
 */
function catchRejectsError(checker: ts.TypeChecker, clause: ts.CatchClause): boolean {
  const binding = clause.variableDeclaration?.name;
  const last = clause.block.statements[clause.block.statements.length - 1];
  if (!binding || !ts.isIdentifier(binding) || !last || !ts.isReturnStatement(last)) return false;
  let rejects = false;
  let leavesOtherwise = false;
  forEachInSameFunction(clause.block, (node) => {
    if (ts.isBreakStatement(node) || ts.isContinueStatement(node)) leavesOtherwise = true;
    else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && isExecutorReject(checker, node.expression) && node.arguments.some((argument) => mentions(argument, binding.text))) rejects = true;
  });
  return rejects && !leavesOtherwise;
}

/** `reject` in `new Promise((resolve, reject) => …)`: the executor's second parameter. */
function isExecutorReject(checker: ts.TypeChecker, name: ts.Identifier): boolean {
  const declaration = checker.getSymbolAtLocation(name)?.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration)) return false;
  const executor = declaration.parent;
  if (!(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor)) || executor.parameters.indexOf(declaration) !== 1) return false;
  let argument: ts.Node = executor;
  while (ts.isParenthesizedExpression(argument.parent)) argument = argument.parent;
  const construct = argument.parent;
  if (!ts.isNewExpression(construct) || construct.arguments?.[0] !== argument) return false;
  const callee = skipParentheses(construct.expression);
  return ts.isIdentifier(callee) && callee.text === "Promise";
}

function mentions(node: ts.Node, name: string): boolean {
  return (ts.isIdentifier(node) && node.text === name && isIdentifierReference(node)) || (ts.forEachChild(node, (child) => mentions(child, name) || undefined) ?? false);
}

/** A loop around the try that stops on cancellation (`while (!signal.aborted)`), or a check right after it. */
function cancellationCheckedAround(checker: ts.TypeChecker, statement: ts.TryStatement): boolean {
  const container = statement.parent;
  if (ts.isBlock(container)) {
    const after = container.statements.slice(container.statements.indexOf(statement) + 1);
    if (after.some((next) => testsForCancellation(checker, next))) return true;
  }
  for (let node: ts.Node = statement; !isFunctionLike(node) && !ts.isSourceFile(node); node = node.parent) {
    const loop = node.parent;
    if ((ts.isWhileStatement(loop) || ts.isDoStatement(loop)) && testsForCancellation(checker, loop.expression)) return true;
    if (ts.isForStatement(loop) && loop.condition && testsForCancellation(checker, loop.condition)) return true;
  }
  return false;
}

export const abortSwallowed: Rule = {
  id: "abort-swallowed",
  meta: {
    docs: "A catch around a cancellable operation must let the cancellation through.",
    defaultSeverity: "warning",
    preset: "recommended",
    messages,
    examples: {
      invalid: `export async function load(url: string, signal: AbortSignal) {
  for (;;) {
    try {
      return await fetch(url, { signal });
    } catch (error) {
      console.warn("retrying", error); // after an abort, retries forever
    }
  }
}`,
      valid: `export async function load(url: string, signal: AbortSignal) {
  for (;;) {
    try {
      return await fetch(url, { signal });
    } catch (error) {
      if (signal.aborted) throw error;
      console.warn("retrying", error);
    }
  }
}`,
    },
  },
  defaultOptions: {},
  check(context) {
    const { sourceFile, checker } = context;
    const check = (statement: ts.TryStatement, clause: ts.CatchClause): void => {
      context.checkCancelled();
      // The first received signal that carries the caller's; the rest need no asking.
      let signal: ReceivedSignal | undefined;
      for (const received of awaitedInTry(statement.tryBlock).flatMap((awaited) => receivedSignals(checker, awaited))) {
        signal = callersSignalOf(checker, received);
        if (signal) break;
      }
      if (!signal) return;
      if (catchRethrows(checker, clause.block) || testsForCancellation(checker, clause.block) || catchReturnsError(clause) || catchRejectsError(checker, clause)) return;
      if (cancellationCheckedAround(checker, statement)) return;
      const data: FindingData = { fixes: [] };
      const binding = clause.variableDeclaration?.name;
      const rethrowSignal = signal.catchText ?? (isPossiblyNullish(checker.getTypeAtLocation(signal.expression)) ? `${signal.text}?` : signal.text);
      // `catch (signal)`: the caught error hides the signal's name, so the test would read the error instead.
      const shadowed = binding !== undefined && ts.isIdentifier(binding) && /^[\w$]+/.exec(rethrowSignal)?.[0] === binding.text;
      if ((!binding || ts.isIdentifier(binding)) && !shadowed) {
        data.fixes.push("rethrow-abort");
        data.rethrowSignal = rethrowSignal;
      }
      context.report({
        range: { start: clause.getStart(sourceFile), end: clause.getStart(sourceFile) + "catch".length },
        messageId: "swallowed",
        values: { signal: signal.text },
        data,
      });
    };
    for (const statement of context.nodes<ts.TryStatement>(ts.SyntaxKind.TryStatement)) {
      if (statement.catchClause) check(statement, statement.catchClause);
    }
  },
};
