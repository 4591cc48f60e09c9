import { ts } from "../../typescript";
import {
  createSignalScopeCache,
  isInsideAbortHandler,
  signalArgumentFor,
  signalFor,
  signalSlotOf,
  signalsInScope,
  timerPromiseOf,
  unionParts,
  type SignalInScope,
} from "../signals";
import { skipParentheses } from "../syntax";
import type { FindingData, Rule } from "../types";

const messages = {
  handMade:
    "This timer promise cannot be cancelled: when `{{signal}}` aborts, the caller still waits for the timer to fire. Use `sleep(ms, {{signal}})` from the runtime.",
  nodeTimer:
    "`setTimeout` from `timers/promises` is awaited without the AbortSignal in scope: when `{{signal}}` aborts, the caller still waits for the timer to fire. Pass `{ signal }`.",
} as const;

/** `sleep(ms, signal?: AbortSignal)` takes an optional signal: `null` does not fit. */
function fitsSleep(signal: SignalInScope): boolean {
  return !unionParts(signal.type).some((part) => part.flags & ts.TypeFlags.Null);
}

/** Whether `sleep` at `node` would name something other than an imported function (a local `sleep` of the file's own). */
function sleepNameTaken(checker: ts.TypeChecker, node: ts.Node): boolean {
  const symbol = checker.resolveName("sleep", node, ts.SymbolFlags.Value, false);
  return !!symbol && !(symbol.getDeclarations() ?? []).every((declaration) => ts.isImportSpecifier(declaration));
}

export const uncancellableSleep: Rule = {
  id: "uncancellable-sleep",
  meta: {
    docs: "An awaited timer must be cancellable by the AbortSignal in scope.",
    defaultSeverity: "warning",
    preset: "recommended",
    messages,
    examples: {
      invalid: `export async function poll(url: string, signal: AbortSignal) {
  while (!(await fetch(url, { signal })).ok) {
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // an abort waits for the timer
  }
}`,
      valid: `import { sleep } from "nursery";

export async function poll(url: string, signal: AbortSignal) {
  while (!(await fetch(url, { signal })).ok) {
    await sleep(1_000, signal);
  }
}`,
    },
  },
  defaultOptions: {},
  check(context) {
    const { sourceFile, checker, program } = context;
    const cache = createSignalScopeCache();
    const check = (awaited: ts.AwaitExpression): void => {
      context.checkCancelled();
      const operand = skipParentheses(awaited.expression);
      if (!ts.isNewExpression(operand) && !ts.isCallExpression(operand)) return;
      // Most awaited calls are no timers, and that is told from the callee's declaration; the signals in scope are
      // told from the types of every binding around (options types of hundreds of members, in viem's actions).
      const timer = timerPromiseOf(program, checker, operand);
      if (!timer) return;
      const signals = signalsInScope(checker, awaited, cache);
      if (signals.length === 0) return;
      // Inside an abort handler the signal has already fired: passing it would end the wait at once.
      if (isInsideAbortHandler(checker, awaited)) return;
      const data: FindingData = { expression: { start: operand.getStart(sourceFile), end: operand.getEnd() }, fixes: [] };
      if (timer.kind === "node-timer" && ts.isCallExpression(operand)) {
        const slot = signalSlotOf(checker, operand);
        const signal = slot && signalFor(checker, signals, slot.target);
        const passSignal = slot && signal && signalArgumentFor(operand, slot, signal.text);
        if (passSignal) {
          data.fixes.push("cancellable-sleep");
          data.passSignal = passSignal;
        }
        context.report({ node: operand, messageId: "nodeTimer", values: { signal: (signal ?? signals[0]!).text }, data });
        return;
      }
      const signal = signals.find(fitsSleep);
      // A timer that rejects or resolves with a value is not a plain sleep: replacing it would change the result.
      if (signal && timer.delay !== undefined && !timer.rejects && !timer.resolvesWithValue && !sleepNameTaken(checker, awaited)) {
        data.fixes.push("cancellable-sleep");
        data.sleep = { delay: timer.delay, signal: signal.text };
      }
      context.report({ node: operand, messageId: "handMade", values: { signal: (signal ?? signals[0]!).text }, data });
    };
    for (const awaited of context.nodes<ts.AwaitExpression>(ts.SyntaxKind.AwaitExpression)) check(awaited);
  },
};
