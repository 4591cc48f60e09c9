import { ts } from "../../typescript";
import {
  argumentExcludesSignal,
  callPassesSignal,
  createSignalScopeCache,
  declinesSignal,
  enclosingRace,
  isAbortSignalType,
  isAwaited,
  isInFinallyBlock,
  isInBranchWithoutSignal,
  isInsideAbortHandler,
  isKeptStreamPipe,
  isNodeTimerPromiseCall,
  isStreamOfSignalledPipeline,
  optionsRefuseSignal,
  registersAbortOf,
  isListenerRemovedByHand,
  isTargetClosedOnAbort,
  closedOnAbort,
  listenerRemovals,
  resultNeedsNoSignal,
  isListenerOnLocalTarget,
  isSignalCombinedWithScope,
  isAdapterOfSignalledStream,
  isTeardownInHandler,
  isResultEndedOnAbort,
  signalArgumentFor,
  signalFor,
  signalSlotOf,
  calleeMayTakeSignal,
  signalsInScope,
} from "../signals";
import { calleeName, methodCall } from "../syntax";
import type { FindingData, Rule } from "../types";

const messages = {
  notForwarded:
    "`{{callee}}` accepts an AbortSignal but is called without one: cancelling the caller will not stop this work, which keeps running after nobody waits for it. Pass `{{signal}}`.",
} as const;

export const signalNotForwarded: Rule = {
  id: "signal-not-forwarded",
  meta: {
    docs: "A call that accepts an AbortSignal must receive the one in scope.",
    defaultSeverity: "warning",
    preset: "recommended",
    messages,
    examples: {
      invalid: `export async function sync(url: string, signal: AbortSignal) {
  const response = await fetch(url); // cancelling \`sync\` does not stop the request
  return response.json();
}`,
      valid: `export async function sync(url: string, signal: AbortSignal) {
  const response = await fetch(url, { signal });
  return response.json();
}`,
    },
  },
  defaultOptions: {},
  check(context) {
    const { sourceFile, checker, program } = context;
    const cache = createSignalScopeCache();
    let removals: ReadonlyMap<string, readonly ts.CallExpression[]> | undefined;
    const removalsInFile = () => (removals ??= listenerRemovals(sourceFile));
    let closers: ReturnType<typeof closedOnAbort> | undefined;
    const closedInFile = () => (closers ??= closedOnAbort(sourceFile));
    const check = (call: ts.CallExpression): void => {
      context.checkCancelled();
      // Cheap questions first: most callees cannot take a signal at all (by their declared signatures); then most calls
      // have no signal in scope; resolving the call's signature costs most and comes last.
      if (!calleeMayTakeSignal(checker, call)) return;
      // In the branch of a test that found the signal empty (`signal ? f(x, { signal }) : f(x)`) there is none to pass.
      // Nor in a call that registers what aborts the signal's controller (`socket.on("close", () => controller.abort())`).
      const signals = signalsInScope(checker, call, cache).filter((signal) => !isInBranchWithoutSignal(call, signal.text) && !registersAbortOf(call, signal.text));
      if (signals.length === 0) return;
      const signalTexts = signals.map((signal) => signal.text);
      const method = methodCall(call);
      // `signal.addEventListener("abort", …)`: a listener on the signal itself needs no signal.
      if (method && isAbortSignalType(checker.getTypeAtLocation(method.object))) return;
      // A listener the code removes by hand (`ws.removeEventListener("error", onError)`) lives as long as it means it to.
      if (isListenerRemovedByHand(checker, call, removalsInFile) || isListenerOnLocalTarget(program, checker, call)) return;
      // A listener on what an abort of the signal ends (`signal.onabort = () => ws.close()`) ends with it.
      if (isTargetClosedOnAbort(checker, call, signalTexts, closedInFile)) return;
      // Cleanup is not cut short by the call's cancellation: in `finally`, in an abort handler, a teardown in an event handler.
      if (isInFinallyBlock(call) || isInsideAbortHandler(checker, call) || isTeardownInHandler(call)) return;
      // Race elements are leaky-race's; awaited `timers/promises` timers are uncancellable-sleep's.
      if (enclosingRace(program, checker, call)) return;
      if (isAwaited(call) && isNodeTimerPromiseCall(checker, call)) return;
      // A call that hands a signal over needs no further question; finding the signal's slot may resolve the call.
      if (callPassesSignal(checker, call)) return;
      const slot = signalSlotOf(checker, call);
      if (!slot || argumentExcludesSignal(checker, call, slot) || declinesSignal(checker, call, slot) || optionsRefuseSignal(checker, call, slot)) return;
      // A synchronous call whose value goes where the signal already reaches, or whose options part is dropped.
      if (resultNeedsNoSignal(checker, call) || isKeptStreamPipe(checker, call) || isStreamOfSignalledPipeline(checker, program, call)) return;
      if (isSignalCombinedWithScope(checker, call, signalTexts) || isAdapterOfSignalledStream(checker, program, call)) return;
      // What the call made is ended by hand when the signal aborts (`signal.onabort = () => child.kill()`).
      if (isResultEndedOnAbort(checker, call, signalTexts, closedInFile)) return;
      const signal = signalFor(checker, signals, slot.target);
      const passSignal = signal && signalArgumentFor(call, slot, signal.text);
      const data: FindingData = { expression: { start: call.getStart(sourceFile), end: call.getEnd() }, fixes: [] };
      if (passSignal) {
        data.fixes.push("pass-signal");
        data.passSignal = passSignal;
      }
      context.report({
        node: call,
        messageId: "notForwarded",
        values: { callee: calleeName(call)?.getText(sourceFile) ?? "This call", signal: (signal ?? signals[0]!).text },
        data,
      });
    };
    for (const call of context.nodes<ts.CallExpression>(ts.SyntaxKind.CallExpression)) check(call);
  },
};
