import { ts } from "ts-morph";
import { ensureNamedImport, importedName } from "./imports";
import { expressionAt } from "./locate";
import { signalArgumentEdits } from "./pass-signal";
import type { Fix } from "./types";

/**
 * `await new Promise((r) => setTimeout(r, ms))` → `await sleep(ms, signal)` with `sleep` imported from the runtime;
 * `await setTimeout(ms)` from `timers/promises` → `await setTimeout(ms, undefined, { signal })`.
 * Safe: until the signal aborts, the wait is the same.
 */
export const cancellableSleep: Fix = {
  id: "cancellable-sleep",
  title: "Make the sleep cancellable",
  safety: "safe",
  edits(sourceFile, finding, context) {
    const { passSignal, sleep, expression: span } = finding.data;
    if (passSignal) {
      const call = expressionAt(sourceFile, passSignal.call);
      return call && ts.isCallExpression(call) ? signalArgumentEdits(sourceFile, call, passSignal) : undefined;
    }
    const timer = span && expressionAt(sourceFile, span);
    if (!sleep || !timer) return undefined;
    const localName = importedName(sourceFile, context.runtimeModule, "sleep") ?? "sleep";
    return [
      { start: timer.getStart(sourceFile), end: timer.getEnd(), newText: `${localName}(${sleep.delay}, ${sleep.signal})` },
      ...ensureNamedImport(sourceFile, context.runtimeModule, "sleep"),
    ];
  },
};
