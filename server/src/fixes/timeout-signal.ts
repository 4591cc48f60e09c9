import { ts } from "../typescript";
import { expressionAt } from "./locate";
import { signalArgumentEdits } from "./pass-signal";
import type { Fix } from "./types";

/**
 * `Promise.race([fetch(url), timeout(5_000)])` → `fetch(url, { signal: AbortSignal.timeout(5_000) })`: the deadline
 * aborts the operation itself, and no timer outlives it. Unsafe: on timeout the rejection is the signal's
 * `TimeoutError`, not the hand-made timer's error.
 */
export const timeoutSignal: Fix = {
  id: "timeout-signal",
  title: "Abort the operation on timeout",
  safety: "unsafe",
  edits(sourceFile, finding) {
    const argument = finding.data.raceTimeout;
    const race = finding.data.expression && expressionAt(sourceFile, finding.data.expression);
    const operation = argument && expressionAt(sourceFile, argument.call);
    if (!argument || !race || !operation || !ts.isCallExpression(operation)) return undefined;
    const inner = signalArgumentEdits(sourceFile, operation, argument);
    if (!inner) return undefined;
    return [
      { start: race.getStart(sourceFile), end: operation.getStart(sourceFile), newText: "" },
      ...inner,
      { start: operation.getEnd(), end: race.getEnd(), newText: "" },
    ];
  },
};
