import type { ts } from "../../typescript";
import type { SignalInScope } from "./scope";

/**
 * The in-scope signal to hand to a slot whose type is `target`: the innermost one the checker accepts there
 * (an optional `signal?: AbortSignal` does not fit a required `AbortSignal` parameter). Undefined when none fits.
 */
export function signalFor(checker: ts.TypeChecker, signals: readonly SignalInScope[], target: ts.Type): SignalInScope | undefined {
  return signals.find((signal) => checker.isTypeAssignableTo(signal.type, target));
}
