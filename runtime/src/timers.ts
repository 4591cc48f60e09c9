// setTimeout fires after ~1 ms for delays above 2^31-1 ms, so long delays are armed in slices.
const MAX_TIMER_DELAY = 2 ** 31 - 1;

export type TimerHandle = ReturnType<typeof setTimeout>;

/** Deadlines use the wall clock (epoch ms) so users can write `deadline: Date.now() + 5_000`. */
export function now(): number {
  return Date.now();
}

/** Arm one slice; the callback must re-check the clock when the delay was longer than one slice. */
export function setTimer(callback: () => void, delay: number): TimerHandle {
  return setTimeout(callback, Math.min(delay, MAX_TIMER_DELAY));
}

export function clearTimer(handle: TimerHandle): void {
  clearTimeout(handle);
}

// Yield to the event loop (not just the microtask queue), so timers, I/O and deadlines get their turn.
// setImmediate is Node/Bun/Deno-only; browsers fall back to a zero-delay timer.
const setImmediateIfAvailable = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;

export const yieldToEventLoop: (callback: () => void) => void =
  typeof setImmediateIfAvailable === "function"
    ? (callback) => {
        setImmediateIfAvailable(callback);
      }
    : (callback) => {
        setTimeout(callback, 0);
      };
