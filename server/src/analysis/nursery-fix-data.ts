import { ts } from "../typescript";
import { callPassesSignal, signalArgumentFor, signalSlotOf, timerPromiseOf } from "./signals";
import { isFunctionLike, skipParentheses } from "./syntax";
import { isThenableArrayType, isThenableType } from "./thenable";
import type { FindingData, NurseryFixData, RacerData, RuleContext, TextSpan } from "./types";

/**
 * The checker's answers that the run-in-nursery rewrite needs (the fix itself sees only syntax): which calls in the
 * function around `node` accept an AbortSignal they are not given, and which declarations store a new promise.
 * Rules call this when they report a finding that offers run-in-nursery.
 */
export function nurseryFixData(context: RuleContext<any>, node: ts.Node): NurseryFixData {
  const { checker, sourceFile, program } = context;
  const scope = enclosingFunctionBody(node) ?? sourceFile;
  const cached = cache.get(scope);
  if (cached && cached.checker === checker) return cached.data;
  const signalCalls: NurseryFixData["signalCalls"] = [];
  const promiseStores: TextSpan[] = [];
  const visit = (current: ts.Node): void => {
    if (ts.isCallExpression(current) && makesPromise(checker, current)) {
      const slot = signalSlotOf(checker, current);
      if (slot && !callPassesSignal(checker, current)) {
        const argument = signalArgumentFor(current, slot, "signal");
        if (argument) signalCalls.push(argument);
      }
    }
    if (
      ts.isVariableDeclaration(current) &&
      ts.isIdentifier(current.name) &&
      current.initializer &&
      isStartedWork(skipParentheses(current.initializer)) &&
      makesPromise(checker, current.initializer)
    ) {
      promiseStores.push({ start: current.getStart(sourceFile), end: current.getEnd() });
    }
    ts.forEachChild(current, visit);
  };
  ts.forEachChild(scope, visit);
  const target = program.getCompilerOptions().target ?? ts.ScriptTarget.ES2022;
  const data: NurseryFixData = { signalCalls, promiseStores, ...(target < ts.ScriptTarget.ES2017 ? { belowES2017: true } : {}) };
  cache.set(scope, { checker, data });
  return data;
}

/**
 * Makes `data.nursery` computed on first read. Only an editor asking for the rewrite reads it, and computing it walks
 * the whole function with the checker — too costly to do for every finding of a CLI run.
 */
export function withLazyNurseryData<T extends FindingData>(data: T, compute: () => NurseryFixData): T {
  let value: NurseryFixData | undefined;
  Object.defineProperty(data, "nursery", { enumerable: true, configurable: true, get: () => (value ??= compute()) });
  return data;
}

/** Per-function answers, so several findings in one function ask the checker once. */
const cache = new WeakMap<ts.Node, { checker: ts.TypeChecker; data: NurseryFixData }>();

/**
 * leaky-race: how each element of `Promise.race([…])` becomes a function of the signal for the runtime's `race()`,
 * which cancels the losers and waits for them. Every element must stop when its signal aborts, or `race()` would wait
 * for it to finish on its own: a call that takes a signal and has none yet, or a timer rewritten to `sleep(ms, signal)`.
 */
export function raceFixData(context: RuleContext<any>, race: ts.CallExpression, array: ts.ArrayLiteralExpression): NurseryFixData {
  const { checker, program, sourceFile } = context;
  const data = nurseryFixData(context, race);
  const racers: RacerData[] = [];
  let unavailable: string | undefined;
  for (const element of array.elements) {
    const node = ts.isSpreadElement(element) || ts.isOmittedExpression(element) ? undefined : skipParentheses(element);
    const span = node && { start: node.getStart(sourceFile), end: node.getEnd() };
    const timer = node && timerPromiseOf(program, checker, node);
    if (node && span && timer) {
      const rejection = timer.rejects ? rejectionText(node, sourceFile) : undefined;
      if (timer.delay !== undefined && !timer.resolvesWithValue && (!timer.rejects || rejection !== undefined)) {
        racers.push({ kind: "timer", span, delay: timer.delay, ...(rejection !== undefined ? { rejection } : {}) });
        continue;
      }
      unavailable ??= `The timer \`${node.getText(sourceFile)}\` cannot be rewritten to a cancellable \`sleep\`, and \`race()\` would wait for it.`;
      continue;
    }
    if (node && span && ts.isCallExpression(node) && !callPassesSignal(checker, node) && signalSlotOf(checker, node)) {
      racers.push({ kind: "call", span });
      continue;
    }
    const text = node ? node.getText(sourceFile) : element.getText(sourceFile);
    unavailable ??= `\`${text}\` takes no signal that \`race()\` could abort: the runtime's \`race()\` waits for its losers, so it would wait for this one to finish.`;
  }
  // A sleep resolves with `undefined` where the operation resolves with a value: `race()` cannot infer that union from
  // its functions, so it gets the type `Promise.race` had.
  let resultType: string | undefined;
  if (racers.some((racer) => racer.kind === "timer" && racer.rejection === undefined)) {
    const awaited = checker.getAwaitedType(checker.getTypeAtLocation(race));
    resultType = awaited && checker.typeToString(awaited, race, ts.TypeFormatFlags.NoTruncation);
    if (!resultType || /\bimport\(|\bany\b/.test(resultType)) unavailable ??= "The race's result type cannot be written here for `race()`.";
  }
  return { ...data, racers, ...(resultType ? { raceResultType: resultType } : {}), ...(unavailable ? { unavailable } : {}) };
}

/** The error a timer promise `new Promise((_, reject) => setTimeout(() => reject(e), ms))` rejects with, as source text. */
function rejectionText(node: ts.Expression, sourceFile: ts.SourceFile): string | undefined {
  if (!ts.isNewExpression(node)) return undefined;
  const executor = node.arguments?.[0] && skipParentheses(node.arguments[0]);
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
  const rejectName = executor.parameters[1]?.name;
  if (!rejectName || !ts.isIdentifier(rejectName)) return undefined;
  let found: string | undefined;
  const visit = (current: ts.Node): void => {
    if (found !== undefined) return;
    if (ts.isCallExpression(current) && ts.isIdentifier(current.expression) && current.expression.text === rejectName.text) {
      const argument = current.arguments[0];
      found = argument ? argument.getText(sourceFile) : "undefined";
      return;
    }
    if (ts.isIdentifier(current) && current.text === rejectName.text && current !== rejectName) {
      // `setTimeout(reject, ms)`: rejects with no reason.
      found = "undefined";
      return;
    }
    ts.forEachChild(current, visit);
  };
  ts.forEachChild(executor.body, visit);
  return found;
}

function enclosingFunctionBody(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    // A callback is spawned as a whole; the function whose statements move is the one that declares a body block.
    if (isFunctionLike(current) && !isNestedCallback(current)) return current.body;
  }
  return undefined;
}

/** `xs.map(async (x) => …)` or `xs.forEach(…)`: an argument function, whose calls belong to the function around it. */
function isNestedCallback(fn: ts.Node): boolean {
  let outer: ts.Node = fn;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(outer.parent) && outer.parent.arguments.includes(outer as ts.Expression);
}

/** A call or `new` starts work; reading an existing promise (`this.ready`) does not. */
function isStartedWork(node: ts.Expression): boolean {
  return ts.isCallExpression(node) || ts.isNewExpression(node);
}

function makesPromise(checker: ts.TypeChecker, node: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(node);
  return !isThenableArrayType(checker, type, node) && isThenableType(checker, type, node);
}
