/**
 * Signals: which AbortSignals a call site can see, whether the callee takes one and where, and which promises are
 * timers no signal can stop. Every answer comes from the checker; the cancellation rules share them.
 */
export { isAbortSignalType, isAbortControllerType, carriesSignal, signalPropertyOf, isPossiblyNullish, definedParts, unionParts } from "./types";
export { signalsInScope, createSignalScopeCache, type SignalInScope, type SignalScopeCache } from "./scope";
export { calleeMayTakeSignal, signalSlotOf, callPassesSignal, argumentExcludesSignal, optionsRefuseSignal, type SignalSlot } from "./callee";
export { timerPromiseOf, isGlobalSetTimeoutCall, isNodeTimerPromiseCall, type TimerPromise } from "./timers";
export {
  promiseCombinatorCall,
  enclosingRace,
  isAwaited,
  enclosingFunction,
  isInFinallyBlock,
  isInBranchWithoutSignal,
  isSameReference,
  isInsideAbortHandler,
  forEachInSameFunction,
  testsForCancellation,
} from "./context";
export { signalFor } from "./choose";
export { closedOnAbort, declinesSignal, isKeptStreamPipe, isAdapterOfSignalledStream, isListenerOnLocalTarget, isListenerRemovedByHand, isResultEndedOnAbort, isSignalCombinedWithScope, isTeardownInHandler, isStreamOfSignalledPipeline, isTargetClosedOnAbort, listenerRemovals, registersAbortOf, resultNeedsNoSignal } from "./hand-off";
export { signalArgumentFor } from "./fix-data";
