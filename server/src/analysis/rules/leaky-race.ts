import { ts } from "../../typescript";
import {
  callPassesSignal,
  createSignalScopeCache,
  promiseCombinatorCall,
  signalArgumentFor,
  signalSlotOf,
  signalsInScope,
  timerPromiseOf,
  type TimerPromise,
} from "../signals";
import { calleeName, methodCall, skipParentheses } from "../syntax";
import type { FindingData, Rule } from "../types";
import { raceFixData, withLazyNurseryData } from "../nursery-fix-data";

const messages = {
  leakyTimer:
    "`Promise.{{method}}` leaves its timer running after the race settles: it keeps the process alive and fires for nobody. Pass `AbortSignal.timeout(ms)` to the operation, or use the runtime's `race()`, which cancels the losers.",
  leakyOperation:
    "`Promise.{{method}}` leaves `{{callee}}` running after the race settles: no signal stops the loser, so its work and errors go on unobserved. Give it a signal that is aborted when the race ends, or use the runtime's `race()`.",
} as const;

/** An element of the race that keeps running when it loses. */
type Loser = { kind: "timer"; node: ts.Expression; timer: TimerPromise } | { kind: "operation"; node: ts.CallExpression };

/** `p.then(f).catch(g)` → `p`: a handler chain settles when its source does, so a timer stays a timer. */
function withoutHandlers(expression: ts.Expression): ts.Expression {
  let node = skipParentheses(expression);
  for (;;) {
    const method = ts.isCallExpression(node) ? methodCall(node) : undefined;
    if (!method || !["then", "catch", "finally"].includes(method.name)) return node;
    node = skipParentheses(method.object);
  }
}

/** Whether `AbortSignal.timeout` exists in this program's libraries (ES2022+DOM or Node ≥ 17.3 types). */
function hasAbortSignalTimeout(checker: ts.TypeChecker, at: ts.Node): boolean {
  const abortSignal = checker.resolveName("AbortSignal", at, ts.SymbolFlags.Value, false);
  return !!abortSignal && checker.getTypeOfSymbolAtLocation(abortSignal, at).getProperty("timeout") !== undefined;
}

export const leakyRace: Rule = {
  id: "leaky-race",
  meta: {
    docs: "`Promise.race` and `Promise.any` must not leave their losers running.",
    defaultSeverity: "warning",
    preset: "recommended",
    messages,
    examples: {
      invalid: `const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));

export async function get(url: string) {
  return Promise.race([fetch(url), timeout(5_000)]); // the loser keeps running
}`,
      valid: `export async function get(url: string) {
  return fetch(url, { signal: AbortSignal.timeout(5_000) });
}`,
    },
  },
  defaultOptions: {},
  check(context) {
    const { sourceFile, checker, program } = context;
    const cache = createSignalScopeCache();
    const losersOf = (array: ts.ArrayLiteralExpression): Loser[] => {
      const losers: Loser[] = [];
      for (const element of array.elements) {
        if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) continue;
        const node = skipParentheses(element);
        const timer = timerPromiseOf(program, checker, withoutHandlers(node));
        if (timer) losers.push({ kind: "timer", node, timer });
        else if (ts.isCallExpression(node) && !callPassesSignal(checker, node) && signalSlotOf(checker, node)) {
          losers.push({ kind: "operation", node });
        }
      }
      return losers;
    };
    /** The timeout fix: a race of one operation against one rejecting timer becomes the operation with a timeout signal. */
    const timeoutFix = (race: ts.CallExpression, array: ts.ArrayLiteralExpression, losers: Loser[]): FindingData["raceTimeout"] => {
      if (array.elements.length !== 2 || losers.length !== 2) return undefined;
      const timer = losers.find((loser) => loser.kind === "timer");
      const operation = losers.find((loser) => loser.kind === "operation");
      if (!timer || timer.kind !== "timer" || !operation || operation.kind !== "operation") return undefined;
      // A timer that resolves makes the race succeed on timeout; an aborted operation would reject instead.
      if (!timer.timer.rejects || timer.timer.delay === undefined || !hasAbortSignalTimeout(checker, race)) return undefined;
      const slot = signalSlotOf(checker, operation.node)!;
      return signalArgumentFor(operation.node, slot, `AbortSignal.timeout(${timer.timer.delay})`);
    };
    for (const node of context.nodes<ts.CallExpression>(ts.SyntaxKind.CallExpression)) {
      const method = promiseCombinatorCall(program, checker, node, ["race", "any"]);
      const array = node.arguments[0] && skipParentheses(node.arguments[0]);
      if (method && array && ts.isArrayLiteralExpression(array)) {
        context.checkCancelled();
        let losers = losersOf(array);
        // A timer leaks whatever the function does about cancellation; an operation without a signal is only
        // reported where cancellation is practised (a signal in scope), like signal-not-forwarded.
        if (!losers.some((loser) => loser.kind === "timer") && signalsInScope(checker, node, cache).length === 0) losers = [];
        if (losers.length > 0) {
          const data: FindingData = { expression: { start: node.getStart(sourceFile), end: node.getEnd() }, fixes: [] };
          const raceTimeout = method === "race" ? timeoutFix(node, array, losers) : undefined;
          if (raceTimeout) {
            data.fixes.push("timeout-signal");
            data.raceTimeout = raceTimeout;
          }
          if (method === "race") {
            data.fixes.push("run-in-nursery");
            withLazyNurseryData(data, () => raceFixData(context, node, array));
          }
          const operation = losers.find((loser) => loser.kind === "operation");
          context.report({
            node,
            messageId: losers.some((loser) => loser.kind === "timer") ? "leakyTimer" : "leakyOperation",
            values: { method, callee: operation ? (calleeName(operation.node as ts.CallExpression)?.getText(sourceFile) ?? "an operation") : "" },
            data,
          });
        }
      }
    }
  },
};
