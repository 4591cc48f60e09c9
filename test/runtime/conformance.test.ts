// The 57 cases of /work/shared/RUNTIME-CONFORMANCE.md, one test each, named by number.
// Where a case and RUNTIME.md disagree, RUNTIME.md wins (e.g. one real error is thrown bare unless strict).
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import {
  CancelScope,
  CancelledError,
  NurseryError,
  TimeoutError,
  checkpoint,
  failAfter,
  moveOnAfter,
  nursery,
  openNursery,
  sleep,
  type Nursery,
  type Task,
} from "../../runtime/src/index";
import {
  armedTimers,
  elapsedSince,
  failOnUnhandledRejections,
  rejectionOf,
  settleEventLoop,
  spyOnAbortListeners,
  timerBaseline,
} from "./support";

class MyErr extends Error {}

describe("runtime conformance", () => {
  failOnUnhandledRejections();

  describe("nursery basics", () => {
    it("01 nursery with no children resolves to the body's value", async () => {
      assert.equal(await nursery(() => 42), 42);
      assert.equal(await nursery(async () => "v"), "v");
    });

    it("02 nursery waits for all children", async () => {
      const finished: string[] = [];
      const value = await nursery((n) => {
        n.spawn(async () => {
          await sleep(40);
          finished.push("slow");
        });
        n.spawn(async () => {
          await sleep(10);
          finished.push("fast");
        });
        return "body";
      });
      assert.equal(value, "body");
      assert.deepEqual(finished, ["fast", "slow"]);
    });

    it("03 task handle exposes the child's result after the nursery exits", async () => {
      let task!: Task<string>;
      await nursery((n) => {
        task = n.spawn(async () => {
          await sleep(5);
          return "x";
        });
      });
      assert.equal(task.state, "fulfilled");
      assert.equal(await task.result, "x");
      assert.equal("then" in task, false, "a Task must not be thenable");
    });

    it("04 a child may spawn more children while the nursery waits; they are awaited too", async () => {
      const order: string[] = [];
      await nursery((n) => {
        n.spawn(async () => {
          await sleep(5);
          n.spawn(async () => {
            await sleep(10);
            order.push("grandchild");
          });
          order.push("child");
        });
      });
      assert.deepEqual(order, ["child", "grandchild"]);
    });

    it("05 spawn after the nursery has closed throws synchronously", async () => {
      let closed!: Nursery;
      await nursery((n) => {
        closed = n;
      });
      let ran = false;
      assert.throws(() => closed.spawn(() => {
        ran = true;
      }), /not open/);
      assert.equal(ran, false);

      const flat = openNursery();
      await flat.join();
      assert.throws(() => flat.spawn(async () => {
        ran = true;
        throw new Error("must never run");
      }), /not open/);
      assert.equal(ran, false);
    });

    it("06 two children alternately awaiting a checkpoint interleave fairly", async () => {
      const log: string[] = [];
      await nursery((n) => {
        for (const name of ["a", "b"]) {
          n.spawn(async (signal) => {
            for (let i = 0; i < 4; i++) {
              log.push(name);
              await checkpoint(signal);
            }
          });
        }
      });
      assert.deepEqual(log, ["a", "b", "a", "b", "a", "b", "a", "b"]);
    });
  });

  describe("failure propagation", () => {
    it("07 child error rejects the nursery with that error itself (strict: NurseryError [E])", async () => {
      const error = new MyErr("child");
      const bare = await rejectionOf(nursery((n) => {
        n.spawn(async () => {
          await sleep(1);
          throw error;
        });
      }));
      assert.equal(bare, error);

      const grouped = await rejectionOf(nursery((n) => {
        n.spawn(async () => {
          throw error;
        });
      }, { strict: true }));
      assert.ok(grouped instanceof NurseryError);
      assert.ok(grouped instanceof AggregateError);
      assert.deepEqual(grouped.errors, [error]);
    });

    it("08 body error with no children rejects with it (strict: NurseryError [E])", async () => {
      const error = new MyErr("body");
      assert.equal(await rejectionOf(nursery(() => {
        throw error;
      })), error);
      assert.equal(await rejectionOf(nursery(async () => {
        throw error;
      })), error);
      const grouped = await rejectionOf(nursery(async () => {
        throw error;
      }, { strict: true }));
      assert.ok(grouped instanceof NurseryError);
      assert.deepEqual(grouped.errors, [error]);
    });

    it("09 a child error aborts a sleeping sibling whose catch/finally run before the nursery settles", async () => {
      const events: string[] = [];
      const error = new MyErr("boom");
      const rejection = await rejectionOf(nursery((n) => {
        n.spawn(async (signal) => {
          try {
            await sleep(1000, signal);
          } catch (reason) {
            events.push(`caught ${(reason as CancelledError).kind}`);
            throw reason;
          } finally {
            await sleep(5);
            events.push("finally");
          }
        });
        n.spawn(async () => {
          await sleep(5);
          throw error;
        });
      }));
      events.push("settled");
      assert.equal(rejection, error);
      assert.deepEqual(events, ["caught sibling-failed", "finally", "settled"]);
    });

    it("10 a child error aborts the body blocked on the nursery signal", async () => {
      const error = new MyErr("child");
      let bodySaw: unknown;
      const start = performance.now();
      const rejection = await rejectionOf(nursery(async (n) => {
        n.spawn(async () => {
          await sleep(5);
          throw error;
        });
        try {
          await sleep(1000, n.signal);
        } catch (reason) {
          bodySaw = reason;
          throw reason;
        }
      }));
      assert.equal(rejection, error);
      assert.ok(bodySaw instanceof CancelledError);
      assert.equal(bodySaw.kind, "sibling-failed");
      assert.ok(elapsedSince(start) < 500);
    });

    it("11 body throwing synchronously right after spawning aborts the children and rejects with E", async () => {
      const error = new MyErr("body");
      let childSignal!: AbortSignal;
      const start = performance.now();
      const rejection = await rejectionOf(nursery((n) => {
        n.spawn(async (signal) => {
          childSignal = signal;
          await sleep(1000, signal);
        });
        throw error;
      }));
      assert.equal(rejection, error);
      assert.ok(childSignal.aborted);
      assert.equal((childSignal.reason as CancelledError).kind, "body-failed");
      assert.ok(elapsedSince(start) < 500);
    });

    it("12 body error and child error are both in the group", async () => {
      const childError = new MyErr("child");
      const bodyError = new MyErr("body");
      const rejection = await rejectionOf(nursery(async (n) => {
        n.spawn(async () => {
          await sleep(10); // ignores its signal, then fails for real
          throw childError;
        });
        await sleep(2);
        throw bodyError;
      }));
      assert.ok(rejection instanceof NurseryError);
      assert.deepEqual(rejection.errors, [bodyError, childError]);
    });

    it("13 two failing children are grouped in completion order; cause is the first", async () => {
      const late = new MyErr("late");
      const early = new MyErr("early");
      const rejection = await rejectionOf(nursery((n) => {
        n.spawn(async () => {
          await sleep(15);
          throw late;
        });
        n.spawn(async () => {
          await sleep(3);
          throw early;
        });
      }));
      assert.ok(rejection instanceof NurseryError);
      assert.deepEqual(rejection.errors, [early, late]);
      assert.equal(rejection.cause, early);
    });

    it("14 cancellation-induced rejections of siblings are not reported", async () => {
      const error = new MyErr("real");
      const spawnVictims = (n: Nursery): void => {
        n.spawn((signal) => sleep(1000, signal)); // rejects with signal.reason (CancelledError)
        n.spawn((signal) => new Promise((_resolve, reject) => {
          signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }));
        n.spawn(async (signal) => {
          await sleep(1000, signal).catch(() => {});
          throw signal.reason; // re-throws the nursery's own reason
        });
        n.spawn(async () => {
          await sleep(3);
          throw error;
        });
      };
      assert.equal(await rejectionOf(nursery(spawnVictims)), error);
      const grouped = await rejectionOf(nursery(spawnVictims, { strict: true }));
      assert.ok(grouped instanceof NurseryError);
      assert.deepEqual(grouped.errors, [error]);
    });

    it("15 a child that converts its abort into another error is reported", async () => {
      const error = new MyErr("real");
      const converted = new MyErr("converted");
      const rejection = await rejectionOf(nursery((n) => {
        n.spawn(async (signal) => {
          try {
            await sleep(1000, signal);
          } catch {
            throw converted;
          }
        });
        n.spawn(async () => {
          await sleep(3);
          throw error;
        });
      }));
      assert.ok(rejection instanceof NurseryError);
      assert.deepEqual(rejection.errors, [error, converted]);
    });

    it("16 nested: inner child fails first → outer rejects with it (strict: group holding the inner group)", async () => {
      const error = new MyErr("inner child");
      const run = (strict: boolean) => nursery((outer) => {
        outer.spawn((signal) => nursery((inner) => {
          inner.spawn(async () => {
            await sleep(3);
            throw error;
          });
          inner.spawn((innerSignal) => sleep(1000, innerSignal));
        }, { signal, strict }));
        outer.spawn((signal) => sleep(1000, signal));
      }, { strict });

      assert.equal(await rejectionOf(run(false)), error);
      const grouped = await rejectionOf(run(true));
      assert.ok(grouped instanceof NurseryError);
      assert.equal(grouped.errors.length, 1);
      const innerGroup = grouped.errors[0];
      assert.ok(innerGroup instanceof NurseryError);
      assert.deepEqual(innerGroup.errors, [error]);
    });

    it("17 nested: outer child fails first → inner children aborted, outer group has only the outer error", async () => {
      const error = new MyErr("outer child");
      let innerChildSignal!: AbortSignal;
      const rejection = await rejectionOf(nursery((outer) => {
        outer.spawn((signal) => nursery((inner) => {
          inner.spawn(async (innerSignal) => {
            innerChildSignal = innerSignal;
            await sleep(1000, innerSignal);
          });
        }, { signal, strict: true }));
        outer.spawn(async () => {
          await sleep(3);
          throw error;
        });
      }, { strict: true }));
      assert.ok(rejection instanceof NurseryError);
      assert.deepEqual(rejection.errors, [error]);
      assert.ok(innerChildSignal.aborted);
      assert.equal((innerChildSignal.reason as CancelledError).kind, "parent");
    });

    it("18 task.cancel() on one child does not fail the nursery; siblings complete", async () => {
      let cancelled!: Task<string>;
      let scope!: Nursery;
      const value = await nursery(async (n) => {
        scope = n;
        cancelled = n.spawn(async (signal) => {
          await sleep(1000, signal);
          return "never";
        });
        const sibling = n.spawn(async (signal) => {
          await sleep(10, signal);
          return "sibling";
        });
        cancelled.cancel();
        return sibling.result;
      });
      assert.equal(value, "sibling");
      assert.equal(cancelled.state, "cancelled");
      assert.ok(cancelled.signal.aborted);
      assert.equal(scope.signal.aborted, false);
      assert.equal(scope.cancelCalled, false);
      await assert.rejects(cancelled.result, CancelledError);
    });

    it("19 the group error creates no cause cycles", async () => {
      const error = new MyErr("first");
      const rejection = await rejectionOf(nursery((outer) => {
        outer.spawn((signal) => nursery((inner) => {
          inner.spawn(async () => {
            await sleep(2);
            throw error;
          });
          inner.spawn(async (innerSignal) => {
            try {
              await sleep(1000, innerSignal);
            } catch (reason) {
              throw new MyErr("converted", { cause: reason });
            }
          });
        }, { signal, strict: true }));
        outer.spawn(async (signal) => {
          try {
            await sleep(1000, signal);
          } catch (reason) {
            throw new MyErr("outer converted", { cause: reason });
          }
        });
      }, { strict: true }));
      assert.ok(rejection instanceof NurseryError);
      // Walk every cause/errors edge; the group (or any error) must never be reachable from itself.
      const visit = (value: unknown, path: unknown[]): void => {
        if (typeof value !== "object" || value === null) return;
        assert.ok(!path.includes(value), "cycle in the error graph");
        const next = [...path, value];
        if ("cause" in value) visit(value.cause, next);
        if (value instanceof AggregateError) for (const inner of value.errors) visit(inner, next);
      };
      visit(rejection, []);
      assert.ok(rejection.errors.length >= 2);
    });
  });

  describe("cancellation & cancel scopes", () => {
    it("20 n.cancel() aborts children and grandchildren synchronously", async () => {
      let childSignal!: AbortSignal;
      let grandchildSignal!: AbortSignal;
      const value = await nursery(async (n) => {
        n.spawn((signal) => {
          childSignal = signal;
          return nursery((inner) => {
            inner.spawn(async (innerSignal) => {
              grandchildSignal = innerSignal;
              await sleep(1000, innerSignal);
            });
          }, { signal });
        });
        await sleep(2);
        n.cancel();
        // Same synchronous turn: no microtask has run since cancel().
        assert.ok(n.signal.aborted);
        assert.ok(childSignal.aborted);
        assert.ok(grandchildSignal.aborted);
        return "resolved normally";
      });
      assert.equal(value, "resolved normally");
    });

    it("21 a child spawned into a cancelled nursery starts, then its first checkpoint throws", async () => {
      let checkpointError: unknown;
      let task!: Task<void>;
      await nursery((n) => {
        n.cancel();
        let prefixRan = false;
        task = n.spawn(async (signal) => {
          prefixRan = true;
          try {
            await checkpoint(signal);
          } catch (reason) {
            checkpointError = reason;
            throw reason;
          }
        });
        assert.equal(prefixRan, true, "the synchronous prefix runs inside spawn()");
      });
      assert.ok(checkpointError instanceof CancelledError);
      assert.equal(checkpointError.kind, "explicit");
      assert.equal(task.state, "cancelled");
    });

    it("22 cancel() is idempotent and the first reason wins", async () => {
      // Deadline first, explicit later.
      await moveOnAfter(3, async (signal, scope) => {
        await sleep(1000, signal).catch(() => {});
        const reason = signal.reason as CancelledError;
        assert.equal(reason.kind, "deadline");
        scope.cancel("late");
        scope.cancel();
        assert.equal(signal.reason, reason);
      });
      // Explicit first, deadline later.
      const scope = new CancelScope({ timeout: 5 });
      await scope.run(async (signal) => {
        scope.cancel("first");
        const reason = signal.reason as CancelledError;
        scope.cancel("second");
        await sleep(15); // the deadline passes meanwhile
        assert.equal(signal.reason, reason);
        assert.equal(reason.kind, "explicit");
        assert.equal(reason.message, "first");
      });
    });

    it("23 after cancel every later checkpoint in the scope throws (level-triggered)", async () => {
      const thrown: unknown[] = [];
      await nursery(async (n) => {
        n.cancel();
        for (let i = 0; i < 3; i++) {
          await sleep(1, n.signal).catch((reason) => thrown.push(reason));
          await checkpoint(n.signal).catch((reason) => thrown.push(reason));
          await sleep(0, n.signal).catch((reason) => thrown.push(reason));
        }
      });
      assert.equal(thrown.length, 9);
      assert.ok(thrown.every((reason) => reason instanceof CancelledError && reason.kind === "explicit"));
    });

    it("24 a cancel scope swallows its own cancellation; cancelledCaught is true", async () => {
      let captured!: CancelScope;
      const value = await moveOnAfter(5, async (signal, scope) => {
        captured = scope;
        await sleep(1000, signal);
        return "unreachable";
      });
      const codeAfterRan = true;
      assert.equal(value, undefined);
      assert.ok(codeAfterRan);
      assert.equal(captured.cancelledCaught, true);
      assert.equal(captured.cancelCalled, true);
    });

    it("25 nested scopes both cancelled: the outermost catches", async () => {
      const outer = new CancelScope();
      let inner!: CancelScope;
      const value = await outer.run(async (outerSignal) => {
        inner = new CancelScope({ signal: outerSignal });
        await inner.run(async (innerSignal) => {
          inner.cancel();
          outer.cancel();
          await checkpoint(innerSignal);
        });
        return "not reached";
      });
      assert.equal(value, undefined);
      assert.equal(outer.cancelledCaught, true);
      assert.equal(inner.cancelCalled, true);
      assert.equal(inner.cancelledCaught, false);
    });

    it("26 parent abort: the nursery rejects with the parent's reason and aborts the children", async () => {
      const parent = new AbortController();
      const reason = new MyErr("shutdown");
      let childSignal!: AbortSignal;
      const pending = nursery((n) => {
        n.spawn(async (signal) => {
          childSignal = signal;
          await sleep(1000, signal);
        });
        n.spawn((signal) => sleep(1000, signal));
      }, { signal: parent.signal });
      await sleep(3);
      parent.abort(reason);
      assert.equal(await rejectionOf(pending), reason, "the parent's reason itself, not a group");
      assert.equal((childSignal.reason as CancelledError).kind, "parent");
      assert.equal((childSignal.reason as CancelledError).cause, reason);

      const plain = new AbortController();
      const defaultReason = nursery((n) => {
        n.spawn((signal) => sleep(1000, signal));
      }, { signal: plain.signal });
      plain.abort();
      assert.equal(await rejectionOf(defaultReason), plain.signal.reason);
    });

    it("27 children that completed normally: no error even if the parent aborted at exit", async () => {
      const parent = new AbortController();
      const value = await nursery((n) => {
        n.spawn(async () => {
          await sleep(10); // ignores the signal and completes
        });
        n.spawn(async () => {
          await sleep(2);
          parent.abort();
        });
        return "ok";
      }, { signal: parent.signal });
      assert.equal(value, "ok");
    });

    it("28 a scope cancelled before it is entered cancels its body at the first checkpoint", async () => {
      const scope = new CancelScope();
      scope.cancel();
      let reachedBody = false;
      const value = await scope.run(async (signal) => {
        reachedBody = true;
        await checkpoint(signal);
        return "not reached";
      });
      assert.ok(reachedBody);
      assert.equal(value, undefined);
      assert.equal(scope.cancelledCaught, true);
    });

    it("29 scope objects are single-use: re-entering throws", async () => {
      const scope = new CancelScope();
      assert.equal(await scope.run(() => 1), 1);
      assert.throws(() => scope.run(() => 2), /single-use/);

      let entered!: Nursery;
      await nursery((n) => {
        entered = n;
      });
      assert.throws(() => entered.run(() => 3), /single-use/);

      const flat = openNursery();
      await flat.join();
      assert.throws(() => flat.join(), /single-use/);
    });

    it("30 cancel reasons say why: sibling names the task, body says body, deadline says deadline", async () => {
      const error = new MyErr("boom");
      let siblingReason!: CancelledError;
      await rejectionOf(nursery((n) => {
        n.spawn(async (signal) => {
          await sleep(1000, signal).catch(() => {});
          siblingReason = signal.reason;
        });
        n.spawn(async function fetchUser() {
          await sleep(2);
          throw error;
        });
      }));
      assert.equal(siblingReason.kind, "sibling-failed");
      assert.equal(siblingReason.task, "fetchUser");
      assert.match(siblingReason.message, /fetchUser/);
      assert.equal(siblingReason.cause, error);

      let namedReason!: CancelledError;
      await rejectionOf(nursery((n) => {
        n.spawn(async (signal) => {
          await sleep(1000, signal).catch(() => {});
          namedReason = signal.reason;
        });
        n.spawn(() => {
          throw error;
        }, { name: "db-writer" });
      }));
      assert.equal(namedReason.task, "db-writer");

      let bodyReason!: CancelledError;
      await rejectionOf(nursery((n) => {
        n.spawn(async (signal) => {
          await sleep(1000, signal).catch(() => {});
          bodyReason = signal.reason;
        });
        throw error;
      }));
      assert.equal(bodyReason.kind, "body-failed");
      assert.match(bodyReason.message, /body/);

      let deadlineReason!: CancelledError;
      await moveOnAfter(2, async (signal) => {
        await sleep(1000, signal).catch(() => {});
        deadlineReason = signal.reason;
      });
      assert.equal(deadlineReason.kind, "deadline");
      assert.match(deadlineReason.message, /deadline/);
    });
  });

  describe("deadlines & timeouts", () => {
    it("31 moveOnAfter(t) around sleep(100t) ends after ≈t without error", async () => {
      const start = performance.now();
      const value = await moveOnAfter(10, (signal) => sleep(1000, signal));
      const elapsed = elapsedSince(start);
      assert.equal(value, undefined);
      assert.ok(elapsed >= 8 && elapsed < 500, `took ${elapsed} ms`);
    });

    it("32 failAfter(t) around sleep(100t) rejects with TimeoutError; failAfter(large) around a quick op is silent", async () => {
      const start = performance.now();
      await assert.rejects(failAfter(10, (signal) => sleep(1000, signal)), TimeoutError);
      assert.ok(elapsedSince(start) < 500);
      const timersBefore = await timerBaseline();
      assert.equal(await failAfter(10_000, async (signal) => {
        await sleep(1, signal);
        return "quick";
      }), "quick");
      assert.equal(armedTimers(), timersBefore, "the long deadline timer was cleared");
      // A nursery's own timeout fails the same way.
      await assert.rejects(nursery((n) => {
        n.spawn((signal) => sleep(1000, signal));
      }, { timeout: 5 }), TimeoutError);
    });

    it("33 a deadline in the past: cancelCalled at once, the first checkpoint throws", async () => {
      const scope = new CancelScope({ deadline: Date.now() - 1000 });
      await scope.run(async (signal, entered) => {
        assert.equal(entered.cancelCalled, true);
        assert.ok(signal.aborted);
        await assert.rejects(checkpoint(signal), CancelledError);
      });
      await assert.rejects(nursery(async (n) => {
        assert.equal(n.cancelCalled, true);
        await checkpoint(n.signal);
      }, { deadline: Date.now() - 1 }), TimeoutError);
    });

    it("34 moving the deadline earlier cancels at the next checkpoint; moving it later postpones", async () => {
      await new CancelScope({ timeout: 10_000 }).run(async (signal, scope) => {
        await checkpoint(signal);
        assert.equal(signal.aborted, false);
        scope.deadline = Date.now() - 1;
        await assert.rejects(checkpoint(signal), (reason) => (reason as CancelledError).kind === "deadline");
      });

      const postponed = new CancelScope({ timeout: 10 });
      const value = await postponed.run(async (signal, scope) => {
        scope.deadline = Date.now() + 80;
        await sleep(25, signal); // would have been cancelled at 10 ms
        return "finished";
      });
      assert.equal(value, "finished");
      assert.equal(postponed.cancelCalled, false);
    });

    it("35 a deadline that passes after the scope exited has no effect", async () => {
      const timersBefore = await timerBaseline();
      const scope = new CancelScope({ timeout: 15 });
      await scope.run(() => sleep(1));
      assert.equal(armedTimers(), timersBefore, "deadline timer cleared on exit");
      await sleep(25);
      assert.equal(scope.cancelCalled, false);
      assert.equal(scope.signal.aborted, false);
    });

    it("36 effective deadline = min of enclosing deadlines; a shield hides outer deadlines", async () => {
      const outerDeadline = Date.now() + 60;
      await new CancelScope({ deadline: outerDeadline }).run(async (outerSignal) => {
        const later = new CancelScope({ signal: outerSignal, timeout: 10_000 });
        await later.run(() => assert.equal(later.effectiveDeadline, outerDeadline));
        const earlier = new CancelScope({ signal: outerSignal, timeout: 5 });
        await earlier.run(() => assert.equal(earlier.effectiveDeadline, earlier.deadline));
        const shielded = new CancelScope({ signal: outerSignal, timeout: 10_000, shield: true });
        await shielded.run(() => assert.equal(shielded.effectiveDeadline, shielded.deadline));
        assert.ok(shielded.deadline > outerDeadline);
      });

      // Through a nursery child's signal too, and the outer deadline really is the one that fires.
      const start = performance.now();
      let innerScope!: CancelScope;
      await moveOnAfter(10, async (signal) => {
        await nursery((n) => {
          n.spawn(async (childSignal) => {
            innerScope = new CancelScope({ signal: childSignal, timeout: 5_000 });
            await innerScope.run(async (innerSignal) => {
              assert.ok(innerScope.effectiveDeadline < Date.now() + 100);
              await sleep(1000, innerSignal);
            });
          });
        }, { signal });
      });
      assert.ok(elapsedSince(start) < 500);
      assert.equal(innerScope.cancelCalled, false, "cancelled by the outer deadline, not its own");
    });

    it("37 validation: NaN deadline, negative timeout, both given → RangeError/TypeError", () => {
      const body = (): void => {};
      assert.throws(() => nursery(body, { timeout: Number.NaN }), RangeError);
      assert.throws(() => nursery(body, { timeout: -1 }), RangeError);
      assert.throws(() => nursery(body, { deadline: Number.NaN }), RangeError);
      assert.throws(() => nursery(body, { timeout: 5, deadline: Date.now() + 5 }), TypeError);
      assert.throws(() => openNursery({ timeout: -5 }), RangeError);
      assert.throws(() => new CancelScope({ timeout: Number.NaN }), RangeError);
      assert.throws(() => moveOnAfter(-1, body), RangeError);
      assert.throws(() => failAfter(Number.NaN, body), RangeError);
      const scope = new CancelScope();
      assert.throws(() => {
        scope.deadline = Number.NaN;
      }, RangeError);
    });

    it("38 a relative timeout is measured from scope entry, not object creation", async () => {
      const scope = new CancelScope({ timeout: 40 });
      await sleep(30);
      const enteredAt = Date.now();
      const value = await scope.run(async (signal) => {
        await sleep(20, signal); // 50 ms after creation, 20 ms after entry
        return "done";
      });
      assert.equal(value, "done");
      assert.ok(scope.deadline >= enteredAt + 39, "deadline counts from entry");
      assert.equal(scope.cancelCalled, false);
    });
  });

  describe("shield", () => {
    it("39 shield: outer cancel does not reach inside; its own cancel and inner scopes still work", async () => {
      const log: string[] = [];
      let ownCancel: unknown;
      let shieldedSignalAbortedAfterOuterCancel: boolean | undefined;
      await nursery(async (outer) => {
        outer.spawn((signal) => nursery(async (shielded) => {
          await sleep(20, shielded.signal); // the outer cancel at ~3 ms must not interrupt this
          shieldedSignalAbortedAfterOuterCancel = shielded.signal.aborted;
          log.push("shielded work done");
          const inner = await moveOnAfter(3, (innerSignal) => sleep(1000, innerSignal), { signal: shielded.signal });
          log.push(`inner scope moved on: ${String(inner)}`);
          shielded.spawn(async (childSignal) => {
            await sleep(1000, childSignal).catch((reason) => {
              ownCancel = reason;
            });
          });
          shielded.cancel();
        }, { signal, shield: true }));
        await sleep(3);
        outer.cancel();
        log.push("outer cancelled");
      });
      assert.deepEqual(log, ["outer cancelled", "shielded work done", "inner scope moved on: undefined"]);
      assert.equal(shieldedSignalAbortedAfterOuterCancel, false);
      assert.equal((ownCancel as CancelledError).kind, "explicit");
    });

    it("40 turning the shield off while the outer scope is cancelled aborts the work at once", async () => {
      const parent = new AbortController();
      const reason = new MyErr("outer cancelled");
      parent.abort(reason);
      const start = performance.now();
      let childSignal!: AbortSignal;
      const rejection = await rejectionOf(nursery(async (n) => {
        n.spawn(async (signal) => {
          childSignal = signal;
          await sleep(1000, signal);
        });
        await sleep(3);
        assert.equal(childSignal.aborted, false, "shielded from the aborted parent");
        n.shield = false;
        assert.equal(childSignal.aborted, true, "aborted synchronously by unshielding");
      }, { signal: parent.signal, shield: true }));
      assert.equal(rejection, reason);
      assert.ok(elapsedSince(start) < 500);
    });

    it("41 cleanup in finally wrapped in a shielded scope can await after the outer cancel", async () => {
      const parent = new AbortController();
      const log: string[] = [];
      const pending = nursery((n) => {
        n.spawn(async (signal) => {
          try {
            await sleep(1000, signal);
          } finally {
            await moveOnAfter(1000, async (cleanupSignal) => {
              await sleep(10, cleanupSignal);
              log.push("cleanup finished");
            }, { signal, shield: true });
          }
        });
      }, { signal: parent.signal });
      await sleep(3);
      parent.abort();
      await rejectionOf(pending);
      log.push("nursery settled");
      assert.deepEqual(log, ["cleanup finished", "nursery settled"]);
    });
  });

  describe("start() handshake", () => {
    it("42 start resolves with the started value; the child keeps running and is awaited", async () => {
      const log: string[] = [];
      await nursery(async (n) => {
        const port = await n.start<number>(async (signal, started) => {
          await sleep(3, signal);
          started(8080);
          log.push("started");
          await sleep(15, signal);
          log.push("server done");
        });
        assert.equal(port, 8080);
        log.push("start returned");
      });
      assert.deepEqual(log, ["started", "start returned", "server done"]);
    });

    it("43 an error before started() rejects start() with the bare error; the nursery is not failed", async () => {
      const error = new MyErr("bind failed");
      const value = await nursery(async (n) => {
        const rejection = await rejectionOf(n.start(async () => {
          await sleep(2);
          throw error;
        }));
        assert.equal(rejection, error);
        assert.equal(n.signal.aborted, false);
        return "ok";
      }, { strict: true });
      assert.equal(value, "ok");
    });

    it("44 fn resolving without started() rejects start()", async () => {
      await nursery(async (n) => {
        await assert.rejects(n.start(async () => {
          await sleep(1);
        }), /without calling started/);
      });
    });

    it("45 calling started() twice throws", async () => {
      let secondCall: unknown;
      await nursery(async (n) => {
        const value = await n.start<string>((_signal, started) => {
          started("first");
          try {
            started("second");
          } catch (error) {
            secondCall = error;
          }
        });
        assert.equal(value, "first");
      });
      assert.ok(secondCall instanceof Error);
      assert.match(secondCall.message, /already called/);
    });

    it("46 start() on a closed nursery rejects immediately", async () => {
      let closed!: Nursery;
      await nursery((n) => {
        closed = n;
      });
      let ran = false;
      await assert.rejects(closed.start(() => {
        ran = true;
      }), /not open/);
      assert.equal(ran, false);
    });

    it("47 cancelling the caller of start() before started() rejects start() with the cancellation", async () => {
      const caller = new AbortController();
      const reason = new MyErr("caller gone");
      await nursery(async (n) => {
        const pending = n.start(async (signal, started) => {
          await sleep(1000, signal);
          started();
        }, { signal: caller.signal });
        await sleep(2);
        caller.abort(reason);
        assert.equal(await rejectionOf(pending), reason);
        assert.equal(getEventListeners(caller.signal, "abort").length, 0);
      });

      // The nursery's own cancellation reaches a pending start() the same way.
      await nursery(async (n) => {
        const pending = n.start(async (signal, started) => {
          await sleep(1000, signal);
          started();
        });
        n.cancel();
        const rejection = await rejectionOf(pending);
        assert.equal(rejection, n.signal.reason);
        assert.ok(rejection instanceof CancelledError);
      });
    });

    it("48 a pending start() keeps the nursery open", async () => {
      const log: string[] = [];
      let startPromise!: Promise<string>;
      await nursery((n) => {
        startPromise = n.start<string>(async (signal, started) => {
          await sleep(15, signal);
          log.push("started");
          started("ready");
        });
        log.push("body done");
      });
      log.push("nursery done");
      assert.deepEqual(log, ["body done", "started", "nursery done"]);
      assert.equal(await startPromise, "ready");
    });
  });

  describe("sleep, signals, resources", () => {
    it("49 sleep rejects with signal.reason and clears its timer; sleep(0) is a checkpoint; sleep(-1)/NaN throw", async () => {
      const timersBefore = await timerBaseline();
      const controller = new AbortController();
      const reason = new MyErr("stop");
      const sleeping = sleep(1000, controller.signal);
      assert.equal(armedTimers(), timersBefore + 1);
      controller.abort(reason);
      assert.equal(await rejectionOf(sleeping), reason);
      assert.equal(armedTimers(), timersBefore, "timer cleared on abort");
      assert.equal(getEventListeners(controller.signal, "abort").length, 0);

      const quiet = new AbortController();
      await sleep(2, quiet.signal);
      assert.equal(getEventListeners(quiet.signal, "abort").length, 0, "listener removed on the normal path");
      assert.equal(armedTimers(), timersBefore);

      let otherCallbackRan = false;
      setImmediate(() => {
        otherCallbackRan = true;
      });
      await sleep(0);
      assert.ok(otherCallbackRan, "sleep(0) yields to the event loop");
      await assert.rejects(sleep(0, controller.signal), (error) => error === reason);

      assert.throws(() => sleep(-1), RangeError);
      assert.throws(() => sleep(Number.NaN), RangeError);
    });

    it("50 no listener leaks: the parent signal gets exactly one add and one remove", async () => {
      const parent = new AbortController();
      const counts = spyOnAbortListeners(parent.signal);
      await nursery((n) => {
        n.spawn((signal) => sleep(2, signal));
        n.spawn((signal) => nursery((inner) => {
          inner.spawn((innerSignal) => sleep(1, innerSignal));
        }, { signal }));
      }, { signal: parent.signal, timeout: 1000 });
      assert.deepEqual(counts, { added: 1, removed: 1 });
      assert.equal(getEventListeners(parent.signal, "abort").length, 0);

      await rejectionOf(nursery((n) => {
        n.spawn(() => {
          throw new MyErr("fails");
        });
      }, { signal: parent.signal }));
      assert.deepEqual(counts, { added: 2, removed: 2 });
      assert.equal(getEventListeners(parent.signal, "abort").length, 0);
    });

    it("51 100k short-lived nurseries under one long-lived parent signal do not grow listeners, timers or memory", async function () {
      this.timeout(60_000);
      const parent = new AbortController();
      const counts = spyOnAbortListeners(parent.signal);
      const timersBefore = await timerBaseline();
      const total = 100_000;
      const batch = 1_000;
      let maxLiveListeners = 0;
      let failures = 0;
      // Measure live memory, not garbage awaiting collection (mocha runs with --expose-gc, see .mocharc.json).
      const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});
      collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      for (let done = 0; done < total; done += batch) {
        const round: Promise<unknown>[] = [];
        for (let i = done; i < done + batch; i++) {
          round.push(nursery((n) => {
            n.spawn(() => i);
            if (i % 10 === 0) n.spawn((signal) => sleep(1000, signal));
            if (i % 10 === 0) n.cancel();
            if (i % 7 === 0) n.spawn(() => Promise.reject(new MyErr("fails")));
          }, { signal: parent.signal, timeout: i % 2 === 0 ? 60_000 : undefined }).catch(() => {
            failures++;
          }));
        }
        maxLiveListeners = Math.max(maxLiveListeners, getEventListeners(parent.signal, "abort").length);
        await Promise.all(round);
      }
      // Concurrent scopes under one parent share one listener; it is removed when the last one closes.
      assert.equal(maxLiveListeners, 1, `live listeners peaked at ${maxLiveListeners}`);
      assert.equal(getEventListeners(parent.signal, "abort").length, 0);
      assert.ok(counts.added >= total / batch);
      assert.equal(counts.removed, counts.added);
      assert.equal(armedTimers(), timersBefore, "no deadline or sleep timers left armed");
      assert.ok(failures > 0 && failures < total);
      collectGarbage();
      const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
      // Everything above is garbage now; without a leak the heap stays far below 100k retained scopes.
      assert.ok(heapGrowth < 64 * 1024 * 1024, `heap grew by ${(heapGrowth / 1048576).toFixed(1)} MB`);
    });

    it("52 await using: body throws before join() → children aborted (scope-exit), awaited, E unwrapped", async () => {
      const error = new MyErr("body");
      let childSignal!: AbortSignal;
      let childFinished = false;
      const rejection = await rejectionOf((async () => {
        await using n = openNursery();
        n.spawn(async (signal) => {
          childSignal = signal;
          try {
            await sleep(1000, signal);
          } finally {
            await sleep(5);
            childFinished = true;
          }
        });
        await sleep(2);
        throw error;
      })());
      assert.equal(rejection, error, "no SuppressedError when no child failed");
      assert.equal((childSignal.reason as CancelledError).kind, "scope-exit");
      assert.ok(childFinished, "disposal waited for the child");
    });

    it("53 await using + join() on the normal path has the callback form's semantics", async () => {
      const log: string[] = [];
      await (async () => {
        await using n = openNursery();
        n.spawn(async () => {
          await sleep(10);
          log.push("child");
        });
        await n.join();
        log.push("joined");
      })();
      assert.deepEqual(log, ["child", "joined"]);

      const first = new MyErr("first");
      const second = new MyErr("second");
      const rejection = await rejectionOf((async () => {
        await using n = openNursery();
        n.spawn(async () => {
          await sleep(2);
          throw first;
        });
        n.spawn(async () => {
          await sleep(4);
          throw second;
        });
        await n.join();
      })());
      assert.ok(rejection instanceof NurseryError);
      assert.deepEqual(rejection.errors, [first, second]);

      const single = await rejectionOf((async () => {
        await using n = openNursery();
        n.spawn(async () => {
          throw first;
        });
        await n.join();
      })());
      assert.equal(single, first);
    });

    it("54 await using: a child failed and the body threw → SuppressedError{error: failure, suppressed: E}", async () => {
      const childError = new MyErr("child");
      const bodyError = new MyErr("body");
      const run = (strict: boolean) => (async () => {
        await using n = openNursery({ strict });
        n.spawn(async () => {
          await sleep(2);
          throw childError;
        });
        await sleep(10);
        throw bodyError;
      })();
      const bare = (await rejectionOf(run(false))) as { name: string; error: unknown; suppressed: unknown };
      assert.equal(bare.name, "SuppressedError");
      assert.equal(bare.error, childError);
      assert.equal(bare.suppressed, bodyError);
      const grouped = (await rejectionOf(run(true))) as { error: unknown; suppressed: unknown };
      assert.ok(grouped.error instanceof NurseryError);
      assert.deepEqual(grouped.error.errors, [childError]);
      assert.equal(grouped.suppressed, bodyError);
    });

    it("55 defer(): cleanups run LIFO after all children settle, even on failure; their errors join the group", async () => {
      const log: string[] = [];
      const childError = new MyErr("child");
      const cleanupError = new MyErr("cleanup");
      const rejection = await rejectionOf(nursery((n) => {
        n.defer(() => {
          log.push("registered first");
        });
        n.defer(async () => {
          await sleep(2);
          log.push("registered second");
          throw cleanupError;
        });
        n.spawn(async (signal) => {
          await sleep(1000, signal).catch(() => {});
          log.push("sibling unwound");
        });
        n.spawn(async () => {
          await sleep(3);
          log.push("child failed");
          throw childError;
        });
      }));
      assert.deepEqual(log, ["child failed", "sibling unwound", "registered second", "registered first"]);
      assert.ok(rejection instanceof NurseryError);
      assert.deepEqual(rejection.errors, [childError, cleanupError]);

      // On success too, and a lone cleanup error is thrown bare.
      const order: number[] = [];
      const lone = await rejectionOf(nursery((n) => {
        n.defer(() => order.push(1));
        n.defer(() => {
          order.push(2);
          throw cleanupError;
        });
        n.spawn(() => sleep(2));
      }));
      assert.deepEqual(order, [2, 1]);
      assert.equal(lone, cleanupError);
    });

    it("56 supervisor mode (failFast: false): a failing child does not abort siblings; errors re-raised at the end", async () => {
      const log: string[] = [];
      const error = new MyErr("one child");
      const rejection = await rejectionOf(nursery((n) => {
        n.spawn(async () => {
          await sleep(2);
          throw error;
        });
        n.spawn(async (signal) => {
          await sleep(15, signal);
          log.push("sibling finished");
        });
      }, { failFast: false }));
      assert.equal(rejection, error);
      assert.deepEqual(log, ["sibling finished"]);

      const second = new MyErr("another child");
      const grouped = await rejectionOf(nursery((n) => {
        n.spawn(async () => {
          await sleep(2);
          throw error;
        });
        n.spawn(async (signal) => {
          await sleep(8, signal);
          throw second;
        });
      }, { failFast: false }));
      assert.ok(grouped instanceof NurseryError);
      assert.deepEqual(grouped.errors, [error, second]);
    });

    it("57 a failing child never produces an unhandled rejection, even if nobody reads its handle", async () => {
      const unhandled: unknown[] = [];
      const record = (reason: unknown): void => {
        unhandled.push(reason);
      };
      process.on("unhandledRejection", record);
      try {
        await rejectionOf(nursery((n) => {
          for (let i = 0; i < 5; i++) {
            n.spawn(async () => {
              throw new MyErr(`child ${i}`);
            });
          }
          n.spawn(() => Promise.reject(new MyErr("plain rejected promise")));
        }));
        await nursery((n) => {
          const task = n.spawn((signal) => sleep(1000, signal));
          task.cancel();
          void task.result; // read but never awaited
        });
        await rejectionOf(nursery((n) => {
          const task = n.spawn(async () => {
            throw new MyErr("read late");
          });
          setTimeout(() => void task.result, 1);
          n.spawn(() => sleep(5));
        }));
        await sleep(10);
        await settleEventLoop();
      } finally {
        process.off("unhandledRejection", record);
      }
      assert.deepEqual(unhandled, []);
    });
  });
});
