// Nursery handles and Tasks used outside the callback that owns them. Identified by type (declared in "nursery").
import { nursery, openNursery, sleep, type Nursery, type Task } from "nursery";

declare function getJson(url: string, options?: { signal?: AbortSignal }): Promise<unknown>;
declare function startWorkers(n: Nursery): void;
declare function spawnOne(n: Nursery): Task<unknown>;

let saved: Nursery | undefined;
let savedTask: Task<unknown> | undefined;
const tasks: Task<unknown>[] = [];
const registry = new Map<string, Nursery>();

export async function invalidReturnHandle() {
  return nursery(async (n) => {
    n.spawn((signal) => getJson("/a", { signal }));
    return n;
    //     ^ nursery-escape
  });
}

export async function invalidReturnConcise() {
  return nursery(async (n) => n);
  //                          ^ nursery-escape
}

export async function invalidReturnTask() {
  return nursery(async (n) => {
    const task = n.spawn((signal) => getJson("/a", { signal }));
    return task;
    //     ^^^^ nursery-escape
  });
}

export async function invalidReturnSpawnDirectly() {
  return nursery((n) => n.spawn((signal) => getJson("/a", { signal })));
  //                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ nursery-escape
}

export async function invalidReturnTasksArray() {
  return nursery(async (n) => {
    const a = n.spawn((signal) => getJson("/a", { signal }));
    const b = n.spawn((signal) => getJson("/b", { signal }));
    return [a, b];
    //     ^^^^^^ nursery-escape
  });
}

export async function invalidReturnInObject() {
  return nursery(async (n) => {
    return { scope: n, started: Date.now() };
    //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ nursery-escape
  });
}

export async function invalidOuterVariable() {
  await nursery(async (n) => {
    saved = n;
    //      ^ nursery-escape
  });
  saved?.spawn(() => sleep(10));
}

export async function invalidOuterTask() {
  await nursery(async (n) => {
    savedTask = n.spawn((signal) => getJson("/a", { signal }));
    //          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ nursery-escape
  });
}

export async function invalidLocalOfEnclosingFunction() {
  let handle: Nursery | undefined;
  await nursery(async (n) => {
    handle = n;
    //       ^ nursery-escape
  });
  return handle;
}

export class Service {
  scope: Nursery | undefined;
  task: Task<unknown> | undefined;

  async invalidField() {
    await nursery(async (n) => {
      this.scope = n;
      //           ^ nursery-escape
    });
  }

  async invalidTaskField() {
    await nursery(async (n) => {
      const task = n.spawn(() => sleep(10));
      this.task = task;
      //          ^^^^ nursery-escape
    });
  }
}

export async function invalidPushedToOuterArray() {
  await nursery(async (n) => {
    tasks.push(n.spawn(() => sleep(10)));
    //         ^^^^^^^^^^^^^^^^^^^^^^^^^ nursery-escape
  });
}

export async function invalidOuterMap() {
  await nursery(async (n) => {
    registry.set("main", n);
    //                   ^ nursery-escape
  });
}

export async function invalidClosureStoredOutside() {
  let later: (() => void) | undefined;
  await nursery(async (n) => {
    later = () => n.spawn(() => sleep(10));
    //      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ nursery-escape
  });
  later?.();
}

export async function invalidClosureReturned() {
  const spawnLater = await nursery(async (n) => {
    return () => n.spawn(() => sleep(10));
    //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ nursery-escape
  });
  spawnLater();
}

export async function invalidFromChildTask() {
  await nursery(async (n) => {
    n.spawn(async () => {
      saved = n;
      //      ^ nursery-escape
    });
  });
}

export async function invalidInnerHandleToOuterScope() {
  await nursery(async (outer) => {
    let inner: Nursery | undefined;
    await nursery(async (m) => {
      inner = m;
      //      ^ nursery-escape
    });
    inner?.spawn(() => sleep(10));
    outer.spawn(() => sleep(10));
  });
}

export async function invalidHelperTaskReturned() {
  return nursery(async (n) => {
    const task = spawnOne(n);
    return task;
    //     ^^^^ nursery-escape
  });
}

export async function invalidStoredWithCast() {
  await nursery(async (n) => {
    (saved as Nursery | undefined) = n;
    //                               ^ nursery-escape
  });
}

export async function invalidNonAsyncBody() {
  await nursery((n) => {
    saved = n;
    //      ^ nursery-escape
  });
}

export async function invalidFunctionExpressionBody() {
  return nursery(function (n) {
    return n;
    //     ^ nursery-escape
  });
}

// valid: the body returns the children's results, not the tasks
export async function validResults() {
  return nursery(async (n) => {
    const a = n.spawn((signal) => getJson("/a", { signal }));
    const b = n.spawn((signal) => getJson("/b", { signal }));
    return [await a.result, await b.result];
  });
}

// valid: handles kept in locals of the callback
export async function validLocals() {
  await nursery(async (n) => {
    const all: Task<unknown>[] = [];
    for (const url of ["/a", "/b"]) all.push(n.spawn((signal) => getJson(url, { signal })));
    await Promise.all(all.map((task) => task.result));
  });
}

// valid: a handle passed to a helper that runs inside the scope
export async function validPassedToHelper() {
  await nursery(async (n) => {
    startWorkers(n);
  });
}

// valid: a helper that takes a borrowed nursery may return a task to its caller (still inside the scope)
export function validHelper(n: Nursery): Task<unknown> {
  return n.spawn(() => sleep(10));
}

// valid: a task's result promise may leave
export async function validResultEscapes() {
  let result: Promise<unknown> | undefined;
  await nursery(async (n) => {
    result = n.spawn(() => sleep(10)).result;
  });
  return result;
}

// valid: the signal is not a handle
export async function validSignalStored() {
  let signal: AbortSignal | undefined;
  await nursery(async (n) => {
    signal = n.signal;
  });
  return signal?.aborted;
}

// valid: a field of a local object of the callback
export async function validLocalObjectField() {
  await nursery(async (n) => {
    const state: { task?: Task<unknown> } = {};
    state.task = n.spawn(() => sleep(10));
    await state.task.result;
  });
}

// valid: an outer task handed into an inner nursery stays in the outer scope
export async function validOuterTaskInInnerScope() {
  await nursery(async (outer) => {
    const first = outer.spawn(() => sleep(10));
    await nursery(async (inner) => {
      inner.spawn(() => first.result);
      return first;
    });
  });
}

// valid: closures that run inside the scope
export async function validClosureInside() {
  await nursery(async (n) => {
    const spawnOne = () => n.spawn(() => sleep(10));
    spawnOne();
    spawnOne();
  });
}

// valid: spawning from a child on the same nursery while it is open
export async function validSpawnFromChild() {
  await nursery(async (n) => {
    n.spawn(async () => {
      await sleep(10);
      n.spawn(() => sleep(10));
    });
  });
}

// valid: a nested function's own return is not the body's return
export async function validNestedReturn() {
  await nursery(async (n) => {
    const pick = () => {
      return n;
    };
    pick().spawn(() => sleep(10));
  });
}

// valid: returning a value computed from the handle
export async function validReturnName() {
  return nursery(async (n) => {
    const task = n.spawn(() => sleep(10), { name: "sleeper" });
    return task.name;
  });
}

// valid: a same-named type from elsewhere is not the runtime's
interface OtherNursery {
  spawn(): void;
}
declare function withOther(body: (n: OtherNursery) => void): void;
let other: OtherNursery | undefined;
export function validNotTheRuntime() {
  withOther((n) => {
    other = n;
  });
}

// valid: a local array of the callback collects tasks
export async function validLocalArray() {
  await nursery(async (n) => {
    const local = new Map<string, Task<unknown>>();
    local.set("a", n.spawn(() => sleep(10)));
    for (const task of local.values()) await task.result;
  });
}

// valid: cancelling from the body
export async function validCancel() {
  await nursery(async (n) => {
    n.spawn(() => sleep(1000));
    n.cancel();
  });
}

// valid: the handle is stored in a local of a child task
export async function validChildLocal() {
  await nursery(async (n) => {
    n.spawn(async () => {
      const mine = n;
      mine.spawn(() => sleep(10));
    });
  });
}

// valid: a promise of results returned
export async function validAllResults() {
  return nursery(async (n) => {
    const all = [n.spawn(() => sleep(1)), n.spawn(() => sleep(2))];
    return Promise.all(all.map((task) => task.result));
  });
}

// valid: the nursery's own result is stored outside
export async function validNurseryResult() {
  let value: unknown;
  value = await nursery(async (n) => {
    return await n.spawn(() => getJson("/a")).result;
  });
  return value;
}

// valid: a handle in a conditional that stays local
export async function validConditionalLocal(flag: boolean) {
  await nursery(async (n) => {
    const target = flag ? n : undefined;
    target?.spawn(() => sleep(10));
  });
}

// valid: the flat form joined inside its block
export async function validFlatForm() {
  const n = openNurseryLike();
  n.spawn(() => sleep(10));
  await n.join();
}
declare function openNurseryLike(): Nursery;

// valid: destructuring a task's fields
export async function validDestructureTask() {
  return nursery(async (n) => {
    const { result, name } = n.spawn(() => sleep(10));
    log(name);
    return result;
  });
}

// valid: a handle compared, not stored
export async function validCompared() {
  await nursery(async (n) => {
    if (n === saved) log("same");
  });
}

// valid: a task id stored outside
export async function validTaskName() {
  let name = "";
  await nursery(async (n) => {
    name = n.spawn(() => sleep(10)).name;
  });
  return name;
}

// valid: a task passed to an outer logging function
export async function validLogged() {
  await nursery(async (n) => {
    const task = n.spawn(() => sleep(10));
    log(task.name);
  });
}

export async function invalidFlatFormReturned() {
  await using n = openNursery();
  n.spawn(() => sleep(10));
  return n;
  //     ^ nursery-escape
}

export async function invalidFlatFormStored() {
  await using n = openNursery();
  saved = n;
  //      ^ nursery-escape
  await n.join();
}

// valid: the flat form used and joined in its block
export async function validFlatFormJoined() {
  await using n = openNursery();
  n.spawn(() => sleep(10));
  await n.join();
}

// valid: a flat-form handle passed to a helper
export async function validFlatFormHelper() {
  await using n = openNursery();
  startWorkers(n);
  await n.join();
}
