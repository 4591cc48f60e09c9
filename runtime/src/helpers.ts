import { CancelScope, Nursery, nursery, validateDuration, type NurseryOptions, type ScopeOptions, type Task } from "./scope.js";
import { clearTimer, now, setTimer, yieldToEventLoop, type TimerHandle } from "./timers.js";

/**
 * Wait `ms` milliseconds, or reject with `signal.reason` as soon as `signal` aborts. Clears its timer and
 * its listener on both paths. `sleep(0)` is a checkpoint; `Infinity` waits for the signal only.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  validateDuration(ms, "sleep duration");
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms === 0) return checkpoint(signal);
  return new Promise<void>((resolve, reject) => {
    let timer: TimerHandle | undefined;
    const wakeAt = now() + ms;
    const onAbort = (): void => {
      if (timer !== undefined) clearTimer(timer);
      reject(signal!.reason);
    };
    const onTimer = (): void => {
      const remaining = wakeAt - now();
      if (remaining > 0) {
        timer = setTimer(onTimer, remaining); // only for delays longer than one timer slice
        return;
      }
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    if (ms !== Infinity) timer = setTimer(onTimer, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Trio's checkpoint: throw `signal.reason` if the signal is aborted, otherwise yield to the event loop once
 * and check again. Cancellation is level-triggered, so every checkpoint after a cancel throws.
 */
export function checkpoint(signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    yieldToEventLoop(() => {
      if (signal?.aborted) reject(signal.reason);
      else resolve();
    });
  });
}

/**
 * Trio's `move_on_after`: run `fn` in a cancel scope that is cancelled after `ms`; resolve `undefined`
 * when time ran out. `fn` also receives the scope (`cancelledCaught`, `deadline`, `cancel()`).
 * Pass `{ signal }` to nest it under an outer scope.
 */
export function moveOnAfter<T>(
  ms: number,
  fn: (signal: AbortSignal, scope: CancelScope) => T | PromiseLike<T>,
  options?: Omit<ScopeOptions, "timeout" | "deadline">,
): Promise<Awaited<T> | undefined> {
  validateDuration(ms, "moveOnAfter() duration");
  return new CancelScope({ ...options, timeout: ms }).run(fn) as Promise<Awaited<T> | undefined>;
}

/**
 * Trio's `fail_after`: like `moveOnAfter`, but rejects with `TimeoutError` when time ran out.
 */
export function failAfter<T>(
  ms: number,
  fn: (signal: AbortSignal, scope: CancelScope) => T | PromiseLike<T>,
  options?: Omit<ScopeOptions, "timeout" | "deadline">,
): Promise<Awaited<T>> {
  validateDuration(ms, "failAfter() duration");
  const scope = new CancelScope({ ...options, timeout: ms });
  scope._deadlineThrows = true;
  return scope.run(fn) as Promise<Awaited<T>>;
}

/**
 * Structured `Promise.race`: the first function to settle wins (value or error); the others are cancelled
 * and awaited before `race` settles. A loser that fails for real (not by cancellation) is still reported.
 */
export async function race<T>(
  fns: readonly ((signal: AbortSignal) => T | PromiseLike<T>)[],
  options?: NurseryOptions,
): Promise<Awaited<T>> {
  if (fns.length === 0) throw new RangeError("race() needs at least one function");
  let winner: { ok: boolean; value: unknown } | undefined;
  await nursery((n) => {
    for (const fn of fns) {
      n.spawn(async (signal) => {
        let ok = true;
        let value: unknown;
        try {
          value = await fn(signal);
        } catch (error) {
          ok = false;
          value = error;
        }
        // Losers, and a racer cut short by the race's own cancellation (parent, deadline), hand their
        // rejection to the nursery: it drops cancellations and reports real failures.
        if (!ok && (winner !== undefined || n._isCancellation(value, signal))) throw value;
        if (winner !== undefined) return;
        winner = { ok, value };
        n.cancel("race settled");
      }, { name: fn.name || "racer" });
    }
  }, options);
  // The nursery resolved, so it was not cancelled from outside before a winner settled.
  if (winner!.ok) return winner!.value as Awaited<T>;
  throw winner!.value;
}

export interface AllOptions extends NurseryOptions {
  /** At most this many functions run at once (default: all). Functions not yet started when one fails never start. */
  concurrency?: number | undefined;
}

/**
 * Structured `Promise.all`: results in input order; the first failure cancels the rest and rejects with
 * that error itself (several real failures → `NurseryError`).
 */
export function all<T>(
  fns: readonly ((signal: AbortSignal) => T | PromiseLike<T>)[],
  options?: AllOptions,
): Promise<Awaited<T>[]> {
  const concurrency = options?.concurrency ?? Infinity;
  if (!(concurrency === Infinity || (Number.isInteger(concurrency) && concurrency >= 1))) {
    throw new RangeError(`concurrency must be a positive integer or Infinity, got ${String(concurrency)}`);
  }
  const count = fns.length;
  if (concurrency >= count) {
    let tasks: Task<Awaited<T>>[];
    return nursery((n) => {
      tasks = new Array(count);
      for (let i = 0; i < count; i++) tasks[i] = n.spawn(fns[i]!);
    }, options).then(() => tasks.map((task) => task._value as Awaited<T>));
  }
  const results: Awaited<T>[] = new Array(count);
  let next = 0;
  const worker = async (signal: AbortSignal): Promise<void> => {
    while (next < count) {
      // Stop pulling work once cancelled, and say so: results would be incomplete.
      if (signal.aborted) throw signal.reason;
      const index = next++;
      results[index] = await fns[index]!(signal);
    }
  };
  return nursery((n: Nursery) => {
    for (let i = 0; i < concurrency; i++) n.spawn(worker, { name: `all-worker-${i}` });
  }, options).then(() => results);
}
