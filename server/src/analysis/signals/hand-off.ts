import { ts } from "../../typescript";
import { callResultType } from "../call-result";
import { calleeDeclarations, isInterfaceMethodDeclaration, isPlatformDeclaration } from "../specifiers";
import { calleeName, functionValueOf, isFunctionLike, isUndefinedLiteral, methodCall, propertyNameText, referenceKey, skipParentheses } from "../syntax";
import { referencesTo } from "../references";
import { isThenableType } from "../thenable";
import { callPassesSignal, calleeMayTakeSignal, type SignalSlot } from "./callee";
import { enclosingFunction, handlerRegistration, isInBranchWithoutSignal, isSameReference } from "./context";
import { carriesSignal, definedParts, isAbortSignalType, signalPropertyOf } from "./types";

type CallLike = ts.CallExpression | ts.NewExpression;

/**
 * A synchronous call, made without the signal in scope, that builds options (its value is an options bag with a signal
 * slot, or holds one) which need no signal of their own:
 * - the value goes straight to a call that receives the signal through another argument
 *   (`startSpan(name, options, spanSettings(client, { body }))`), directly or through a `const` used only that way:
 *   whoever receives both holds the signal for them;
 * - the caller keeps only parts that hold no signal (`parseOptions(body).getFormat`,
 *   `const { getFormat } = parseOptions(body)`): the repackaged options are dropped.
 * A promise never qualifies (its operation runs on when whoever received it is aborted), nor a resource such as a
 * stream or a reader: it stays open whatever receives it or is kept of it.
 */
export function resultNeedsNoSignal(checker: ts.TypeChecker, call: CallLike): boolean {
  const type = callResultType(checker, call);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) || isThenableType(checker, type, call) || !isOptionsBuilt(checker, type, call)) return false;
  const value = outermostParentheses(call);
  const parent = value.parent;
  if (isArgumentOf(parent, value)) return handsSignalBeside(checker, parent, value);
  if (ts.isVariableDeclaration(parent) && parent.initializer === value) {
    if (ts.isIdentifier(parent.name)) return isConstHandedOnBesideSignal(checker, parent, parent.name);
    return ts.isObjectBindingPattern(parent.name) && parent.name.elements.every((element) => !element.dotDotDotToken && ts.isIdentifier(element.name) && !holdsSignal(checker, checker.getTypeAtLocation(element.name), call));
  }
  if (ts.isPropertyAccessExpression(parent) && parent.expression === value) {
    const calledAsMethod = ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
    return !calledAsMethod && !holdsSignal(checker, checker.getTypeAtLocation(parent), call);
  }
  return false;
}

/**
 * `readable.pipeThrough(transform)` of the standard streams, whose value is kept: the stream it returns is the pipe's
 * handle. Nothing pulls data through the pipe faster than that stream is read, and cancelling it cancels the pipe and
 * its source, so the pipe runs no longer than whoever holds the stream wants. The `signal` option only matters when
 * nobody keeps the stream (the call is a statement of its own, or `void`ed).
 */
export function isKeptStreamPipe(checker: ts.TypeChecker, call: CallLike): boolean {
  if (!ts.isCallExpression(call)) return false;
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "pipeThrough") return false;
  const declarations = calleeDeclarations(checker, call);
  if (declarations.length === 0 || !declarations.every((declaration) => isInterfaceMethodDeclaration(declaration, "ReadableStream"))) return false;
  const parent = outermostParentheses(call).parent;
  return !ts.isExpressionStatement(parent) && !ts.isVoidExpression(parent);
}

/**
 * `pipeline(createReadStream(from), createWriteStream(to), { signal })`: Node's `pipeline` destroys every stream it was
 * given when its signal aborts, so the streams need none of their own.
 */
export function isStreamOfSignalledPipeline(checker: ts.TypeChecker, program: ts.Program, call: CallLike): boolean {
  const value = outermostParentheses(call);
  const outer = value.parent;
  if (!isArgumentOf(outer, value) || !ts.isCallExpression(outer) || calleeName(outer)?.text !== "pipeline") return false;
  const declarations = calleeDeclarations(checker, outer);
  return declarations.length > 0 && declarations.every((declaration) => isPlatformDeclaration(program, declaration)) && callPassesSignal(checker, outer, value);
}

/**
 * `send(body, { signal: null })`, `listen(port, undefined)`: the call names the signal's place and puts nothing
 * there. Nobody writes that by accident; it says this call is not to be cancelled, as `void` says a promise is left
 * on purpose.
 */
export function declinesSignal(checker: ts.TypeChecker, call: CallLike, slot: SignalSlot): boolean {
  const arg = call.arguments?.[slot.index];
  if (!arg || ts.isSpreadElement(arg)) return false;
  const inner = skipParentheses(arg);
  if (slot.kind === "argument") return isNothing(inner);
  if (ts.isIdentifier(inner)) return isRestWithout(checker, inner, slot.property!);
  if (!ts.isObjectLiteralExpression(inner)) return false;
  return inner.properties.some((property) => ts.isPropertyAssignment(property) && propertyNameText(property.name) === slot.property && isNothing(skipParentheses(property.initializer)));
}

/**
 * `const { abortSignal: _abortSignal, ...optionsWithoutSignal } = options`: the rest of a destructuring that took the
 * signal out by name leaves it out on purpose (the AI SDK gateway's request body is built from it).
 */
function isRestWithout(checker: ts.TypeChecker, reference: ts.Identifier, property: string): boolean {
  const declaration = checker.getSymbolAtLocation(reference)?.valueDeclaration;
  if (!declaration || !ts.isBindingElement(declaration) || !declaration.dotDotDotToken || !ts.isObjectBindingPattern(declaration.parent)) return false;
  return declaration.parent.elements.some((element) => {
    const name = element.propertyName ?? element.name;
    return !element.dotDotDotToken && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === property;
  });
}

function isNothing(expression: ts.Expression): boolean {
  return isUndefinedLiteral(expression) || expression.kind === ts.SyntaxKind.NullKeyword || (ts.isVoidExpression(expression) && ts.isLiteralExpression(expression.expression));
}

/**
 * `client.addEventListener("close", () => controller.abort(), { once: true })`: the callback this call registers is
 * what aborts `controller`, so `controller.signal` is no signal for it (it would only ever fire after itself).
 */
export function registersAbortOf(call: CallLike, signalText: string): boolean {
  const controller = signalText.endsWith(".signal") ? signalText.slice(0, -".signal".length) : undefined;
  if (!controller) return false;
  const aborts = (node: ts.Node): boolean => {
    if (ts.isCallExpression(node)) {
      const callee = skipParentheses(node.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "abort" && isSameReference(callee.expression, controller)) return true;
    }
    return ts.forEachChild(node, aborts) ?? false;
  };
  return (call.arguments ?? []).some((arg) => (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) && aborts(arg.body));
}

function outermostParentheses(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return node;
}

function isArgumentOf(parent: ts.Node, value: ts.Expression): parent is CallLike {
  return (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== value && (parent.arguments?.includes(value) ?? false);
}

/**
 * `outer` is declared to take a signal and another of its arguments hands one over (the value itself does not count).
 * Whether its body then reads the signal is the callee's business: the caller has handed it over.
 */
function handsSignalBeside(checker: ts.TypeChecker, outer: CallLike, value: ts.Expression): boolean {
  return callPassesSignal(checker, outer, value) && calleeMayTakeSignal(checker, outer);
}

/** `const settings = spanSettings(…)`, and every use of `settings` is an argument of a call that receives the signal. */
function isConstHandedOnBesideSignal(checker: ts.TypeChecker, declaration: ts.VariableDeclaration, name: ts.Identifier): boolean {
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return false;
  const uses = referencesTo(checker, name, list.parent.parent);
  return (
    uses.length > 0 &&
    uses.every((use) => {
      const value = outermostParentheses(use);
      return isArgumentOf(value.parent, value) && handsSignalBeside(checker, value.parent, value);
    })
  );
}

/** A kept part that hands a signal on: a signal, something carrying one, or options nested in it. */
function holdsSignal(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  return carriesSignal(checker, type, at) || isOptionsBuilt(checker, type, at);
}

/**
 * The value is an options bag (an object without methods) with a signal slot, or holds one in a property: the callee
 * repackages options. A resource (a reader, a job with `cancel()`) is no options bag, whatever part of it is kept.
 */
function isOptionsBuilt(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): boolean {
  const isOptionsBag = (candidate: ts.Type) => !isAbortSignalType(candidate) && signalPropertyOf(checker, candidate, at, true) !== undefined;
  if (isOptionsBag(type)) return true;
  return definedParts(type).some((part) => part.getProperties().some((property) => isOptionsBag(checker.getTypeOfSymbolAtLocation(property, at))));
}

/** Each `target.removeEventListener(event, handler)` of the file, under the text of its target, event and handler. */
export function listenerRemovals(sourceFile: ts.SourceFile): ReadonlyMap<string, readonly ts.CallExpression[]> {
  const removals = new Map<string, ts.CallExpression[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = skipParentheses(node.expression);
      const [event, handler] = node.arguments;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "removeEventListener" && event && handler) {
        const key = listenerKey(callee.expression, event, handler, sourceFile);
        removals.set(key, [...(removals.get(key) ?? []), node]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return removals;
}

function listenerKey(target: ts.Expression, event: ts.Expression, handler: ts.Expression, sourceFile: ts.SourceFile): string {
  return [target, event, handler].map((part) => referenceKey(skipParentheses(part).getText(sourceFile))).join("|");
}

/** What `this` is bound by: the class around it (through arrows and methods), or a plain function. */
function thisOwner(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current) || ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return current;
  }
  return undefined;
}

/** `socket`, `this.onPageLeave`, `window`: the same names resolving to the same declarations (`this` of the same class). */
function sameReferent(checker: ts.TypeChecker, a: ts.Expression, b: ts.Expression): boolean {
  const left = skipParentheses(a);
  const right = skipParentheses(b);
  if (left.kind === ts.SyntaxKind.ThisKeyword && right.kind === ts.SyntaxKind.ThisKeyword) return thisOwner(left) === thisOwner(right);
  if (ts.isIdentifier(left) && ts.isIdentifier(right)) {
    const symbol = checker.getSymbolAtLocation(left);
    return symbol !== undefined && symbol === checker.getSymbolAtLocation(right);
  }
  if (ts.isPropertyAccessExpression(left) && ts.isPropertyAccessExpression(right)) return left.name.text === right.name.text && sameReferent(checker, left.expression, right.expression);
  return false;
}

/**
 * `ws.addEventListener("error", onError)` where the code also calls `ws.removeEventListener("error", onError)` on the
 * same target and handler: the listener's lifetime is managed by hand (when a promise settles, when a room disconnects,
 * in an abort handler), and a signal would cut it short where the code means it to observe what the abort causes (the
 * `close` after `ws.close()`). Only for a handler passed by reference: a function written in place cannot be removed.
 */
export function isListenerRemovedByHand(checker: ts.TypeChecker, call: ts.CallExpression, removals: () => ReadonlyMap<string, readonly ts.CallExpression[]>): boolean {
  const callee = skipParentheses(call.expression);
  const [event, handler] = call.arguments;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "addEventListener" || !event || !handler) return false;
  const reference = skipParentheses(handler);
  if (!ts.isIdentifier(reference) && !ts.isPropertyAccessExpression(reference)) return false;
  const candidates = removals().get(listenerKey(callee.expression, event, handler, call.getSourceFile())) ?? [];
  return candidates.some((removal) => {
    const target = (skipParentheses(removal.expression) as ts.PropertyAccessExpression).expression;
    return sameReferent(checker, reference, removal.arguments[1]!) && sameReferent(checker, callee.expression, target);
  });
}

/** Methods that end a resource, and with it the listeners on it: `ws.close()`, `stream.destroy()`, `worker.terminate()`. */
const disposers = new Set(["close", "abort", "destroy", "terminate", "disconnect", "cancel", "dispose", "kill"]);

/**
 * Each abort handler of the file that ends a resource (`signal.onabort = () => ws.close()`,
 * `signal.addEventListener("abort", () => source.close())`): the resource's text, with the signal's and the call.
 */
export function closedOnAbort(sourceFile: ts.SourceFile): ReadonlyMap<string, readonly { signal: string; target: ts.Expression }[]> {
  const closed = new Map<string, { signal: string; target: ts.Expression }[]>();
  const handlerOf = (node: ts.Node): { signal: ts.Expression; handler: ts.Expression } | undefined => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.name.text === "onabort") {
      return { signal: node.left.expression, handler: node.right };
    }
    const method = ts.isCallExpression(node) ? methodCall(node) : undefined;
    const [event, handler] = ts.isCallExpression(node) ? node.arguments : [];
    if (method?.name === "addEventListener" && event && ts.isStringLiteralLike(event) && event.text === "abort" && handler) return { signal: method.object, handler };
    return undefined;
  };
  // A handler named rather than written in place (`const onAbort = () => child.kill()`), and a helper the handler calls
  // (`() => closeSocket()`), found by name once the file is read: only a name that one function of the file has.
  const functionsNamed = new Map<string, ts.Node[]>();
  const handlers: { signal: string; handler: ts.Node | string }[] = [];
  const functionNamed = (name: string) => {
    const functions = functionsNamed.get(name) ?? [];
    return functions.length === 1 ? functions[0] : undefined;
  };
  const collectClosers = (signal: string, handler: ts.Node, helpersLeft: number) => {
    const collect = (inner: ts.Node): void => {
      if (ts.isCallExpression(inner)) {
        const method = methodCall(inner);
        if (method && disposers.has(method.name)) {
          const key = referenceKey(skipParentheses(method.object));
          closed.set(key, [...(closed.get(key) ?? []), { signal, target: method.object }]);
        }
        const callee = skipParentheses(inner.expression);
        const helper = ts.isIdentifier(callee) && helpersLeft > 0 ? functionNamed(callee.text) : undefined;
        if (helper && helper !== handler) collectClosers(signal, helper, helpersLeft - 1);
      }
      ts.forEachChild(inner, collect);
    };
    collect(handler);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isVariableDeclaration(node)) {
      const fn = ts.isFunctionDeclaration(node) ? node : functionValueOf(node);
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : undefined;
      if (fn && name) functionsNamed.set(name, [...(functionsNamed.get(name) ?? []), fn]);
    }
    const found = handlerOf(node);
    const handler = found && skipParentheses(found.handler);
    if (found && handler && (isFunctionLike(handler) || ts.isIdentifier(handler))) {
      handlers.push({ signal: referenceKey(skipParentheses(found.signal)), handler: ts.isIdentifier(handler) ? handler.text : handler });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  for (const { signal, handler } of handlers) {
    const fn = typeof handler === "string" ? functionNamed(handler) : handler;
    if (fn) collectClosers(signal, fn, 2);
  }
  return closed;
}

/**
 * `ws.addEventListener("close", …)` where an abort of a signal in scope ends `ws` itself (`signal.onabort = () =>
 * ws.close()`): the signal already reaches the target, its listeners go with it, and one that took the signal would be
 * gone before the `close` the abort causes (livekit's `WebSocketStream`, an `EventSource` closed on abort).
 */
export function isTargetClosedOnAbort(
  checker: ts.TypeChecker,
  call: ts.CallExpression,
  signals: readonly string[],
  closed: () => ReadonlyMap<string, readonly { signal: string; target: ts.Expression }[]>,
): boolean {
  const method = methodCall(call);
  return method?.name === "addEventListener" && isEndedOnAbort(checker, method.object, signals, closed);
}

/** An abort handler of a signal in scope ends `target` (see `closedOnAbort`). */
function isEndedOnAbort(checker: ts.TypeChecker, target: ts.Expression, signals: readonly string[], closed: () => ReadonlyMap<string, readonly { signal: string; target: ts.Expression }[]>): boolean {
  const candidates = closed().get(referenceKey(skipParentheses(target))) ?? [];
  return candidates.some((candidate) => signals.some((signal) => referenceKey(signal) === candidate.signal) && sameReferent(checker, candidate.target, target));
}

const collectionStores = new Set(["set", "push", "add", "unshift"]);

/** `return conn`, `return { conn, muxer }`, `this.conn = conn`, `connections.set(key, conn)`: kept beyond the call. */
function isHandedOnToOutlive(value: ts.Expression): boolean {
  const parent = value.parent;
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === value) {
    return ts.isPropertyAccessExpression(parent.left) || ts.isElementAccessExpression(parent.left);
  }
  if (ts.isCallExpression(parent) && parent.arguments.includes(value)) return collectionStores.has(methodCall(parent)?.name ?? "");
  let returned: ts.Node = value;
  for (;;) {
    const outer: ts.Node = returned.parent;
    if (ts.isShorthandPropertyAssignment(outer) || (ts.isPropertyAssignment(outer) && outer.initializer === returned) || ts.isParenthesizedExpression(outer)) returned = outer;
    else if (ts.isObjectLiteralExpression(outer) || ts.isArrayLiteralExpression(outer) || ts.isAsExpression(outer) || ts.isSatisfiesExpression(outer)) returned = outer;
    else return ts.isReturnStatement(outer) || (ts.isArrowFunction(outer) && outer.body === returned);
  }
}

/** Methods that end a connection: a target that has one lives on its own, whoever holds it. */
const connectionMethods = ["close", "destroy", "disconnect", "terminate", "kill"];

/**
 * A listener on an object held by a local of the function, in two cases:
 * - the function hands the object on to outlive it (returns it, alone or in an object or array, stores it in a
 *   property, or puts it in a collection: `set`, `push`, `add`, `unshift`): a listener added there is one of the
 *   object's lifetime hooks (libp2p's WebRTC transport frees the peer connection once it closes, and drops it from its
 *   map). The call's signal would cut the hook off when the call is cancelled, while the object lives on: the
 *   `pass-signal` fix would leak it;
 * - the object stays in the function (every use reads a member: `queue.add(…)`, `queue.size`) and is of the program's
 *   own: its events come from the work started on it, which has its own findings, and a signal would only remove the
 *   listener before it sees that work end (libp2p's query paths). A platform resource (`new WebSocket(url)`) or a
 *   connection of a package (its class can `close`, `destroy`, `disconnect`, `terminate` or `kill`) kept in the
 *   function lives and fires on its own after the call: still reported.
 */
export function isListenerOnLocalTarget(program: ts.Program, checker: ts.TypeChecker, call: ts.CallExpression): boolean {
  const method = methodCall(call);
  if (method?.name !== "addEventListener") return false;
  const target = skipParentheses(method.object);
  if (!ts.isIdentifier(target)) return false;
  const declaration = checker.getSymbolAtLocation(target)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return false;
  const scope = enclosingFunction(declaration);
  if (!scope) return false;
  const uses = referencesTo(checker, declaration.name, scope).map(outermostParentheses);
  if (uses.some(isHandedOnToOutlive)) return true;
  const keptInFunction = uses.every((use) => ts.isPropertyAccessExpression(use.parent) && use.parent.expression === use);
  const made = declaration.initializer && skipParentheses(declaration.initializer);
  if (!keptInFunction || !made || !ts.isNewExpression(made) || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return false;
  const classes = calleeDeclarations(checker, made);
  if (classes.length === 0 || classes.some((d) => isPlatformDeclaration(program, d))) return false;
  const instance = checker.getTypeAtLocation(target);
  return !connectionMethods.some((name) => instance.getProperty(name) !== undefined);
}

/**
 * `const timeout = timeouts.getTimeoutSignal(); anySignal([timeout, options?.signal])`: a call that makes a signal,
 * whose signal is combined with the one in scope (in the same array, straight or through a `const` used only there).
 * The combination follows the signal in scope; handing it to the factory as well changes nothing (libp2p's adaptive
 * timeouts). Beside that it may go to calls that take no signal (`setMaxListeners(Infinity, signal)` configures it) and
 * back to the object that made it (`timeouts.cleanUp(timeout)`). A made signal that something else is handed alone is
 * still reported: the one in scope would not reach what it guards.
 */
export function isSignalCombinedWithScope(checker: ts.TypeChecker, call: CallLike, signals: readonly string[]): boolean {
  if (!isAbortSignalType(callResultType(checker, call))) return false;
  // In the branch of a test that found the signal empty, the made signal is all there is (`signal ? [t, signal] : [t]`).
  const combinedWithScope = (value: ts.Expression) => {
    const array = value.parent;
    if (!ts.isArrayLiteralExpression(array)) return false;
    return array.elements.some((element) => element !== value && signals.some((signal) => isSameReference(skipParentheses(element), signal))) || signals.every((signal) => isInBranchWithoutSignal(array, signal));
  };
  const value = outermostParentheses(call);
  if (combinedWithScope(value)) return true;
  const declaration = value.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== value || !ts.isIdentifier(declaration.name)) return false;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return false;
  const maker = ts.isCallExpression(call) ? methodCall(call)?.object : undefined;
  const configures = (value: ts.Expression) => {
    const parent = value.parent;
    if (!isArgumentOf(parent, value)) return false;
    const receiver = ts.isCallExpression(parent) ? methodCall(parent)?.object : undefined;
    return !calleeMayTakeSignal(checker, parent) || (maker !== undefined && receiver !== undefined && isSameReference(receiver, maker.getText()));
  };
  const uses = referencesTo(checker, declaration.name, list.parent.parent).map(outermostParentheses);
  return uses.some(combinedWithScope) && uses.every((use) => combinedWithScope(use) || configures(use));
}

/**
 * `child = spawn(command, args)` where an abort handler of a signal in scope ends what it holds (`signal.onabort = () =>
 * child.kill()`): the code wires the cancellation by hand, and the signal reaches the result that way.
 */
export function isResultEndedOnAbort(
  checker: ts.TypeChecker,
  call: CallLike,
  signals: readonly string[],
  closed: () => ReadonlyMap<string, readonly { signal: string; target: ts.Expression }[]>,
): boolean {
  const value = outermostParentheses(call);
  const parent = value.parent;
  const holder =
    ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)
      ? parent.name
      : ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === value
        ? skipParentheses(parent.left)
        : undefined;
  return holder !== undefined && isEndedOnAbort(checker, holder, signals, closed);
}

/**
 * `Readable.fromWeb(transform(source, { signal }))`: a stream adapter of the platform over a stream that a call handed
 * the signal made. When the signal aborts, that stream errors, and the adapter's stream with it (TanStack Router's
 * server rendering).
 */
export function isAdapterOfSignalledStream(checker: ts.TypeChecker, program: ts.Program, call: CallLike): boolean {
  const declarations = calleeDeclarations(checker, call);
  if (declarations.length === 0 || !declarations.every((declaration) => isPlatformDeclaration(program, declaration))) return false;
  return (call.arguments ?? []).some((argument) => {
    let inner = skipParentheses(argument);
    while (ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner) || ts.isNonNullExpression(inner)) inner = skipParentheses(inner.expression);
    return (ts.isCallExpression(inner) || ts.isNewExpression(inner)) && isStreamType(checker, callResultType(checker, inner)) && callPassesSignal(checker, inner);
  });
}

/** A web `ReadableStream` (`getReader`) or a Node stream (`pipe`). */
function isStreamType(checker: ts.TypeChecker, type: ts.Type): boolean {
  return definedParts(checker.getApparentType(type)).some((part) => part.getProperty("getReader") !== undefined || part.getProperty("pipe") !== undefined);
}

const listenerRegistrations = new Set(["addEventListener", "on", "once", "addListener", "prependListener", "prependOnceListener"]);

/**
 * `pc.onstatechange = () => { if (closed) maConn.close() }`: a teardown (`close`, `destroy`, `abort`, …) in an event
 * handler the function registers. The handler runs when the event comes, mostly after the call is over, and cleanup
 * must not be cut short by the call's cancellation: on the failure path the signal has already aborted, and a graceful
 * close given it would fail at once (Trio shields cleanup for this reason). libp2p's WebRTC transport.
 */
export function isTeardownInHandler(call: ts.CallExpression): boolean {
  const method = methodCall(call);
  if (!method || !disposers.has(method.name)) return false;
  const handler = enclosingFunction(call);
  const registration = handler && handlerRegistration(handler);
  return registration !== undefined && (listenerRegistrations.has(registration.via) || /^on[a-z]/.test(registration.via));
}
