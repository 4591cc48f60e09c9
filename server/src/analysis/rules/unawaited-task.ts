import { ts } from "../../typescript";
import { callResultType } from "../call-result";
import { addEntry, assumeCondition, buildFlowGraph, correlatedConditions, entryFact, entryId, forgetConditions, idSets, isNestedScope, isPathEntry, setCondition, solveForward, type FlowBlock, type FlowEdge, type FunctionWithBody } from "../flow";
import { isHandledChain, isResolvedPlaceholder, isThenableArrayType, isThenableType, takesFromArray } from "../thenable";
import { functionLikeKinds, isAssignmentOperator, isAwaitAllowed, isFunctionLike, isNullOrUndefinedLiteral, skipParentheses, writeOf } from "../syntax";
import type { FindingData, FixId, Rule, RuleContext } from "../types";
import { nurseryFixData, withLazyNurseryData } from "../nursery-fix-data";

export interface UnawaitedTaskOptions {
  /**
   * The sequential-await trap: `const a = f(); const b = g(); await a; await b;` orphans `b` when `a` rejects, because an
   * `await` that may throw is one more way out of the function. `"preset"`: counted under the strict preset only;
   * `"always"` / `"never"` decide regardless of the preset.
   */
  sequentialAwaitTrap: "preset" | "always" | "never";
}

const messages = {
  unhandledAtExit:
    "Promise stored in `{{name}}` can reach the end of the function without being awaited or handled: its rejection goes unobserved and the work outlives its caller. Await it on every path, or run it in a nursery.",
  unhandledAtExitSync:
    "Promise stored in `{{name}}` can reach the end of the function without being returned or handled: its rejection goes unobserved and the work outlives its caller. Return it or hand it on on every path, or add `.catch()`.",
  lostByReassignment:
    "Promise stored in `{{name}}` is lost when `{{name}}` is re-assigned before it is awaited or handled: its rejection goes unobserved. Await it first, or run both in a nursery.",
  lostNextIteration:
    "Promise stored in `{{name}}` is replaced by the next iteration of the loop before it is awaited or handled: its rejection goes unobserved. Await it in the loop, or run the iterations in a nursery.",
  orphanedOnThrow:
    "Promise stored in `{{name}}` is orphaned when an earlier `await` or `throw` leaves the function first: its rejection goes unobserved. Await the promises together with `Promise.all`, or run them in a nursery.",
} as const;

type MessageId = keyof typeof messages;
/** Worst first: the message a store gets when several paths lose it. */
const messagePriority: readonly MessageId[] = ["unhandledAtExit", "lostByReassignment", "lostNextIteration", "orphanedOnThrow"];

export const unawaitedTask: Rule<UnawaitedTaskOptions> = {
  id: "unawaited-task",
  meta: {
    docs: "A promise stored in a local must be awaited or handed on along every path to the function's exit.",
    defaultSeverity: "error",
    preset: "recommended",
    messages,
    examples: {
      invalid: `declare function get(url: string): Promise<string>;

export async function both() {
  const a = get("/a");
  const b = get("/b"); // never awaited: if it rejects, nobody hears
  return await a;
}

export async function early(id: string) {
  const user = get(\`/users/\${id}\`);
  if (!id) return; // this path leaves \`user\` behind
  return await user;
}`,
      valid: `declare function get(url: string): Promise<string>;

export async function both() {
  const a = get("/a");
  const b = get("/b");
  return await Promise.all([a, b]);
}

export async function early(id: string) {
  if (!id) return;
  const user = get(\`/users/\${id}\`);
  return await user;
}

export async function either(id: string) {
  const fresh = id.startsWith("!");
  const user = get(\`/users/\${id}\`);
  if (fresh) user.catch(() => {}); // handled on this path…
  if (!fresh) return await user; // …awaited on the other: one constant decides both tests
}`,
    },
  },
  defaultOptions: { sequentialAwaitTrap: "preset" },
  check(context) {
    for (const node of context.nodes(...functionLikeKinds)) {
      if (isFunctionLike(node) && node.body && ts.isBlock(node.body)) {
        context.checkCancelled();
        checkFunction(context, node as FunctionWithBody);
      }
    }
  },
};

/** A place that puts a new promise into a tracked local. */
interface Store {
  id: number;
  symbol: ts.Symbol;
  name: string;
  /** `p = f()` in `const p = f()`, or the assignment `p = f()`. */
  node: ts.VariableDeclaration | ts.BinaryExpression;
  /** The expression that makes the promise. */
  value: ts.Expression;
  /** `p ??= f()` stores only when `p` held no promise, so it loses nothing. */
  conditional: boolean;
}

type Action =
  | { kind: "store"; store: Store }
  | { kind: "overwrite"; symbol: ts.Symbol }
  | { kind: "handle"; symbol: ts.Symbol }
  /** `p += …`, `[p] = …` and the like: the binding's value is unknown afterwards (it loses no tracked promise). */
  | { kind: "rewrite"; symbol: ts.Symbol };

function checkFunction(context: RuleContext<UnawaitedTaskOptions>, fn: FunctionWithBody): void {
  const { checker } = context;
  const stores = collectStores(context, fn);
  if (stores.length === 0) return;

  const symbols = new Set(stores.map((store) => store.symbol));
  const names = new Set(stores.map((store) => store.name));
  const actions = new Map<ts.Node, Action[]>();
  const addAction = (node: ts.Node, action: Action) => {
    const list = actions.get(node);
    if (list) list.push(action);
    else actions.set(node, [action]);
  };
  const storeNodes = new Set<ts.Node>(stores.map((store) => store.node));
  for (const store of stores) {
    addAction(store.node, { kind: "store", store });
    // `await (p = f())`: the stored promise is also handed on right away.
    if (ts.isBinaryExpression(store.node) && isHandledHere(store.node)) addAction(store.node, { kind: "handle", symbol: store.symbol });
  }

  // References: handling uses, overwrites, and captures by nested functions.
  const escaped = new Set<ts.Symbol>();
  const writtenByNestedFunctions = new Set<ts.Symbol>();
  const references = new Map<ts.Symbol, ts.Identifier[]>();
  const visit = (node: ts.Node, nestedScope: ts.Node | undefined): void => {
    if (ts.isIdentifier(node) && names.has(node.text)) {
      const symbol = referencedSymbol(checker, node);
      if (symbol && symbols.has(symbol)) {
        if (nestedScope) {
          // A function declaration can run at any time: the promise is out of our sight.
          if (ts.isFunctionDeclaration(nestedScope)) escaped.add(symbol);
          else addAction(nestedScope, { kind: "handle", symbol });
          if (writeOf(node)) writtenByNestedFunctions.add(symbol);
          references.set(symbol, [...(references.get(symbol) ?? []), node]);
        } else if (!isDeclarationName(node)) {
          references.set(symbol, [...(references.get(symbol) ?? []), node]);
          const write = writeOf(node);
          if (write) {
            if (write.kind === "plain" && !storeNodes.has(write.node)) addAction(write.node, { kind: "overwrite", symbol });
            else if (write.kind === "compound" && !storeNodes.has(write.node)) addAction(write.node, { kind: "rewrite", symbol });
          } else if (isHandledHere(node)) {
            addAction(node, { kind: "handle", symbol });
          }
        }
      }
    }
    ts.forEachChild(node, (child) => visit(child, nestedScope ?? (isNestedScope(child) ? child : undefined)));
  };
  for (const parameter of fn.parameters) visit(parameter, undefined);
  visit(fn.body, undefined);

  const tracked = stores.filter((store) => !escaped.has(store.symbol));
  if (tracked.length === 0) return;

  const trap = context.options.sequentialAwaitTrap;
  const awaitMayThrow = trap === "always" || (trap !== "never" && context.preset === "strict");
  const graph = buildFlowGraph(fn, { mayThrow: awaitMayThrow ? isAwaitPoint : undefined });

  // A fact is a set of entries (flow/conditions.ts): the stores that may be pending, each under the branches that
  // correlated conditions took on the paths where it is.
  const correlated = correlatedConditions(checker, graph, new Set([...symbols].filter((symbol) => !writtenByNestedFunctions.has(symbol))));
  const storesOf = (symbol: ts.Symbol, pending: ReadonlySet<string>) =>
    [...pending].filter((entry) => !isPathEntry(entry) && stores[entryId(entry)]!.symbol === symbol && !escaped.has(symbol));
  // A promise is always truthy: on a branch where the binding is falsy (`if (!p) p = f();`) it holds none.
  const transferEdge = (edge: FlowEdge, output: ReadonlySet<string>): ReadonlySet<string> => {
    if (!edge.assumes || output.size === 0) return output;
    // Not nullish says nothing of truthiness by itself: only a correlated condition may know more (below).
    const cleared = edge.assumes.nonNullish ? output : clearedByFalsyBinding(edge, output);
    return correlated.byTest.size === 0 ? cleared : assumeCondition(correlated, edge, cleared);
  };
  const clearedByFalsyBinding = (edge: FlowEdge, output: ReadonlySet<string>): ReadonlySet<string> => {
    const identifier = falsyIdentifier(edge.assumes!.test, edge.assumes!.truthy);
    if (!identifier || !names.has(identifier.text)) return output;
    const symbol = checker.getSymbolAtLocation(identifier);
    if (!symbol || !symbols.has(symbol)) return output;
    const cleared = storesOf(symbol, output);
    if (cleared.length === 0) return output;
    const next = new Set(output);
    for (const entry of cleared) next.delete(entry);
    return next;
  };

  /** Solves "which stores may still be pending", and says why each pending store is lost. `extra` tries a fix. */
  const solve = (extra?: { node: ts.Node; symbol: ts.Symbol }): Map<number, Set<MessageId>> => {
    const reasons = new Map<number, Set<MessageId>>();
    const addReason = (entry: string, reason: MessageId) => {
      if (isPathEntry(entry)) return;
      const id = entryId(entry);
      const set = reasons.get(id) ?? new Set<MessageId>();
      set.add(reason);
      reasons.set(id, set);
    };
    const transfer = (block: FlowBlock, input: ReadonlySet<string>, report: boolean): ReadonlySet<string> => {
      let pending = input;
      const remove = (entries: string[]) => {
        if (entries.length === 0) return;
        const next = new Set(pending);
        for (const entry of entries) next.delete(entry);
        pending = next;
      };
      for (const element of block.elements) {
        if (extra && element === extra.node) remove(storesOf(extra.symbol, pending));
        // A constant declared again (in a loop) may take the other branch this time; while the function waits, other
        // code may change the properties it reads.
        const redeclared = correlated.byDeclaration.get(element);
        if (redeclared !== undefined) pending = forgetConditions(pending, redeclared);
        if (isAwaitPoint(element) || ts.isYieldExpression(element)) pending = forgetConditions(pending, correlated.volatile);
        // `let p;`: the binding starts out falsy (and a promise is always truthy). Not `var p;`, which keeps its value
        // when a loop runs it again.
        const bindingKey = ts.isVariableDeclaration(element) && !element.initializer && ts.getCombinedNodeFlags(element) & ts.NodeFlags.Let ? correlated.byBinding.get(element) : undefined;
        if (bindingKey !== undefined) pending = setCondition(pending, bindingKey, false);
        for (const action of actions.get(element) ?? []) {
          if (action.kind === "overwrite" || action.kind === "rewrite") {
            // Written with something else than a tracked promise: whether the binding is truthy is unknown now.
            const key = correlated.byBinding.get(action.symbol);
            if (key !== undefined) pending = forgetConditions(pending, new Set([key]));
          }
          if (action.kind === "rewrite") continue;
          if (action.kind === "handle") {
            remove(storesOf(action.symbol, pending));
          } else if (action.kind === "overwrite") {
            const lost = storesOf(action.symbol, pending);
            if (report) for (const entry of lost) addReason(entry, "lostByReassignment");
            remove(lost);
          } else if (!escaped.has(action.store.symbol)) {
            const lost = action.store.conditional ? [] : storesOf(action.store.symbol, pending);
            if (report) {
              for (const entry of lost) addReason(entry, entryId(entry) === action.store.id ? "lostNextIteration" : "lostByReassignment");
            }
            remove(lost);
            pending = addEntry(pending, action.store.id);
            const storedKey = correlated.byBinding.get(action.store.symbol);
            if (storedKey !== undefined) pending = setCondition(pending, storedKey, true);
          }
        }
      }
      return pending;
    };
    const solution = solveForward<ReadonlySet<string>>(graph, {
      entry: entryFact(correlated),
      bottom: idSets.empty,
      join: idSets.union,
      equals: idSets.equals,
      transfer: (block, input) => transfer(block, input, false),
      transferEdge,
    });
    for (const [block, input] of solution.input) transfer(block, input, true);
    for (const entry of solution.input.get(graph.exit) ?? []) addReason(entry, "unhandledAtExit");
    for (const entry of solution.input.get(graph.throwExit) ?? []) addReason(entry, "orphanedOnThrow");
    return reasons;
  };

  const reasons = solve();
  for (const store of tracked) {
    const found = reasons.get(store.id);
    if (!found) continue;
    let messageId = messagePriority.find((id) => found.has(id))!;
    const awaitAllowed = isAwaitAllowed(store.node, context.program.getCompilerOptions());
    if (messageId === "unhandledAtExit" && !awaitAllowed) messageId = "unhandledAtExitSync";
    const fixes: FixId[] = [];
    const expression = awaitAllowed && !found.has("lostByReassignment") && !found.has("lostNextIteration")
      ? addAwaitTarget(store)
      : undefined;
    if (expression) fixes.push("add-await");
    // Only the sequential-await trap leaves the promise handled on every normal path; otherwise it may outlive the reads.
    const data: FindingData = { fixes, expression };
    if (ts.isVariableDeclaration(store.node)) {
      const declaration = store.node;
      fixes.push("run-in-nursery");
      withLazyNurseryData(data, () => ({ ...nurseryFixData(context, declaration), untilFunctionEnd: messageId !== "orphanedOnThrow" }));
    }
    context.report({ node: store.node, messageId, values: { name: store.name }, data });
  }

  /**
   * Where `add-await` goes: the last use of the binding, where `await` is legal and makes every path handle the
   * promise. With no use at all, that is the store itself (`const b = await get()`); otherwise the last reference in
   * the function when it only reads the promise (`if (p)`, `${p}`), checked by solving again with it awaited.
   * Not a statement `p;` (floating-promise's fix awaits it), not an array of promises (that is `Promise.all`).
   */
  function addAwaitTarget(store: Store): { start: number; end: number } | undefined {
    const sourceFile = context.sourceFile;
    if (stores.some((other) => other !== store && other.symbol === store.symbol)) return undefined;
    if (!isThenableType(checker, checker.getTypeAtLocation(store.value), store.value)) return undefined;
    if (isThenableArrayType(checker, checker.getTypeAtLocation(store.value), store.value)) return undefined;
    const refs = references.get(store.symbol) ?? [];
    if (refs.length === 0) {
      if (!ts.isVariableDeclaration(store.node) || !ts.isVariableStatement(store.node.parent.parent)) return undefined;
      return { start: store.value.getStart(sourceFile), end: store.value.getEnd() };
    }
    const last = refs.reduce((a, b) => (b.getStart(sourceFile) > a.getStart(sourceFile) ? b : a));
    if (!isPlainRead(last) || enclosingNestedScope(last, fn)) return undefined;
    const retried = solve({ node: last, symbol: store.symbol });
    if (retried.has(store.id)) return undefined;
    return { start: last.getStart(sourceFile), end: last.getEnd() };
  }
}

/**
 * A reference that only reads the promise where awaiting it instead keeps the code valid and means what was meant:
 * `${p}` (which printed `[object Promise]`). Conditions (`if (p)`) are misused-promise's, which offers the same
 * `await`; a statement `p;` is floating-promise's.
 */
function isPlainRead(identifier: ts.Identifier): boolean {
  if (isHandledHere(identifier) || writeOf(identifier)) return false;
  return ts.isTemplateSpan(identifier.parent) && !ts.isTaggedTemplateExpression(identifier.parent.parent.parent);
}

function enclosingNestedScope(node: ts.Node, fn: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current && current !== fn; current = current.parent) if (isNestedScope(current)) return current;
  return undefined;
}

/** `await`, `for await`: where the function waits and other code runs. */
function isAwaitPoint(node: ts.Node): boolean {
  return ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined);
}

/**
 * The binding that a branch shows to be falsy: `p` is falsy when `p` (or `!!p`) tested false, or `p === undefined`,
 * `p == null`, `typeof p === "undefined"` tested true (and their negations false).
 */
function falsyIdentifier(test: ts.Expression, truthy: boolean): ts.Identifier | undefined {
  const node = skipParentheses(test);
  if (ts.isIdentifier(node)) return truthy ? undefined : node;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return falsyIdentifier(node.operand, !truthy);
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  const equality = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  const inequality = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  if (!(equality ? truthy : inequality ? !truthy : false)) return undefined;
  const left = skipParentheses(node.left);
  const right = skipParentheses(node.right);
  const match = (side: ts.Expression, other: ts.Expression): ts.Identifier | undefined => {
    if (ts.isTypeOfExpression(side)) {
      const inner = skipParentheses(side.expression);
      return ts.isStringLiteral(other) && other.text === "undefined" && ts.isIdentifier(inner) ? inner : undefined;
    }
    const nothing = isNullOrUndefinedLiteral(other) || ts.isVoidExpression(other);
    return nothing && ts.isIdentifier(side) ? side : undefined;
  };
  return match(left, right) ?? match(right, left);
}

/** Declarations and assignments in `fn` (not in nested functions) that put a new promise into a local of `fn`. */
function collectStores(context: RuleContext<UnawaitedTaskOptions>, fn: FunctionWithBody): Store[] {
  const { checker } = context;
  const stores: Store[] = [];
  const add = (symbol: ts.Symbol | undefined, name: string, node: Store["node"], value: ts.Expression, conditional: boolean) => {
    if (!symbol || !isLocalOf(symbol, fn)) return;
    if (!makesPromise(context, value)) return;
    // `f() as any` / `as unknown`: the author opted out of the promise type.
    const type = checker.getTypeAtLocation(value);
    if (!isThenableType(checker, type, value) && !isThenableArrayType(checker, type, value)) return;
    stores.push({ id: stores.length, symbol, name, node, value, conditional });
  };
  const visit = (node: ts.Node): void => {
    if (isNestedScope(node)) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && !isForEachInitializer(node)) {
      add(checker.getSymbolAtLocation(node.name), node.name.text, node, node.initializer, false);
    } else if (ts.isBinaryExpression(node) && ts.isIdentifier(skipParentheses(node.left))) {
      const operator = node.operatorToken.kind;
      const conditional =
        operator === ts.SyntaxKind.QuestionQuestionEqualsToken ||
        operator === ts.SyntaxKind.BarBarEqualsToken ||
        operator === ts.SyntaxKind.AmpersandAmpersandEqualsToken;
      if (operator === ts.SyntaxKind.EqualsToken || conditional) {
        const target = skipParentheses(node.left) as ts.Identifier;
        add(checker.getSymbolAtLocation(target), target.text, node, node.right, conditional);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return stores;
}

function isForEachInitializer(declaration: ts.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent);
}

/** A `let`/`const`/`var` declared in `fn` itself, not in a nested function and not a parameter. */
function isLocalOf(symbol: ts.Symbol, fn: ts.Node): boolean {
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration)) return false;
  for (let node: ts.Node = declaration.parent; node; node = node.parent) {
    if (node === fn) return true;
    if (isNestedScope(node) || ts.isSourceFile(node)) return false;
  }
  return false;
}

/**
 * Whether `value` starts new asynchronous work whose promise (or array of promises) the local will hold: a call,
 * `new`, or a literal, conditional or logical expression made of them. Reading an existing promise (`this.ready`,
 * a parameter) makes nothing new, and `.catch(h)` / `.then(f, h)` chains are already handled.
 */
function makesPromise(context: RuleContext<UnawaitedTaskOptions>, value: ts.Expression): boolean {
  const { checker } = context;
  const node = skipWrappers(value);
  if (ts.isConditionalExpression(node)) return makesPromise(context, node.whenTrue) || makesPromise(context, node.whenFalse);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.CommaToken) return makesPromise(context, node.right);
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
      return makesPromise(context, node.left) || makesPromise(context, node.right);
    }
    return false;
  }
  if (ts.isArrayLiteralExpression(node)) {
    if (!isThenableArrayType(checker, checker.getTypeAtLocation(node), node)) return false;
    return node.elements.some((element) => makesPromise(context, ts.isSpreadElement(element) ? element.expression : element));
  }
  if (!(ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node))) return false;
  if (ts.isCallExpression(node) && (isResolvedPlaceholder(context.program, checker, node) || takesFromArray(context.program, checker, node))) return false;
  // Every member must be a promise (or array of them): `Map.get`, `find`, `pop` return `Promise | undefined` from a
  // collection — a lookup of work someone else started, not new work of this function.
  const type = ts.isCallExpression(node) ? callResultType(checker, node) : checker.getTypeAtLocation(node);
  const parts = type.isUnion() ? type.types : [type];
  if (!parts.every((part) => isThenableType(checker, part, node) || isThenableArrayType(checker, part, node))) return false;
  if (!isThenableType(checker, type, node)) return true;
  return !isHandledChain(checker, node);
}



function skipWrappers(node: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) {
      node = node.expression;
    } else if (ts.isTypeAssertionExpression(node)) node = node.expression;
    else return node;
  }
}

function referencedSymbol(checker: ts.TypeChecker, identifier: ts.Identifier): ts.Symbol | undefined {
  if (ts.isShorthandPropertyAssignment(identifier.parent) && identifier.parent.name === identifier) {
    return checker.getShorthandAssignmentValueSymbol(identifier.parent);
  }
  const parent = identifier.parent;
  // Property names are not references to locals.
  if (ts.isPropertyAccessExpression(parent) && parent.name === identifier) return undefined;
  if (ts.isQualifiedName(parent) && parent.right === identifier) return undefined;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === identifier) {
    return undefined;
  }
  return checker.getSymbolAtLocation(identifier);
}

function isDeclarationName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (ts.isVariableDeclaration(parent) || ts.isBindingElement(parent) || ts.isParameter(parent)) && parent.name === identifier;
}

/**
 * Whether the value of `node` (a reference to the promise, or an expression that yields it) is handled where it
 * stands: awaited, returned, handed to any function (as an argument, or as `this` of a method call such as
 * `.then`/`.catch`), stored anywhere (another variable, a field, a literal that is itself handled), yielded, thrown,
 * iterated by `for…of`, or detached with `void`. Reads that only test or print it (`if (p)`, `p === q`, `${p}`,
 * `p.length`, `p;`) do not handle it.
 */
function isHandledHere(node: ts.Expression): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  for (;;) {
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isTypeAssertionExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isArrayLiteralExpression(parent) ||
      ts.isSpreadElement(parent) ||
      ts.isObjectLiteralExpression(parent) ||
      ts.isShorthandPropertyAssignment(parent) ||
      ts.isSpreadAssignment(parent)
    ) {
      child = parent;
      parent = parent.parent;
      continue;
    }
    if (ts.isPropertyAssignment(parent)) {
      if (parent.initializer !== child) return false;
      child = parent;
      parent = parent.parent;
      continue;
    }
    if (ts.isConditionalExpression(parent)) {
      if (parent.condition === child) return false;
      child = parent;
      parent = parent.parent;
      continue;
    }
    if (ts.isBinaryExpression(parent)) {
      const operator = parent.operatorToken.kind;
      if (operator === ts.SyntaxKind.CommaToken) {
        if (parent.left === child) return false;
      } else if (
        operator === ts.SyntaxKind.AmpersandAmpersandToken ||
        operator === ts.SyntaxKind.BarBarToken ||
        operator === ts.SyntaxKind.QuestionQuestionToken
      ) {
        // The value may be the result; whether it is depends on the context.
      } else if (isAssignmentOperator(operator)) {
        return parent.right === child;
      } else {
        return false;
      }
      child = parent;
      parent = parent.parent;
      continue;
    }
    if (ts.isElementAccessExpression(parent)) {
      // `ps[0]`: an element of the array goes wherever the access goes.
      if (parent.expression !== child) return false;
      child = parent;
      parent = parent.parent;
      continue;
    }
    if (ts.isPropertyAccessExpression(parent)) {
      // `p.then(…)`, `ps.forEach(…)`: the object is handed to the method as `this`. `ps.length` only reads.
      if (parent.expression !== child) return false;
      const call = parent.parent;
      return ts.isCallExpression(call) && call.expression === parent;
    }
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return parent.expression !== child;
    if (ts.isTemplateSpan(parent)) return ts.isTaggedTemplateExpression(parent.parent.parent);
    if (
      ts.isAwaitExpression(parent) ||
      ts.isReturnStatement(parent) ||
      ts.isYieldExpression(parent) ||
      ts.isThrowStatement(parent) ||
      ts.isVoidExpression(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isJsxExpression(parent) ||
      ts.isJsxSpreadAttribute(parent) ||
      ts.isExportAssignment(parent) ||
      ts.isArrowFunction(parent) ||
      ts.isBindingElement(parent) ||
      ts.isParameter(parent)
    ) {
      return true;
    }
    if (ts.isForOfStatement(parent)) return parent.expression === child;
    // Tests and plain reads: `if (p)`, `!p`, `typeof p`, `switch (p)`, `p;`, `${p}`, `for (k in p)`.
    return false;
  }
}
