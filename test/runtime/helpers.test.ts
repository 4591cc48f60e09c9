// Behaviour of the helpers and API details beyond the numbered conformance cases.
import assert from "node:assert/strict";
import {
  CancelledError,
  NurseryError,
  TimeoutError,
  all,
  isCancelled,
  nursery,
  openNursery,
  race,
  sleep,
  type Task,
} from "../../runtime/src/index";
import { elapsedSince, failOnUnhandledRejections, rejectionOf } from "./support";

describe("runtime helpers", () => {
  failOnUnhandledRejections();

  describe("race", () => {
    it("the first to fulfil wins; losers are cancelled and awaited before race settles", async () => {
      const log: string[] = [];
      const winner = await race([
        async (signal) => {
          try {
            await sleep(1000, signal);
            return "slow";
          } finally {
            await sleep(5);
            log.push("loser unwound");
          }
        },
        async (signal) => {
          await sleep(3, signal);
          return "fast";
        },
      ]);
      log.push("race settled");
      assert.equal(winner, "fast");
      assert.deepEqual(log, ["loser unwound", "race settled"]);
    });

    it("the first to settle wins even when it rejects; the error comes through bare", async () => {
      const error = new Error("first to settle");
      let loserSignal!: AbortSignal;
      const rejection = await rejectionOf(race([
        async (signal) => {
          loserSignal = signal;
          await sleep(1000, signal);
          return 1;
        },
        async () => {
          await sleep(2);
          throw error;
        },
      ]));
      assert.equal(rejection, error);
      assert.ok(loserSignal.aborted);
    });

    it("honours a parent signal and a timeout", async () => {
      const parent = new AbortController();
      const reason = new Error("parent gone");
      const pending = race([(signal) => sleep(1000, signal), (signal) => sleep(1000, signal)], { signal: parent.signal });
      parent.abort(reason);
      assert.equal(await rejectionOf(pending), reason);
      await assert.rejects(race([(signal) => sleep(1000, signal)], { timeout: 5 }), TimeoutError);
    });

    it("rejects an empty list", async () => {
      await assert.rejects(race([]), RangeError);
    });
  });

  describe("all", () => {
    it("returns results in input order", async () => {
      const results = await all([
        async (signal) => {
          await sleep(10, signal);
          return "a";
        },
        () => "b",
        async () => "c",
      ]);
      assert.deepEqual(results, ["a", "b", "c"]);
    });

    it("never runs more than `concurrency` functions at once, and runs them all", async () => {
      let running = 0;
      let peak = 0;
      const fns = Array.from({ length: 12 }, (_, index) => async (signal: AbortSignal) => {
        running++;
        peak = Math.max(peak, running);
        await sleep(2, signal);
        running--;
        return index;
      });
      const results = await all(fns, { concurrency: 3 });
      assert.equal(peak, 3);
      assert.deepEqual(results, fns.map((_, index) => index));
    });

    it("the first failure cancels the running ones, never starts the rest, and rejects with that error", async () => {
      const error = new Error("item 1 failed");
      const started: number[] = [];
      const cancelled: number[] = [];
      const fns = Array.from({ length: 10 }, (_, index) => async (signal: AbortSignal) => {
        started.push(index);
        if (index === 1) {
          await sleep(2, signal);
          throw error;
        }
        try {
          await sleep(1000, signal);
        } catch (reason) {
          cancelled.push(index);
          throw reason;
        }
      });
      const start = performance.now();
      assert.equal(await rejectionOf(all(fns, { concurrency: 3 })), error);
      assert.deepEqual(started, [0, 1, 2]);
      assert.deepEqual(cancelled.sort(), [0, 2]);
      assert.ok(elapsedSince(start) < 500);

      // Unbounded: same error identity, like Promise.all.
      const unbounded = all<unknown>([
        (signal) => sleep(1000, signal),
        async () => {
          throw error;
        },
      ]);
      assert.equal(await rejectionOf(unbounded), error);
    });

    it("validates concurrency", () => {
      assert.throws(() => all([], { concurrency: 0 }), RangeError);
      assert.throws(() => all([], { concurrency: 1.5 }), RangeError);
    });
  });

  describe("tasks and errors", () => {
    it("Task states and result for each outcome", async () => {
      const error = new Error("x");
      let ok!: Task<number>;
      let failed!: Task<never>;
      let cancelled!: Task<void>;
      await rejectionOf(nursery((n) => {
        ok = n.spawn(() => 1);
        cancelled = n.spawn((signal) => sleep(1000, signal));
        cancelled.cancel("not needed");
        failed = n.spawn(async () => {
          await sleep(2);
          throw error;
        });
        assert.equal(ok.state, "fulfilled", "a synchronous child settles inside spawn");
        assert.equal(failed.state, "pending");
      }));
      assert.equal(await ok.result, 1);
      assert.equal(failed.state, "rejected");
      assert.equal(await rejectionOf(failed.result), error);
      assert.equal(cancelled.state, "cancelled");
      const reason = await rejectionOf(cancelled.result);
      assert.ok(reason instanceof CancelledError);
      assert.equal(reason.message, "not needed");
    });

    it("task.signal of a child that declared no parameter is created on demand and still cancellable", async () => {
      let task!: Task<void>;
      await nursery((n) => {
        task = n.spawn(async () => {
          await null; // `task` is assigned once spawn() returns, after the synchronous prefix
          await sleep(1000, task.signal);
        });
        task.cancel();
      });
      assert.equal(task.state, "cancelled");
    });

    it("the body may await a failed child's result; the error is reported once", async () => {
      const error = new Error("child");
      const rejection = await rejectionOf(nursery(async (n) => {
        const task = n.spawn(async () => {
          await sleep(2);
          throw error;
        });
        return task.result;
      }, { strict: true }));
      assert.ok(rejection instanceof NurseryError);
      assert.deepEqual(rejection.errors, [error]);
    });

    it("isCancelled recognises CancelledError and AbortError, not other errors", () => {
      assert.ok(isCancelled(new CancelledError("deadline")));
      assert.ok(isCancelled(new DOMException("aborted", "AbortError")));
      assert.ok(isCancelled(AbortSignal.abort().reason));
      assert.equal(isCancelled(new Error("x")), false);
      assert.equal(isCancelled(new TimeoutError()), false);
      assert.equal(isCancelled("AbortError"), false);
      assert.equal(isCancelled(null), false);
    });

    it("error classes have proper names and stack headers", () => {
      for (const [error, name] of [
        [new CancelledError(), "CancelledError"],
        [new TimeoutError(), "TimeoutError"],
        [new NurseryError([new Error("a"), new Error("b")]), "NurseryError"],
      ] as const) {
        assert.equal(error.name, name);
        assert.ok(error.stack?.startsWith(name), error.stack);
      }
      const group = new NurseryError([new Error("a")]);
      assert.ok(group instanceof AggregateError);
      assert.equal((group.cause as Error).message, "a");
    });

    it("openNursery: leaving the block with return cancels children and resolves", async () => {
      let childSignal!: AbortSignal;
      const value = await (async () => {
        await using n = openNursery();
        n.spawn(async (signal) => {
          childSignal = signal;
          await sleep(1000, signal);
        });
        return "early return";
      })();
      assert.equal(value, "early return");
      assert.equal((childSignal.reason as CancelledError).kind, "scope-exit");
    });

    it("openNursery with a timeout: join() rejects with TimeoutError", async () => {
      await assert.rejects((async () => {
        await using n = openNursery({ timeout: 5 });
        n.spawn((signal) => sleep(1000, signal));
        await n.join();
      })(), TimeoutError);
    });

    it("start() in a cancelled nursery is a checkpoint: it rejects without running fn", async () => {
      let ran = false;
      await nursery(async (n) => {
        n.cancel();
        const rejection = await rejectionOf(n.start(() => {
          ran = true;
        }));
        assert.equal(rejection, n.signal.reason);
      });
      assert.equal(ran, false);
    });

    it("n.cancel() resolves the nursery normally with the body's value when the body finished", async () => {
      const value = await nursery((n) => {
        n.spawn((signal) => sleep(1000, signal));
        n.cancel();
        return "body value";
      });
      assert.equal(value, "body value");
    });
  });
});
