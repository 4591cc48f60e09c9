import { ts } from "../../typescript";
import { callResultType } from "../call-result";
import { buildFlowGraph, idSets, isNestedScope, solveForward, type FlowBlock, type FlowEdge, type FlowGraph, type FunctionWithBody } from "../flow";
import { isThenableArrayType, isThenableType, isFunctionValued } from "../thenable";
import { functionLikeKinds, isAssignmentOperator, isAwaitAllowed, isFunctionLike, isUndefinedLiteral, methodCall, skipParentheses } from "../syntax";
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
  const graph = buildFlowGraph(fn, {
    mayThrow: awaitMayThrow
      ? (node) => ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)
      : undefined,
  });

  // A fact is a set of entries: a pending store is `id`, or `id|literals` when it is pending only on paths where
  // correlated constants took the branches the literals name (`3+`: the constant keyed 3 was truthy). With correlated
  // constants, `*|literals` entries are the paths themselves: a store made on them is pending under their literals.
  const correlated = correlatedConditions(checker, graph, new Set([...symbols].filter((symbol) => !writtenByNestedFunctions.has(symbol))));
  const pathEntry = "*";
  const storesOf = (symbol: ts.Symbol, pending: ReadonlySet<string>) =>
    [...pending].filter((entry) => !entry.startsWith(pathEntry) && stores[pendingId(entry)]!.symbol === symbol && !escaped.has(symbol));
  // A promise is always truthy: on a branch where the binding is falsy (`if (!p) p = f();`) it holds none.
  const transferEdge = (edge: FlowEdge, output: ReadonlySet<string>): ReadonlySet<string> => {
    if (!edge.assumes || output.size === 0) return output;
    const cleared = clearedByFalsyBinding(edge, output);
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
      if (entry.startsWith(pathEntry)) return;
      const id = pendingId(entry);
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
        if (redeclared !== undefined) pending = forgetConditions(pending, new Set(redeclared));
        if (ts.isAwaitExpression(element) || ts.isYieldExpression(element) || (ts.isForOfStatement(element) && element.awaitModifier)) {
          pending = forgetConditions(pending, correlated.volatile);
        }
        // `let p;`: the binding starts out falsy (and a promise is always truthy).
        const bindingKey = ts.isVariableDeclaration(element) && !element.initializer ? correlated.byBinding.get(element) : undefined;
        if (bindingKey !== undefined) pending = setCondition(pending, bindingKey, false);
        for (const action of actions.get(element) ?? []) {
          const actionKey = action.kind === "store" ? undefined : correlated.byBinding.get(action.symbol);
          if (action.kind === "overwrite" || action.kind === "rewrite") {
            if (actionKey !== undefined) pending = forgetConditions(pending, new Set([actionKey]));
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
              for (const entry of lost) addReason(entry, pendingId(entry) === action.store.id ? "lostNextIteration" : "lostByReassignment");
            }
            remove(lost);
            const paths = [...pending].filter((entry) => entry.startsWith(pathEntry));
            const made = paths.length === 0 ? [String(action.store.id)] : paths.map((path) => `${action.store.id}${path.slice(pathEntry.length)}`);
            pending = idSets.union(pending, new Set(made));
            const storedKey = correlated.byBinding.get(action.store.symbol);
            if (storedKey !== undefined) pending = setCondition(pending, storedKey, true);
          }
        }
      }
      return pending;
    };
    const solution = solveForward<ReadonlySet<string>>(graph, {
      entry: correlated.byTest.size > 0 ? new Set([pathEntry]) : idSets.empty,
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

/**
 * The binding that a branch shows to be falsy: `p` is falsy when `p` (or `!!p`) tested false, or `p === undefined`,
 * `p == null`, `typeof p === "undefined"` tested true (and their negations false).
 */
/** The store id of a pending entry (`3`, or `3|0+,1-`); not for a path entry (`*|0+`). */
function pendingId(entry: string): number {
  return Number.parseInt(entry, 10);
}

/**
 * Conditions tested more than once in the function (or in a loop) that give the same answer each time (`const isPaused = …;
 * if (!strict || isPaused) …; return isPaused ? … : promise`, `ctx?.async === false` in each turn of a loop): on one
 * path, the branch taken at the first test decides the later ones, so a store handled under one test is not reported on
 * a path the other test rules out. A condition reads a binding nothing changes between the tests (a `const`, or a
 * parameter the function never assigns), or a property of one that the function never assigns, compared or not with a
 * literal. Like TypeScript's narrowing, a call is trusted not to change such a property; unlike it, an `await` or
 * `yield` is not (other code runs meanwhile). Each condition gets a key; `a !== b` is the negation of `a === b`.
 */
interface CorrelatedConditions {
  /** The keys reading each declaration: forgotten where it is declared again (a `const` in a loop). */
  readonly byDeclaration: ReadonlyMap<ts.Node, readonly string[]>;
  readonly byTest: ReadonlyMap<ts.Expression, { readonly key: string; readonly negated: boolean }>;
  /** Keys of property reads, forgotten at an `await` or `yield`. */
  readonly volatile: ReadonlySet<string>;
  /**
   * Whether a promise binding is truthy (`asyncResult || …`), keyed by its symbol and by its declaration: `let p;`
   * makes it falsy, a store truthy, any other write unknown.
   */
  readonly byBinding: ReadonlyMap<ts.Symbol | ts.Node, string>;
}

interface StableCondition {
  readonly text: string;
  readonly negated: boolean;
  readonly declaration: ts.Node;
  readonly readsProperty: boolean;
}

function correlatedConditions(checker: ts.TypeChecker, graph: FlowGraph, bindings: ReadonlySet<ts.Symbol>): CorrelatedConditions {
  const byBinding = new Map<ts.Symbol | ts.Node, string>();
  const bindingTests = new Map<ts.Expression, string>();
  const conditions = new Map<string, { condition: StableCondition; tests: { test: ts.Expression; negated: boolean }[] }>();
  const changed = new Map<ts.Symbol, boolean>();
  for (const block of graph.blocks) {
    for (const edge of block.successors) {
      // Each test has a truthy and a falsy edge: count it once.
      if (!edge.assumes?.truthy) continue;
      const test = skipParentheses(edge.assumes.test);
      const binding = ts.isIdentifier(test) ? checker.getSymbolAtLocation(test) : undefined;
      if (binding && bindings.has(binding)) {
        let key = byBinding.get(binding);
        if (key === undefined) {
          key = `b${byBinding.size}`;
          byBinding.set(binding, key);
          if (binding.valueDeclaration) byBinding.set(binding.valueDeclaration, key);
        }
        bindingTests.set(edge.assumes.test, key);
        continue;
      }
      const condition = stableCondition(checker, edge.assumes.test, graph.container, changed);
      if (!condition) continue;
      const known = conditions.get(condition.text) ?? { condition, tests: [] };
      known.tests.push({ test: edge.assumes!.test, negated: condition.negated });
      conditions.set(condition.text, known);
    }
  }
  const byDeclaration = new Map<ts.Node, string[]>();
  const byTest = new Map<ts.Expression, { key: string; negated: boolean }>();
  const volatile = new Set<string>();
  let keys = 0;
  for (const { condition, tests } of conditions.values()) {
    // One test correlates with itself in the next turn of a loop.
    if (tests.length < 2 && !isInLoop(tests[0]!.test, graph.container)) continue;
    const key = String(keys++);
    byDeclaration.set(condition.declaration, [...(byDeclaration.get(condition.declaration) ?? []), key]);
    for (const { test, negated } of tests) byTest.set(test, { key, negated });
    if (condition.readsProperty) volatile.add(key);
  }
  for (const [test, key] of bindingTests) byTest.set(test, { key, negated: false });
  return { byDeclaration, byTest, volatile, byBinding };
}

function isInLoop(node: ts.Node, container: ts.Node): boolean {
  for (let current = node.parent; current && current !== container; current = current.parent) {
    if (ts.isIterationStatement(current, false)) return true;
  }
  return false;
}

function stableCondition(checker: ts.TypeChecker, test: ts.Expression, container: ts.Node, changed: Map<ts.Symbol, boolean>): StableCondition | undefined {
  const node = skipParentheses(test);
  let side: ts.Expression = node;
  let comparison = "";
  let negated = false;
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    if (kind === ts.SyntaxKind.InstanceOfKeyword) {
      // `outcome instanceof Promise`: the class is read like the reference.
      if (!referenceRoot(node.right)) return undefined;
      side = skipParentheses(node.left);
      comparison = ` instanceof ${compact(node.right)}`;
    } else {
      const strict = kind === ts.SyntaxKind.EqualsEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsEqualsToken;
      const loose = kind === ts.SyntaxKind.EqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
      if (!strict && !loose) return undefined;
      negated = kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || kind === ts.SyntaxKind.ExclamationEqualsToken;
      const literalOnRight = isLiteralOperand(node.right);
      if (!literalOnRight && !isLiteralOperand(node.left)) return undefined;
      side = skipParentheses(literalOnRight ? node.left : node.right);
      comparison = ` ${strict ? "===" : "=="} ${compact(literalOnRight ? node.right : node.left)}`;
    }
  }
  // `typeof value === "string"` reads `value`.
  const reference = ts.isTypeOfExpression(side) ? skipParentheses(side.expression) : side;
  const root = referenceRoot(reference);
  if (!root) return undefined;
  const symbol = checker.getSymbolAtLocation(root);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !(ts.isVariableDeclaration(declaration) || ts.isParameter(declaration)) || !ts.isIdentifier(declaration.name)) return undefined;
  const readsProperty = reference !== root;
  if (ts.isVariableDeclaration(declaration) ? !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) : declaration.parent !== container) return undefined;
  if (ts.isParameter(declaration) || readsProperty) {
    if (!changed.has(symbol)) changed.set(symbol, isChangedIn(checker, container, symbol));
    if (changed.get(symbol)) return undefined;
  }
  return { text: compact(side) + comparison, negated, declaration, readsProperty };
}

function compact(node: ts.Node): string {
  return node.getText().replace(/\s+/g, "");
}

/** `flag`, `options.force`, `ctx?.async`, `config!.mode`: the binding a chain of property reads starts from. */
function referenceRoot(node: ts.Expression): ts.Identifier | undefined {
  const inner = skipParentheses(node);
  if (ts.isIdentifier(inner)) return inner;
  if (ts.isPropertyAccessExpression(inner) || ts.isNonNullExpression(inner)) return referenceRoot(inner.expression);
  return undefined;
}

function isLiteralOperand(node: ts.Expression): boolean {
  const inner = skipParentheses(node);
  return (
    inner.kind === ts.SyntaxKind.TrueKeyword ||
    inner.kind === ts.SyntaxKind.FalseKeyword ||
    inner.kind === ts.SyntaxKind.NullKeyword ||
    isUndefinedLiteral(inner) ||
    ts.isStringLiteral(inner) ||
    ts.isNumericLiteral(inner) ||
    ts.isNoSubstitutionTemplateLiteral(inner)
  );
}

/** The binding, or a property reached from it (`options.force = true`, `delete ctx.async`), is written in `container`. */
function isChangedIn(checker: ts.TypeChecker, container: ts.Node, symbol: ts.Symbol): boolean {
  const name = symbol.getName();
  const visit = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node) && node.text === name && checker.getSymbolAtLocation(node) === symbol) {
      if (writeOf(node)) return true;
      let top: ts.Node = node;
      while ((ts.isPropertyAccessExpression(top.parent) || ts.isElementAccessExpression(top.parent)) && top.parent.expression === top) top = top.parent;
      if (top !== node && (isWriteTarget(top) || ts.isDeleteExpression(top.parent))) return true;
    }
    return ts.forEachChild(node, visit) === true;
  };
  return visit(container);
}

function isWriteTarget(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && parent.left === node && isAssignmentOperator(parent.operatorToken.kind)) return true;
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  }
  return isDestructuringTarget(node);
}

/** More entries than this in one fact and they forget their conditions: the analysis is as before, path-insensitive. */
const maxEntriesPerFact = 64;

/** Taking a branch on a correlated condition: entries pending only under the other branch are not on this path. */
function assumeCondition(correlated: CorrelatedConditions, edge: FlowEdge, output: ReadonlySet<string>): ReadonlySet<string> {
  const test = correlated.byTest.get(edge.assumes!.test);
  if (test === undefined) return output;
  const holds = edge.assumes!.truthy !== test.negated;
  const taken = `${test.key}${holds ? "+" : "-"}`;
  const other = `${test.key}${holds ? "-" : "+"}`;
  const next = new Set<string>();
  for (const entry of output) {
    const [id, guard] = entry.split("|");
    const literals = guard ? guard.split(",") : [];
    if (literals.includes(other)) continue;
    if (!literals.includes(taken)) literals.push(taken);
    next.add(`${id}|${literals.sort().join(",")}`);
  }
  if (next.size <= maxEntriesPerFact) return next;
  return new Set([...next].map((entry) => entry.split("|")[0]!));
}

/** On every path here, the condition of `key` holds (or does not): entries say so instead of what they said before. */
function setCondition(pending: ReadonlySet<string>, key: string, holds: boolean): ReadonlySet<string> {
  const literal = `${key}${holds ? "+" : "-"}`;
  const next = new Set<string>();
  for (const entry of pending) {
    const [id, guard] = entry.split("|");
    const literals = guard ? guard.split(",").filter((other) => other.slice(0, -1) !== key) : [];
    next.add(`${id}|${[...literals, literal].sort().join(",")}`);
  }
  return next;
}

/** Entries no longer know which branch the conditions of `keys` take. */
function forgetConditions(pending: ReadonlySet<string>, keys: ReadonlySet<string>): ReadonlySet<string> {
  if (keys.size === 0 || ![...pending].some((entry) => entry.includes("|"))) return pending;
  const next = new Set<string>();
  for (const entry of pending) {
    const [id, guard] = entry.split("|");
    const literals = guard ? guard.split(",").filter((literal) => !keys.has(literal.slice(0, -1))) : [];
    next.add(literals.length > 0 ? `${id}|${literals.join(",")}` : id!);
  }
  return next;
}

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
    const nothing = other.kind === ts.SyntaxKind.NullKeyword || isUndefinedLiteral(other) || ts.isVoidExpression(other);
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
  // Every member must be a promise (or array of them): `Map.get`, `find`, `pop` return `Promise | undefined` from a
  // collection — a lookup of work someone else started, not new work of this function.
  const type = ts.isCallExpression(node) ? callResultType(checker, node) : checker.getTypeAtLocation(node);
  const parts = type.isUnion() ? type.types : [type];
  if (!parts.every((part) => isThenableType(checker, part, node) || isThenableArrayType(checker, part, node))) return false;
  if (!isThenableType(checker, type, node)) return true;
  if (ts.isCallExpression(node)) {
    const method = methodCall(node);
    const handler = method?.name === "catch" ? node.arguments[0] : method?.name === "then" ? node.arguments[1] : undefined;
    if (handler && isFunctionValued(checker, handler) && !isNullish(handler)) return false;
  }
  return true;
}

function isNullish(node: ts.Expression): boolean {
  const inner = skipParentheses(node);
  return inner.kind === ts.SyntaxKind.NullKeyword || isUndefinedLiteral(inner);
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
 * When `identifier` is written rather than read: `p = …` ("plain", the assignment node), a compound or logical
 * assignment (which also reads it), or a destructuring / `for…of` target ("plain" on the identifier itself).
 */
function writeOf(identifier: ts.Identifier): { kind: "plain" | "compound"; node: ts.Node } | undefined {
  let child: ts.Node = identifier;
  let parent = identifier.parent;
  while (ts.isParenthesizedExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (ts.isBinaryExpression(parent) && parent.left === child && isAssignmentOperator(parent.operatorToken.kind)) {
    return { kind: parent.operatorToken.kind === ts.SyntaxKind.EqualsToken ? "plain" : "compound", node: parent };
  }
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    const operator = parent.operator;
    if (operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken) return { kind: "compound", node: parent };
  }
  if (isDestructuringTarget(child)) return { kind: "plain", node: identifier };
  if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === child) return { kind: "plain", node: identifier };
  return undefined;
}

function isDestructuringTarget(node: ts.Node): boolean {
  let child = node;
  let parent = node.parent;
  for (;;) {
    if (ts.isShorthandPropertyAssignment(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent)) {
      // go on to the literal
    } else if (ts.isPropertyAssignment(parent)) {
      if (parent.initializer !== child) return false;
    } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.left === child) {
      // `[p = dflt] = …` inside a pattern, or the outer assignment
      if (ts.isArrayLiteralExpression(child) || ts.isObjectLiteralExpression(child)) return true;
      if (!ts.isArrayLiteralExpression(parent.parent) && !ts.isObjectLiteralElementLike(parent.parent)) return false;
    } else if (!ts.isArrayLiteralExpression(parent) && !ts.isObjectLiteralExpression(parent)) {
      if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === child) {
        return ts.isArrayLiteralExpression(child) || ts.isObjectLiteralExpression(child);
      }
      return false;
    }
    child = parent;
    parent = parent.parent;
  }
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
