import { ts } from "../../typescript";
import { isFunctionLike, skipParentheses } from "../../analysis/syntax";
import type { Finding, NurseryFixData, TextSpan } from "../../analysis/types";
import { ensureNamedImport, importedName } from "../imports";
import { expressionAt } from "../locate";
import type { Fix, FixContext, TextEdit } from "../types";
import {
  enclosingFunction,
  fileDeclares,
  isUsing,
  referencesIn,
  regionEdits,
  statementIn,
  type FunctionWithBlock,
  type Outcome,
} from "./region";
import { containsOwnAwait } from "./hazards";
import { isReason, loopSpawnEdits, mapCallbackToFunctionEdits, signalEdits, spawnEdits } from "./spawn";
import { freshName, identifierTexts } from "./text";

/**
 * run-in-nursery: rewrites orphaned async work into a nursery block of the runtime, so nothing outlives the function
 * and the first failure cancels the rest. Unsafe (it changes timing on failure, and when the function returns), and
 * only ever applied one at a time, by a person. Where moving code into a callback would change its meaning, the fix
 * is listed but disabled, with the reason.
 */
export const runInNursery: Fix = {
  id: "run-in-nursery",
  title: "Run in a nursery",
  safety: "unsafe",
  edits(sourceFile, finding, context) {
    const outcome = plan(sourceFile, finding, context);
    return "edits" in outcome ? outcome.edits : undefined;
  },
  unavailableReason(sourceFile, finding, context) {
    const outcome = plan(sourceFile, finding, context);
    return "reason" in outcome ? outcome.reason : undefined;
  },
};

function plan(sourceFile: ts.SourceFile, finding: Finding, context: FixContext): Outcome {
  const data = finding.data.nursery;
  if (!data) return { reason: "The finding carries no data for this rewrite." };
  if (data.unavailable) return { reason: data.unavailable };
  switch (finding.rule) {
    case "floating-promise":
      return floatingStatement(sourceFile, finding, data, context);
    case "misused-promise":
      return callbackStatement(sourceFile, finding, data, context);
    case "unawaited-task":
      return storedPromise(sourceFile, finding, data, context);
    case "leaky-all":
      return promiseAll(sourceFile, finding, data, context);
    case "leaky-race":
      return promiseRace(sourceFile, finding, data, context);
    default:
      return { reason: `No nursery rewrite for \`${finding.rule}\`.` };
  }
}

function nodeAt<T extends ts.Node>(sourceFile: ts.SourceFile, span: TextSpan | undefined, test: (node: ts.Node) => node is T): T | undefined {
  if (!span) return undefined;
  let found: T | undefined;
  const visit = (node: ts.Node): void => {
    if (found || node.getStart(sourceFile) > span.start || node.getEnd() < span.end) return;
    if (node.getStart(sourceFile) === span.start && node.getEnd() === span.end && test(node)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

const moved = "The code changed since the finding was reported.";

/** A name for the nursery parameter that shadows nothing the function reads. */
function scopeNameFor(fn: ts.Node): string {
  return freshName("n", identifierTexts(fn));
}

/**
 * The region of a promise nobody waits for: from the statement that starts it to the end of the function body, so
 * everything that ran alongside it still does, and the function returns only when it is done.
 */
function toEndOfFunction(sourceFile: ts.SourceFile, statement: ts.Statement, data: NurseryFixData, context: FixContext, inner: (scopeName: string) => TextEdit[] | { reason: string }): Outcome {
  const enclosing = enclosingFunction(statement);
  if ("reason" in enclosing) return enclosing;
  const { fn } = enclosing;
  const top = statementIn(fn.body, statement);
  if (!top) return { reason: moved };
  const scopeName = scopeNameFor(fn);
  const edits = inner(scopeName);
  if (isReason(edits)) return edits;
  const first = fn.body.statements.indexOf(top);
  return regionEdits(sourceFile, { fn, block: fn.body, first, last: fn.body.statements.length - 1, edits, scopeName }, context.runtimeModule, !!data.belowES2017);
}

function isCallbackLoop(expression: ts.Expression): expression is ts.CallExpression {
  const callee = ts.isCallExpression(expression) ? skipParentheses(expression.expression) : undefined;
  return !!callee && ts.isPropertyAccessExpression(callee) && (callee.name.text === "forEach" || callee.name.text === "map");
}

/** floating-promise: `audit(u);` → `n.spawn((signal) => audit(u, signal));`, `xs.map(async …);` → a spawning loop. */
function floatingStatement(sourceFile: ts.SourceFile, finding: Finding, data: NurseryFixData, context: FixContext): Outcome {
  const statement = nodeAt(sourceFile, finding.range, ts.isExpressionStatement);
  const expression = finding.data.expression && expressionAt(sourceFile, finding.data.expression);
  if (!statement || !expression || statement.expression !== expression) return { reason: moved };
  if (isCallbackLoop(expression)) {
    return toEndOfFunction(sourceFile, statement, data, context, (scopeName) => loopSpawnEdits(sourceFile, data, expression, scopeName));
  }
  if (finding.data.fixes.includes("await-all")) return { reason: "An array of promises that is not made by `xs.map(callback)`." };
  return toEndOfFunction(sourceFile, statement, data, context, (scopeName) => spawnEdits(sourceFile, data, expression, scopeName));
}

/** misused-promise: `xs.forEach(async (x) => …);` → `for (const x of xs) n.spawn(async () => …);` in a nursery. */
function callbackStatement(sourceFile: ts.SourceFile, finding: Finding, data: NurseryFixData, context: FixContext): Outcome {
  const call = finding.data.expression && expressionAt(sourceFile, finding.data.expression);
  if (!call || !ts.isCallExpression(call) || !ts.isExpressionStatement(call.parent) || !isCallbackLoop(call)) return { reason: moved };
  return toEndOfFunction(sourceFile, call.parent, data, context, (scopeName) => loopSpawnEdits(sourceFile, data, call, scopeName));
}

/** A `const p = work();` that can become `const p = n.spawn(() => work());`. */
interface TaskStore {
  statement: ts.VariableStatement;
  declaration: ts.VariableDeclaration & { name: ts.Identifier; initializer: ts.Expression };
}

function taskStoreOf(statement: ts.Statement, data: NurseryFixData, sourceFile: ts.SourceFile): TaskStore | undefined {
  if (!ts.isVariableStatement(statement)) return undefined;
  const list = statement.declarationList;
  if (list.declarations.length !== 1 || isUsing(list)) return undefined;
  const declaration = list.declarations[0]!;
  if (!ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  const start = declaration.getStart(sourceFile);
  if (!data.promiseStores.some((span) => span.start === start && span.end === declaration.getEnd())) return undefined;
  return { statement, declaration: declaration as TaskStore["declaration"] };
}

/**
 * Why a reference to a stored promise cannot read a task's `result` instead, or undefined when it can: it is awaited,
 * returned or listed in `Promise.all([…])`, outside any `try…catch` inside the region (a task's failure fails the
 * whole nursery, so a rejection the code catches would now escape).
 */
function referenceProblem(reference: ts.Identifier, block: ts.Block): string | undefined {
  let node: ts.Node = reference;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  const all =
    ts.isArrayLiteralExpression(parent) &&
    ts.isCallExpression(parent.parent) &&
    parent.parent.arguments[0] === parent &&
    /^Promise\s*\.\s*all$/.test(parent.parent.expression.getText());
  if (!ts.isAwaitExpression(parent) && !ts.isReturnStatement(parent) && !all) {
    return `\`${reference.text}\` is used as a promise in a way a task's \`result\` cannot replace here.`;
  }
  for (let current: ts.Node = parent; current !== block; current = current.parent) {
    if (isFunctionLike(current)) return `\`${reference.text}\` is used inside a nested function, which may run after the nursery closes.`;
    if (ts.isTryStatement(current.parent) && current.parent.tryBlock === current && current.parent.catchClause) {
      return `\`${reference.text}\` is awaited inside \`try…catch\`: as a task, its failure would fail the whole nursery instead of reaching the \`catch\`.`;
    }
  }
  return undefined;
}

/**
 * Promises stored in locals of `block` become tasks: the region runs from the first store to the last statement that
 * reads one, takes in neighbouring stores whose reads all fall inside it, and reads `p.result` where it read `p`.
 */
function taskRegion(
  sourceFile: ts.SourceFile,
  fn: FunctionWithBlock,
  block: ts.Block,
  primary: TaskStore[],
  lastAtLeast: number,
  untilFunctionEnd: boolean,
  extraEdits: (scopeName: string) => TextEdit[] | { reason: string },
  data: NurseryFixData,
  context: FixContext,
): Outcome {
  const statements = block.statements;
  const stores = new Map<string, TaskStore>(primary.map((store) => [store.declaration.name.text, store]));
  const usesOf = (name: string, from: number): number[] => {
    const found: number[] = [];
    for (let index = from; index < statements.length; index++) {
      if (referencesIn(statements[index]!).get(name)?.some((reference) => reference.identifier !== stores.get(name)?.declaration.name)) found.push(index);
    }
    return found;
  };
  for (const store of primary) {
    const name = store.declaration.name.text;
    const declaredAt = statements.indexOf(store.statement);
    if (fn.body.statements.length === 0 || declaredAt < 0) return { reason: moved };
    if ((store.statement.declarationList.flags & ts.NodeFlags.Let) && referencesIn(fn.body).get(name)?.some((reference) => reference.write)) {
      return { reason: `\`${name}\` is re-assigned, so it cannot hold a task.` };
    }
  }
  let first = Math.min(...primary.map((store) => statements.indexOf(store.statement)));
  let last = Math.max(lastAtLeast, first, ...primary.flatMap((store) => usesOf(store.declaration.name.text, statements.indexOf(store.statement))));
  let regionBlock = block;
  if (untilFunctionEnd) {
    // Some path leaves the promise running: the nursery must hold the rest of the function, not just the reads.
    const top = statementIn(fn.body, block.statements[first]!);
    if (!top) return { reason: moved };
    regionBlock = fn.body;
    first = fn.body.statements.indexOf(top);
    last = fn.body.statements.length - 1;
  }
  if (regionBlock === block) {
    // Neighbouring stores: right before the region, or inside it, whose every read is inside it too.
    const fits = (store: TaskStore, at: number) => {
      const name = store.declaration.name.text;
      if (stores.has(name) || store.statement.declarationList.flags & ts.NodeFlags.Let) return false;
      const uses = usesOf(name, at);
      return (
        uses.length > 0 &&
        uses.every((index) => index <= last) &&
        uses.every((index) => referencesInStatement(statements[index]!, name).every((reference) => !referenceProblem(reference, block)))
      );
    };
    for (let index = first - 1; index >= 0; index--) {
      const store = taskStoreOf(statements[index]!, data, sourceFile);
      if (!store || !fits(store, index)) break;
      stores.set(store.declaration.name.text, store);
      first = index;
    }
    for (let index = first; index <= last; index++) {
      const store = taskStoreOf(statements[index]!, data, sourceFile);
      if (store && fits(store, index)) stores.set(store.declaration.name.text, store);
    }
  }

  const scopeName = scopeNameFor(fn);
  const edits: TextEdit[] = [];
  for (const [name, store] of stores) {
    const at = statements.indexOf(store.statement);
    for (const index of usesOf(name, at)) {
      for (const reference of referencesInStatement(statements[index]!, name)) {
        const problem = referenceProblem(reference, block);
        if (problem) return { reason: problem };
        edits.push({ start: reference.getEnd(), end: reference.getEnd(), newText: ".result" });
      }
    }
    const spawn = spawnEdits(sourceFile, data, store.declaration.initializer, scopeName);
    if (isReason(spawn)) return spawn;
    edits.push(...spawn);
    // `const p: Promise<T> = …` now holds a Task<T>: let the compiler infer it.
    if (store.declaration.type) edits.push({ start: store.declaration.name.getEnd(), end: store.declaration.type.getEnd(), newText: "" });
  }
  const extra = extraEdits(scopeName);
  if (isReason(extra)) return extra;
  edits.push(...extra);
  return regionEdits(sourceFile, { fn, block: regionBlock, first, last, edits, scopeName }, context.runtimeModule, !!data.belowES2017);
}

function referencesInStatement(statement: ts.Statement, name: string): ts.Identifier[] {
  return (referencesIn(statement).get(name) ?? [])
    .map((reference) => reference.identifier)
    .filter((identifier) => !(ts.isVariableDeclaration(identifier.parent) && identifier.parent.name === identifier));
}

/** unawaited-task: `const b = g(); … await b;` → `const b = n.spawn(() => g()); … await b.result;` inside a nursery. */
function storedPromise(sourceFile: ts.SourceFile, finding: Finding, data: NurseryFixData, context: FixContext): Outcome {
  const declaration = nodeAt(sourceFile, finding.range, ts.isVariableDeclaration);
  if (!declaration) {
    return nodeAt(sourceFile, finding.range, ts.isBinaryExpression)
      ? { reason: "The promise is assigned to an existing variable; only a declaration (`const p = work()`) can become a task." }
      : { reason: moved };
  }
  const statement = declaration.parent.parent;
  const block = statement.parent;
  if (!ts.isVariableStatement(statement) || !ts.isBlock(block)) return { reason: "The declaration is not a statement of a block." };
  const store = taskStoreOf(statement, data, sourceFile);
  if (!store) return { reason: "Only a single `const p = work()` holding one promise can become a task." };
  const enclosing = enclosingFunction(statement);
  if ("reason" in enclosing) return enclosing;
  const used = block.statements.slice(block.statements.indexOf(statement) + 1).some((later) => referencesInStatement(later, store.declaration.name.text).length > 0);
  return taskRegion(sourceFile, enclosing.fn, block, [store], 0, !!data.untilFunctionEnd || !used, () => [], data, context);
}

function promiseAllCall(sourceFile: ts.SourceFile, finding: Finding): ts.CallExpression | undefined {
  const call = nodeAt(sourceFile, finding.range, ts.isCallExpression);
  const callee = call && skipParentheses(call.expression);
  return callee && ts.isPropertyAccessExpression(callee) && call.arguments.length === 1 ? call : undefined;
}

/**
 * leaky-all: `await Promise.all(xs.map(async (x) => …));` → a spawning loop in a nursery; a `Promise.all` whose value is
 * used → `nursery((n) => Promise.all(xs.map((x) => n.spawn(…).result)))` (same value, same order); stored promises in
 * the list become tasks.
 */
function promiseAll(sourceFile: ts.SourceFile, finding: Finding, data: NurseryFixData, context: FixContext): Outcome {
  const call = promiseAllCall(sourceFile, finding);
  if (!call) return { reason: moved };
  const method = (skipParentheses(call.expression) as ts.PropertyAccessExpression).name.text;
  if (method !== "all") {
    return { reason: `\`Promise.${method}\` waits for every outcome, while a nursery stops at the first failure.` };
  }
  const input = skipParentheses(call.arguments[0]!);
  let awaited: ts.Node = call;
  while (ts.isParenthesizedExpression(awaited.parent)) awaited = awaited.parent;
  const statement = ts.isAwaitExpression(awaited.parent) && ts.isExpressionStatement(awaited.parent.parent) ? awaited.parent.parent : undefined;

  if (ts.isCallExpression(input) && isCallbackLoop(input)) {
    if (statement && ts.isBlock(statement.parent)) {
      const enclosing = enclosingFunction(statement);
      if ("reason" in enclosing) return enclosing;
      const { fn } = enclosing;
      const scopeName = scopeNameFor(fn);
      const loop = loopSpawnEdits(sourceFile, data, input, scopeName);
      if (isReason(loop)) return loop;
      // The loop replaces the whole `await Promise.all(…)`; the nursery waits for the children instead.
      const edits = [
        { start: statement.getStart(sourceFile), end: input.getStart(sourceFile), newText: "" },
        ...loop,
        { start: input.getEnd(), end: statement.expression.getEnd(), newText: "" },
      ];
      const index = statement.parent.statements.indexOf(statement);
      return regionEdits(sourceFile, { fn, block: statement.parent, first: index, last: index, edits: mergeAdjacent(edits), scopeName }, context.runtimeModule, !!data.belowES2017);
    }
    return structuredAll(sourceFile, call, input, data, context);
  }
  if (!ts.isArrayLiteralExpression(input)) return { reason: "`Promise.all` over a list that is not written out here (`[…]` or `xs.map(…)`)." };
  const elements = input.elements.map((element) => skipParentheses(element as ts.Expression));
  if (input.elements.some((element) => ts.isSpreadElement(element) || ts.isOmittedExpression(element))) {
    return { reason: "The list spreads or skips elements." };
  }
  const elementEdits = (scopeName: string): TextEdit[] | { reason: string } => {
    const edits: TextEdit[] = [];
    for (const element of elements) {
      if (ts.isIdentifier(element)) continue;
      if (!ts.isCallExpression(element) && !ts.isNewExpression(element)) return { reason: `\`${element.getText(sourceFile)}\` is not a call that can become a task.` };
      const spawn = spawnEdits(sourceFile, data, element, scopeName, ".result");
      if (isReason(spawn)) return spawn;
      edits.push(...spawn);
    }
    return edits;
  };
  const names = elements.filter(ts.isIdentifier);
  if (names.length === 0) return inlineAll(sourceFile, call, context, elementEdits);

  // Stored promises: they become tasks of a nursery around their declarations and this `Promise.all`.
  const holder = statementOfBlock(call);
  if (!holder) return { reason: "The `Promise.all` is not in a statement of a block." };
  const enclosing = enclosingFunction(holder);
  if ("reason" in enclosing) return enclosing;
  const block = holder.parent as ts.Block;
  const stores: TaskStore[] = [];
  for (const name of names) {
    const store = block.statements.map((statement) => taskStoreOf(statement, data, sourceFile)).find((candidate) => candidate?.declaration.name.text === name.text);
    if (!store || block.statements.indexOf(store.statement) > block.statements.indexOf(holder)) {
      return { reason: `\`${name.text}\` is not a promise started by a declaration in this block.` };
    }
    stores.push(store);
  }
  return taskRegion(sourceFile, enclosing.fn, block, stores, block.statements.indexOf(holder), false, elementEdits, data, context);
}

function statementOfBlock(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    if (isFunctionLike(current)) return undefined;
    if (ts.isBlock(current.parent) && ts.isStatement(current)) return current;
  }
  return undefined;
}

/** Joins edits that touch end to start (a deletion followed by an insertion at the same place) so they apply in order. */
function mergeAdjacent(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextEdit[] = [];
  for (const edit of sorted) {
    const previous = merged[merged.length - 1];
    if (previous && previous.end === edit.start && (previous.end > previous.start || edit.end > edit.start)) {
      merged[merged.length - 1] = { start: previous.start, end: edit.end, newText: previous.newText + edit.newText };
    } else {
      merged.push(edit);
    }
  }
  return merged;
}

/**
 * `Promise.all(xs.map(async (x) => …))` whose value is used → `all(xs.map((x) => async (signal) => …))`: the runtime's
 * structured `Promise.all` (a nursery inside), same value and order. An expression, so it works wherever the call stood.
 */
function structuredAll(sourceFile: ts.SourceFile, call: ts.CallExpression, map: ts.CallExpression, data: NurseryFixData, context: FixContext): Outcome {
  const imported = importedName(sourceFile, context.runtimeModule, "all");
  if (!imported && fileDeclares(sourceFile, "all")) return { reason: "`all` already names something else in this file." };
  const inner = mapCallbackToFunctionEdits(sourceFile, data, map.arguments[0]!);
  if (isReason(inner)) return inner;
  if (map.arguments.length !== 1) return { reason: "`map` is given a `this` argument." };
  const start = call.getStart(sourceFile);
  const edits = [{ start, end: call.expression.getEnd(), newText: imported ?? "all" }, ...inner];
  return { edits: [{ start, end: call.getEnd(), newText: applyLocal(sourceFile, start, call.getEnd(), edits) }, ...ensureNamedImport(sourceFile, context.runtimeModule, "all")] };
}

/** `Promise.all(list)` → `nursery((n) => Promise.all(list'))`: an expression, so it works wherever the call stood. */
function inlineAll(
  sourceFile: ts.SourceFile,
  call: ts.CallExpression,
  context: FixContext,
  listEdits: (scopeName: string) => TextEdit[] | { reason: string },
): Outcome {
  const nurseryName = importedName(sourceFile, context.runtimeModule, "nursery") ?? "nursery";
  if (!importedName(sourceFile, context.runtimeModule, "nursery") && fileDeclares(sourceFile, "nursery")) {
    return { reason: "`nursery` already names something else in this file." };
  }
  const scopeName = freshName("n", identifierTexts(call));
  const inner = listEdits(scopeName);
  if (isReason(inner)) return inner;
  const start = call.getStart(sourceFile);
  const edits = mergeAdjacent([
    { start, end: start, newText: `${nurseryName}((${scopeName}) => ` },
    ...inner,
    { start: call.getEnd(), end: call.getEnd(), newText: ")" },
  ]);
  const text = applyLocal(sourceFile, start, call.getEnd(), edits);
  return { edits: [{ start, end: call.getEnd(), newText: text }, ...ensureNamedImport(sourceFile, context.runtimeModule, "nursery")] };
}

/** The text of `[start, end)` with `edits` (offsets into the file) applied. */
function applyLocal(sourceFile: ts.SourceFile, start: number, end: number, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, order) => ({ edit, order })).sort((a, b) => b.edit.start - a.edit.start || b.order - a.order);
  let text = sourceFile.text.slice(start, end);
  for (const { edit } of ordered) text = text.slice(0, edit.start - start) + edit.newText + text.slice(edit.end - start);
  return text;
}

/**
 * leaky-race: `Promise.race([op(x), timeout])` → `race([(signal) => op(x, signal), (signal) => sleep(ms, signal)…])`
 * from the runtime, which cancels the losers and waits for them, so nothing keeps running after the race.
 */
function promiseRace(sourceFile: ts.SourceFile, finding: Finding, data: NurseryFixData, context: FixContext): Outcome {
  const call = finding.data.expression && expressionAt(sourceFile, finding.data.expression);
  const racers = data.racers;
  if (!call || !ts.isCallExpression(call) || !racers) return { reason: moved };
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "race") return { reason: "Only `Promise.race` has a runtime counterpart (`Promise.any` waits for the first success)." };
  const names = new Map<string, string>();
  for (const name of ["race", ...(racers.some((racer) => racer.kind === "timer") ? ["sleep"] : [])]) {
    const imported = importedName(sourceFile, context.runtimeModule, name);
    if (!imported && fileDeclares(sourceFile, name)) return { reason: `\`${name}\` already names something else in this file.` };
    names.set(name, imported ?? name);
  }
  const typeArguments = call.typeArguments ? "" : data.raceResultType ? `<${data.raceResultType}>` : "";
  const edits: TextEdit[] = [{ start: callee.getStart(sourceFile), end: callee.getEnd(), newText: names.get("race")! + typeArguments }];
  for (const racer of racers) {
    const element = expressionAt(sourceFile, racer.span);
    if (!element) return { reason: moved };
    const signalName = freshName("signal", identifierTexts(element), "taskSignal");
    if (racer.kind === "timer") {
      const sleep = `${names.get("sleep")!}(${racer.delay}, ${signalName})`;
      const newText =
        racer.rejection === undefined
          ? `(${signalName}) => ${sleep}`
          : `async (${signalName}) => {\n${bodyIndent(sourceFile, element)}await ${sleep};\n${bodyIndent(sourceFile, element)}throw ${racer.rejection};\n${lineOf(sourceFile, element)}}`;
      edits.push({ start: racer.span.start, end: racer.span.end, newText });
      continue;
    }
    if (!ts.isCallExpression(element)) return { reason: moved };
    if (containsOwnAwait(element)) return { reason: `\`${element.getText(sourceFile)}\` awaits before it starts its work.` };
    const signals = signalEdits(sourceFile, data, element, signalName);
    if (signals.length === 0) return { reason: `\`${element.getText(sourceFile)}\` takes no signal \`race()\` could abort.` };
    edits.push({ start: racer.span.start, end: racer.span.start, newText: `(${signalName}) => ` }, ...signals);
  }
  const start = call.getStart(sourceFile);
  const text = applyLocal(sourceFile, start, call.getEnd(), edits);
  const imports = [...names.keys()].flatMap((name) => ensureNamedImport(sourceFile, context.runtimeModule, name));
  return { edits: [{ start, end: call.getEnd(), newText: text }, ...mergeImports(imports)] };
}

/** Two new names from the same module in one fix: one import statement with both. */
function mergeImports(edits: TextEdit[]): TextEdit[] {
  if (edits.length < 2) return edits;
  const [first, ...rest] = edits;
  if (!rest.every((edit) => edit.start === first!.start && edit.end === first!.end)) return edits;
  const pattern = /^(\s*import \{ )([^}]*)( \}.*)$/s;
  const parts = edits.map((edit) => pattern.exec(edit.newText));
  if (parts.some((part) => !part)) {
    // Appended specifiers (`, sleep`) at the same place: concatenate.
    return [{ start: first!.start, end: first!.end, newText: edits.map((edit) => edit.newText).join("") }];
  }
  return [{ start: first!.start, end: first!.end, newText: `${parts[0]![1]}${parts.map((part) => part![2]).join(", ")}${parts[0]![3]}` }];
}

function lineOf(sourceFile: ts.SourceFile, node: ts.Node): string {
  const lineStart = sourceFile.getLineStarts()[sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line]!;
  return /^[ \t]*/.exec(sourceFile.text.slice(lineStart))![0];
}

function bodyIndent(sourceFile: ts.SourceFile, node: ts.Node): string {
  const outer = lineOf(sourceFile, node);
  const unit = /\n([ \t]+)\S/.exec(sourceFile.text)?.[1] ?? "  ";
  return outer + (unit.startsWith("\t") ? "\t" : unit);
}
