// Stress (issue 10): 100,000 tasks across nested nurseries with random failures, cancellations and timeouts.
// Every task must settle, every nursery must settle, and no timer or "abort" listener may be left behind.
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { CancelledError, TimeoutError, checkpoint, nursery, sleep, type Nursery, type Task } from "../../runtime/src/index";
import { armedTimers, failOnUnhandledRejections, settleEventLoop, timerBaseline } from "./support";

/** mulberry32: a small deterministic PRNG, so a failing run reproduces. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Boom extends Error {}

describe("runtime stress", function () {
  this.timeout(60_000);
  failOnUnhandledRejections();

  it("100,000 tasks in nested nurseries: all settle, no timer or abort listener is left", async () => {
    const random = prng(0x5eed);
    const total = 100_000;
    const tasks: Task<unknown>[] = [];
    /** Signals handed to tasks and nurseries: none may keep an "abort" listener once everything settled. */
    const signals = new Set<AbortSignal>();
    let nurseries = 0;
    let nurseriesSettled = 0;
    const outcomes = { fulfilled: 0, failed: 0, cancelled: 0, timedOut: 0 };

    const leaf = async (signal: AbortSignal, siblings: Task<unknown>[], n: Nursery, timed: boolean): Promise<string> => {
      signals.add(signal);
      const roll = random();
      if (roll < 0.5) await checkpoint(signal);
      else if (roll < 0.7) await sleep(Math.floor(random() * 3), signal);
      else if (roll < 0.8) {
        await checkpoint(signal);
        throw new Boom("random failure");
      } else if (roll < 0.9) {
        siblings[Math.floor(random() * siblings.length)]?.cancel("random sibling cancel");
        await checkpoint(signal);
      } else if (roll < 0.9005) {
        n.cancel("random nursery cancel");
      } else if (roll < 0.95 && timed) {
        await sleep(Infinity, signal).catch(() => {}); // waits for the scope's timeout; swallowing it is its business
      }
      return "ok";
    };

    /** Spawns `count` tasks under `n`: leaves, or nested nurseries holding a share of them. */
    const grow = (n: Nursery, count: number, depth: number, timed: boolean): void => {
      signals.add(n.signal);
      const siblings: Task<unknown>[] = [];
      if (depth >= 3 || count <= 50) {
        for (let i = 0; i < count; i++) {
          const task = n.spawn((signal) => leaf(signal, siblings, n, timed));
          siblings.push(task);
          tasks.push(task);
        }
        return;
      }
      const branches = 4 + Math.floor(random() * 6);
      let left = count;
      for (let b = 0; b < branches && left > 0; b++) {
        const share = b === branches - 1 ? left : Math.min(left, Math.ceil(count / branches));
        left -= share;
        const options = {
          failFast: random() < 0.5,
          timeout: random() < 0.1 ? 1 + Math.floor(random() * 5) : undefined,
          strict: random() < 0.3,
        };
        const task = n.spawn(async (signal) => {
          signals.add(signal);
          nurseries++;
          try {
            // Only the nested nursery's own children count toward `total`; this wrapper task is structure.
            await nursery((inner) => grow(inner, share, depth + 1, timed || options.timeout !== undefined), { ...options, signal });
            outcomes.fulfilled++;
          } catch (error) {
            if (error instanceof TimeoutError) outcomes.timedOut++;
            else if (error instanceof CancelledError) outcomes.cancelled++;
            else outcomes.failed++;
          } finally {
            nurseriesSettled++;
          }
        });
        siblings.push(task);
      }
    };

    const timersBefore = await timerBaseline();
    const rootController = new AbortController();
    const started = performance.now();
    // The root supervises: failures below are caught by their wrapper tasks, so the root settles normally.
    await nursery((n) => grow(n, total, 0, false), { signal: rootController.signal, failFast: false });
    const elapsed = performance.now() - started;
    await settleEventLoop();

    assert.equal(tasks.length, total, "every leaf task was spawned");
    const states = { pending: 0, fulfilled: 0, rejected: 0, cancelled: 0 };
    for (const task of tasks) states[task.state]++;
    assert.equal(states.pending, 0, `tasks still pending: ${JSON.stringify(states)}`);
    assert.ok(states.fulfilled > 0 && states.rejected > 0 && states.cancelled > 0, `a mix of outcomes: ${JSON.stringify(states)}`);
    assert.equal(nurseriesSettled, nurseries, "every nested nursery settled");
    assert.equal(armedTimers(), timersBefore, "no timer left armed");
    assert.equal(getEventListeners(rootController.signal, "abort").length, 0, "no listener on the root signal");
    const withListeners = [...signals].filter((signal) => getEventListeners(signal, "abort").length > 0).length;
    assert.equal(withListeners, 0, `${withListeners} of ${signals.size} signals still have "abort" listeners`);
    // Reported, not asserted: the figures of this run.
    console.log(`      ${total} tasks, ${nurseries} nested nurseries in ${Math.round(elapsed)} ms; tasks ${JSON.stringify(states)}; nurseries ${JSON.stringify(outcomes)}`);
  });
});
