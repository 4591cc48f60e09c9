// Shared helpers for the runtime tests (not a test file itself).
import assert from "node:assert/strict";

/** Resolve with the rejection of `promise`; fail if it fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected the promise to reject");
}

/** Let pending callbacks, microtasks and Node's unhandled-rejection bookkeeping run. */
export function settleEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/**
 * Number of armed timers (setTimeout/setInterval) in this process. Take a baseline with `timerBaseline()`:
 * mocha arms its own per-test timeout timer only after the test function first yields.
 */
export function armedTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;
}

export async function timerBaseline(): Promise<number> {
  await settleEventLoop();
  return armedTimers();
}

/**
 * `node --unhandled-rejections=strict` semantics inside mocha: any unhandled rejection during a test in the
 * enclosing describe fails that test.
 */
export function failOnUnhandledRejections(): void {
  const seen: unknown[] = [];
  const record = (reason: unknown): void => {
    seen.push(reason);
  };
  before(() => {
    process.on("unhandledRejection", record);
  });
  afterEach(async () => {
    await settleEventLoop();
    const found = seen.splice(0);
    assert.deepEqual(found, [], "unhandled rejection(s) during the test");
  });
  after(() => {
    process.off("unhandledRejection", record);
  });
}

/** Count add/removeEventListener("abort") calls on one signal. */
export function spyOnAbortListeners(signal: AbortSignal): { added: number; removed: number } {
  const counts = { added: 0, removed: 0 };
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, ...rest: [never, never]) => {
    if (type === "abort") counts.added++;
    return add(type, ...rest);
  }) as typeof signal.addEventListener;
  signal.removeEventListener = ((type: string, ...rest: [never, never]) => {
    if (type === "abort") counts.removed++;
    return remove(type, ...rest);
  }) as typeof signal.removeEventListener;
  return counts;
}

export function elapsedSince(start: number): number {
  return performance.now() - start;
}
