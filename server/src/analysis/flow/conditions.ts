import { ts } from "../../typescript";
import { isUndefinedLiteral, skipParentheses, writeOf } from "../syntax";
import type { FlowEdge, FlowGraph } from "./graph";

/*
 * Path conditions for "may" dataflow problems whose facts are sets of string entries. An entry is an id (`3`), or an
 * id with the branches of correlated conditions on the paths where it holds (`3|0+,b1-`: condition 0 was true, the
 * binding keyed b1 falsy). With correlated conditions, `*` entries (`*|0+`) are the paths themselves, so that what a
 * problem adds at a point (a store) can inherit their conditions. Taking a branch drops the entries that the branch
 * contradicts: a path the first test of a condition rules out is not followed past the second.
 */

/** The entry of a path, rather than of an id. */
const pathEntry = "*";

/** The fact at a function's entry: one path, with nothing known yet when there are conditions to follow. */
export function entryFact(correlated: CorrelatedConditions): ReadonlySet<string> {
  return correlated.byTest.size > 0 ? new Set([pathEntry]) : new Set();
}

export function isPathEntry(entry: string): boolean {
  return entry.startsWith(pathEntry);
}

/** The id of an entry (`3`, or `3|0+,1-`); not for a path entry (`*|0+`). */
export function entryId(entry: string): number {
  return Number.parseInt(entry, 10);
}

/** `id` made here: on each path the fact holds, under that path's conditions (plain `id` with no paths followed). */
export function addEntry(fact: ReadonlySet<string>, id: number): ReadonlySet<string> {
  const next = new Set(fact);
  let onPath = false;
  for (const entry of fact) {
    if (!isPathEntry(entry)) continue;
    onPath = true;
    next.add(`${id}${entry.slice(pathEntry.length)}`);
  }
  if (!onPath) next.add(String(id));
  return next;
}

function parseEntry(entry: string): { head: string; literals: string[] } {
  const [head, guard] = entry.split("|");
  return { head: head!, literals: guard ? guard.split(",") : [] };
}

function formatEntry(head: string, literals: readonly string[]): string {
  return literals.length > 0 ? `${head}|${[...literals].sort().join(",")}` : head;
}

/** The key a literal (`3+`, `b1-`) is about. */
function keyOf(literal: string): string {
  return literal.slice(0, -1);
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
export interface CorrelatedConditions {
  /** The keys reading each declaration: forgotten where it is declared again (a `const` in a loop). */
  readonly byDeclaration: ReadonlyMap<ts.Node, ReadonlySet<string>>;
  /** Each test's key, whether it negates the key's condition, and whether its non-nullish branch (`??`) makes it true. */
  readonly byTest: ReadonlyMap<ts.Expression, { readonly key: string; readonly negated: boolean; readonly truthyWhenNonNullish: boolean }>;
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

export function correlatedConditions(checker: ts.TypeChecker, graph: FlowGraph, bindings: ReadonlySet<ts.Symbol>): CorrelatedConditions {
  const byBinding = new Map<ts.Symbol | ts.Node, string>();
  const bindingTests = new Map<ts.Expression, { key: string; negated: boolean }>();
  const conditions = new Map<string, { condition: StableCondition; tests: { test: ts.Expression; negated: boolean }[] }>();
  const changed = new Map<ts.Symbol, boolean>();
  const seen = new Set<ts.Expression>();
  for (const block of graph.blocks) {
    for (const edge of block.successors) {
      // Each test has two edges (a truthy and a falsy one, or a nullish and a non-nullish one): count it once.
      if (!edge.assumes || seen.has(edge.assumes.test)) continue;
      seen.add(edge.assumes.test);
      const test = skipParentheses(edge.assumes.test);
      // `if (p)`, or `if (typeof p?.then === "function")`, or `if (ps.length === 0)` for an array: whether the binding
      // holds a promise (a thenable test says no exactly where the value is none, as a defensive check of a legacy
      // callback-style API does; an empty array holds none).
      const thenable = thenableTest(test);
      const emptiness = thenable ? undefined : emptinessTest(test);
      const holding = thenable ?? emptiness;
      const tested = holding?.reference ?? test;
      const binding = ts.isIdentifier(tested) ? checker.getSymbolAtLocation(tested) : undefined;
      // A length says what it holds only of an array (asked last: the type of a binding the rule tracks).
      if (binding && bindings.has(binding) && (!emptiness || isArrayLike(checker, tested))) {
        let key = byBinding.get(binding);
        if (key === undefined) {
          key = `b${byBinding.size}`;
          byBinding.set(binding, key);
          if (binding.valueDeclaration) byBinding.set(binding.valueDeclaration, key);
        }
        bindingTests.set(edge.assumes.test, { key, negated: holding?.negated ?? false });
        continue;
      }
      const condition = stableCondition(checker, edge.assumes.test, graph.container, changed);
      if (!condition) continue;
      // Two bindings of one name (`const quick` in two blocks) are two conditions.
      const identity = `${condition.declaration.pos}:${condition.text}`;
      const known = conditions.get(identity) ?? { condition, tests: [] };
      known.tests.push({ test: edge.assumes!.test, negated: condition.negated });
      conditions.set(identity, known);
    }
  }
  const byDeclaration = new Map<ts.Node, Set<string>>();
  const byTest = new Map<ts.Expression, { key: string; negated: boolean; truthyWhenNonNullish: boolean }>();
  // `a ?? b` keeps `a` only when it is not nullish: for a promise or `undefined`, that is when it is truthy.
  const truthyWhenNonNullish = (test: ts.Expression) => isNullishCoalesced(test) && hasNoFalsyValue(checker, test);
  const volatile = new Set<string>();
  // One test correlates with itself in the next turn of a loop. Past a few conditions, the entries of every fact
  // multiply (a 300-branch loop took 5 times as long): those tested once give way first, then all of them.
  const repeated = [...conditions.values()].filter(({ tests }) => tests.length > 1);
  const inLoops = [...conditions.values()].filter(({ tests }) => tests.length === 1 && isInLoop(tests[0]!.test, graph.container));
  const kept = repeated.length + inLoops.length <= maxConditions ? [...repeated, ...inLoops] : repeated.length <= maxConditions ? repeated : [];
  let keys = 0;
  for (const { condition, tests } of kept) {
    const key = String(keys++);
    byDeclaration.set(condition.declaration, (byDeclaration.get(condition.declaration) ?? new Set()).add(key));
    for (const { test, negated } of tests) byTest.set(test, { key, negated, truthyWhenNonNullish: !negated && truthyWhenNonNullish(test) });
    if (condition.readsProperty) volatile.add(key);
  }
  for (const [test, { key, negated }] of bindingTests) byTest.set(test, { key, negated, truthyWhenNonNullish: !negated && truthyWhenNonNullish(test) });
  return { byDeclaration, byTest, volatile, byBinding };
}

/** `typeof p.then === "function"` (or `p?.then`, `!==`, either side): the reference tested, and whether it tests for no thenable. */
function thenableTest(test: ts.Expression): { reference: ts.Expression; negated: boolean } | undefined {
  if (!ts.isBinaryExpression(test)) return undefined;
  const operator = test.operatorToken.kind;
  const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  if (!equal && operator !== ts.SyntaxKind.ExclamationEqualsEqualsToken && operator !== ts.SyntaxKind.ExclamationEqualsToken) return undefined;
  const left = skipParentheses(test.left);
  const right = skipParentheses(test.right);
  const typeOf = ts.isTypeOfExpression(left) ? left : ts.isTypeOfExpression(right) ? right : undefined;
  const other = typeOf === left ? right : left;
  if (!typeOf || !ts.isStringLiteralLike(other) || other.text !== "function") return undefined;
  const read = skipParentheses(typeOf.expression);
  if (!ts.isPropertyAccessExpression(read) || read.name.text !== "then") return undefined;
  return { reference: skipParentheses(read.expression), negated: !equal };
}

/**
 * `ps.length` (truthy: it holds some), `ps.length === 0`, `ps.length !== 0`, `ps.length > 0`, `ps.length < 1`, either
 * side: the reference tested, and whether the test being true says it holds none. Only an array's length says that.
 */
function emptinessTest(test: ts.Expression): { reference: ts.Expression; negated: boolean } | undefined {
  const lengthOf = (node: ts.Expression): ts.Expression | undefined => {
    const read = skipParentheses(node);
    return ts.isPropertyAccessExpression(read) && read.name.text === "length" ? skipParentheses(read.expression) : undefined;
  };
  const direct = lengthOf(test);
  if (direct) return { reference: direct, negated: false };
  if (!ts.isBinaryExpression(test)) return undefined;
  const isNumber = (node: ts.Expression, value: string) => ts.isNumericLiteral(skipParentheses(node)) && (skipParentheses(node) as ts.NumericLiteral).text === value;
  const operator = test.operatorToken.kind;
  const leftLength = lengthOf(test.left);
  const rightLength = leftLength ? undefined : lengthOf(test.right);
  const reference = leftLength ?? rightLength;
  if (!reference) return undefined;
  const other = leftLength ? test.right : test.left;
  const equality = [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken];
  const inequality = [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken];
  if (isNumber(other, "0") && equality.includes(operator)) return { reference, negated: true };
  if (isNumber(other, "0") && inequality.includes(operator)) return { reference, negated: false };
  // `ps.length > 0` / `0 < ps.length`, `ps.length < 1` / `1 > ps.length`.
  const greater = leftLength ? ts.SyntaxKind.GreaterThanToken : ts.SyntaxKind.LessThanToken;
  const less = leftLength ? ts.SyntaxKind.LessThanToken : ts.SyntaxKind.GreaterThanToken;
  if (isNumber(other, "0") && operator === greater) return { reference, negated: false };
  if (isNumber(other, "1") && operator === less) return { reference, negated: true };
  return undefined;
}

function isArrayLike(checker: ts.TypeChecker, reference: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(reference);
  return checker.isArrayType(type) || checker.isTupleType(type);
}

function isNullishCoalesced(test: ts.Expression): boolean {
  const parent = test.parent;
  return ts.isBinaryExpression(parent) && parent.left === test && (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken);
}

/** Every value of the type that is not `null` or `undefined` is truthy: objects, functions, symbols, `true`. */
function hasNoFalsyValue(checker: ts.TypeChecker, test: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(test);
  const parts = type.isUnion() ? type.types : [type];
  const mayBeFalsy = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.EnumLike | ts.TypeFlags.TypeParameter | ts.TypeFlags.Index | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional | ts.TypeFlags.Void;
  return parts.every((part) => (part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)) !== 0 || ((part.flags & mayBeFalsy) === 0 && (part.flags & ts.TypeFlags.BooleanLiteral) === 0) || isTrueLiteral(checker, part));
}

function isTrueLiteral(checker: ts.TypeChecker, type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.BooleanLiteral) !== 0 && type === checker.getTrueType();
}

/** Correlated conditions per function, at most. */
const maxConditions = 12;

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
      // `outcome instanceof Promise`: the class is declared (a global), or a binding that cannot be re-assigned.
      const classRoot = referenceRoot(node.right);
      const classDeclaration = classRoot && checker.getSymbolAtLocation(classRoot)?.valueDeclaration;
      const reassignable = (declaration: ts.Declaration) =>
        ts.isVariableDeclaration(declaration) &&
        !declaration.getSourceFile().isDeclarationFile &&
        !(ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Ambient) &&
        !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const);
      if (!classRoot || (classDeclaration && reassignable(classDeclaration))) return undefined;
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
      let top: ts.Identifier | ts.PropertyAccessExpression | ts.ElementAccessExpression = node;
      while ((ts.isPropertyAccessExpression(top.parent) || ts.isElementAccessExpression(top.parent)) && top.parent.expression === top) top = top.parent;
      if (top !== node && (writeOf(top) || ts.isDeleteExpression(top.parent))) return true;
    }
    return ts.forEachChild(node, visit) === true;
  };
  return visit(container);
}

/** More entries than this in one fact and they forget their conditions: the analysis is as before, path-insensitive. */
const maxEntriesPerFact = 64;

/** Taking a branch on a correlated condition: entries pending only under the other branch are not on this path. */
export function assumeCondition(correlated: CorrelatedConditions, edge: FlowEdge, output: ReadonlySet<string>): ReadonlySet<string> {
  const test = correlated.byTest.get(edge.assumes!.test);
  if (test === undefined || (edge.assumes!.nonNullish && !test.truthyWhenNonNullish)) return output;
  const holds = edge.assumes!.truthy !== test.negated;
  const taken = `${test.key}${holds ? "+" : "-"}`;
  const other = `${test.key}${holds ? "-" : "+"}`;
  const next = new Set<string>();
  for (const entry of output) {
    const { head, literals } = parseEntry(entry);
    if (literals.includes(other)) continue;
    next.add(formatEntry(head, literals.includes(taken) ? literals : [...literals, taken]));
  }
  if (next.size <= maxEntriesPerFact) return next;
  return new Set([...next].map((entry) => parseEntry(entry).head));
}

/** On every path here, the condition of `key` holds (or does not): entries say so instead of what they said before. */
export function setCondition(pending: ReadonlySet<string>, key: string, holds: boolean): ReadonlySet<string> {
  const literal = `${key}${holds ? "+" : "-"}`;
  const next = new Set<string>();
  for (const entry of pending) {
    const { head, literals } = parseEntry(entry);
    next.add(formatEntry(head, [...literals.filter((other) => keyOf(other) !== key), literal]));
  }
  return next;
}

/** Entries no longer know which branch the conditions of `keys` take. */
export function forgetConditions(pending: ReadonlySet<string>, keys: ReadonlySet<string>): ReadonlySet<string> {
  if (keys.size === 0 || ![...pending].some((entry) => entry.includes("|"))) return pending;
  const next = new Set<string>();
  for (const entry of pending) {
    const { head, literals } = parseEntry(entry);
    next.add(formatEntry(head, literals.filter((literal) => !keys.has(keyOf(literal)))));
  }
  return next;
}
