import { CancelledError, NurseryError, TimeoutError, isCancelled } from "./errors.js";
import { clearTimer, now, setTimer, type TimerHandle } from "./timers.js";

/** Options shared by every scope: where cancellation comes from and when time runs out. */
export interface ScopeOptions {
  /** Parent cancellation: when it aborts, the scope is cancelled with kind "parent". */
  signal?: AbortSignal | undefined;
  /** Relative time limit in ms, measured from the moment the scope is entered. */
  timeout?: number | undefined;
  /** Absolute time limit in epoch ms (`Date.now()` clock). Mutable later through `scope.deadline`. */
  deadline?: number | undefined;
  /** Ignore the parent's cancellation (for cleanup). The scope's own cancel and deadline still apply. */
  shield?: boolean | undefined;
}

export interface NurseryOptions extends ScopeOptions {
  /** Always reject with a `NurseryError`, even for a single failure (Trio's strict ExceptionGroups). */
  strict?: boolean | undefined;
  /** `false` = supervisor: a failing child does not cancel its siblings; errors are still thrown at the end. */
  failFast?: boolean | undefined;
}

export interface SpawnOptions {
  /** Shown in the "sibling-failed" cancel reason; defaults to the function's name. */
  name?: string | undefined;
}

export interface StartOptions extends SpawnOptions {
  /**
   * The caller's signal. Until `started()` is called the child runs under it as well (Trio: the child lives in
   * the caller's scope until it is ready), so cancelling the caller rejects `start()`.
   */
  signal?: AbortSignal | undefined;
}

export type TaskState = "pending" | "fulfilled" | "rejected" | "cancelled";

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

// Lifecycle of a scope. IDLE: constructed, not entered. CLOSING: children done, running deferred cleanups.
const IDLE = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

// Maps a signal to the scope that aborts it, so a nested scope can find its parent's deadline.
// (A WeakMap: adding a property to an AbortSignal is several times slower in V8.)
const signalOwners = new WeakMap<AbortSignal, CancelScope>();

function newOwnedController(owner: CancelScope): AbortController {
  const controller = new AbortController();
  signalOwners.set(controller.signal, owner);
  return controller;
}

const noop = (): void => {};

// Linking to a parent signal, by hand rather than with AbortSignal.any (which leaks when the parent lives
// long: Node #55351). All open scopes under one parent share a single "abort" listener on it: the listener
// is added when the first scope links and removed when the last one closes. Node's EventTarget scans its
// listener list on every add/remove (quadratic with many concurrent scopes) and warns above 10 listeners.
interface ParentLink {
  readonly scopes: Set<CancelScope>;
  readonly onAbort: () => void;
}
const parentLinks = new WeakMap<AbortSignal, ParentLink>();

function attachToParent(parent: AbortSignal, scope: CancelScope): void {
  let link = parentLinks.get(parent);
  if (link === undefined) {
    const scopes = new Set<CancelScope>();
    const onAbort = (): void => {
      parentLinks.delete(parent);
      for (const linked of scopes) linked._onParentAbort();
      scopes.clear();
    };
    link = { scopes, onAbort };
    parentLinks.set(parent, link);
    parent.addEventListener("abort", onAbort, { once: true });
  }
  link.scopes.add(scope);
}

function detachFromParent(parent: AbortSignal, scope: CancelScope): void {
  const link = parentLinks.get(parent);
  if (link === undefined || !link.scopes.delete(scope)) return;
  if (link.scopes.size === 0) {
    parentLinks.delete(parent);
    parent.removeEventListener("abort", link.onAbort);
  }
}

function validateOptions(options: ScopeOptions | undefined): void {
  if (options === undefined) return;
  const { timeout, deadline } = options;
  if (timeout !== undefined && deadline !== undefined) {
    throw new TypeError("pass either `timeout` or `deadline`, not both");
  }
  if (timeout !== undefined) validateDuration(timeout, "timeout");
  if (deadline !== undefined) validateDeadline(deadline);
  const signal = options.signal;
  if (signal !== undefined && (typeof signal !== "object" || signal === null || typeof signal.addEventListener !== "function")) {
    throw new TypeError("`signal` must be an AbortSignal");
  }
}

/** @internal */
export function validateDuration(ms: unknown, what: string): asserts ms is number {
  if (typeof ms !== "number" || Number.isNaN(ms)) throw new RangeError(`${what} must be a number, got ${String(ms)}`);
  if (ms < 0) throw new RangeError(`${what} must not be negative, got ${ms}`);
}

function validateDeadline(deadline: unknown): asserts deadline is number {
  if (typeof deadline !== "number" || Number.isNaN(deadline)) {
    throw new RangeError(`deadline must be a number (epoch ms), got ${String(deadline)}`);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null &&
    typeof (value as { then?: unknown }).then === "function";
}

function explicitReason(reason: unknown): CancelledError {
  if (reason === undefined) return new CancelledError("explicit");
  if (typeof reason === "string") return new CancelledError("explicit", reason);
  return new CancelledError("explicit", undefined, { cause: reason });
}

/**
 * A Trio cancel scope: an `AbortSignal` plus a deadline, linked by hand to an optional parent signal.
 * `run(fn)` enters it once; when the scope's own cancellation (explicit or deadline) interrupts `fn`,
 * `run` resolves `undefined` and `cancelledCaught` becomes true. A `Nursery` is a cancel scope that also
 * owns child tasks.
 */
export class CancelScope {
  /** @internal */ _controller: AbortController;
  /** @internal Cached: AbortController#signal is a getter. */
  _signal: AbortSignal;
  /** @internal */ _phase = IDLE;
  /** @internal */ _parent: AbortSignal | undefined;
  /** @internal */ _linkedToParent = false;
  /** @internal */ _shield: boolean;
  /** @internal */ _deadline = Infinity;
  /** @internal */ _relativeTimeout: number | undefined;
  /** @internal */ _timer: TimerHandle | undefined;
  /** @internal */ _cancelCalled = false;
  /** @internal */ _cancelledCaught = false;
  /** @internal A deadline rejects with TimeoutError (nursery, failAfter) instead of resolving undefined. */
  _deadlineThrows = false;
  /** @internal */ _strict = false;
  /** @internal */ _failFast = true;

  // Task-group state: the body counts as one more task.
  /** @internal */ _pending = 0;
  /** @internal */ _bodyDone = false;
  /** @internal */ _bodyOk = false;
  /** @internal */ _bodyValue: unknown;
  /** @internal A task or the body was cut short by this scope's cancellation. */
  _interrupted = false;
  /** @internal Real failures, in completion order, deduplicated by identity. */
  _errors: Set<unknown> | undefined;
  /** @internal Tasks that own a signal which must be aborted with the scope. */
  _tasksWithSignals: Set<Task<unknown>> | undefined;
  /** @internal */ _cleanups: (() => unknown)[] | undefined;
  /** @internal */ _done: Promise<unknown> | undefined;
  /** @internal */ _resolveDone: ((value: unknown) => void) | undefined;
  /** @internal */ _rejectDone: ((error: unknown) => void) | undefined;

  /** @internal Called by the parent link when the parent signal aborts. */
  _onParentAbort(): void {
    this._linkedToParent = false;
    this._abort(new CancelledError("parent", undefined, { cause: this._parent!.reason }));
  }

  constructor(options?: NurseryOptions) {
    validateOptions(options);
    this._controller = newOwnedController(this);
    this._signal = this._controller.signal;
    this._parent = options?.signal;
    this._shield = options?.shield === true;
    if (options?.deadline !== undefined) this._deadline = options.deadline;
    this._relativeTimeout = options?.timeout;
  }

  /** Aborted when the scope is cancelled; its `reason` is a `CancelledError` saying why. */
  get signal(): AbortSignal {
    return this._signal;
  }

  /** This scope was cancelled by `cancel()`, its deadline, a failure inside it or scope exit (not merely by its parent). */
  get cancelCalled(): boolean {
    return this._cancelCalled;
  }

  /** The scope absorbed its own cancellation when it exited. */
  get cancelledCaught(): boolean {
    return this._cancelledCaught;
  }

  /** Absolute deadline in epoch ms (`Infinity` = none). Setting it while the scope is open re-arms the timer. */
  get deadline(): number {
    if (this._phase === IDLE && this._relativeTimeout !== undefined) return now() + this._relativeTimeout;
    return this._deadline;
  }

  set deadline(value: number) {
    validateDeadline(value);
    this._relativeTimeout = undefined;
    this._deadline = value;
    if (this._phase === OPEN) this._armDeadline();
  }

  /** The earliest deadline that applies here: this scope's and, unless shielded, its ancestors'. */
  get effectiveDeadline(): number {
    const own = this.deadline;
    if (this._shield || this._parent === undefined) return own;
    const parentScope = signalOwners.get(this._parent);
    return parentScope === undefined ? own : Math.min(own, parentScope.effectiveDeadline);
  }

  get shield(): boolean {
    return this._shield;
  }

  set shield(value: boolean) {
    value = value === true;
    if (value === this._shield) return;
    this._shield = value;
    if (this._phase !== OPEN) return;
    if (value) this._unlinkParent();
    else this._linkParent(); // an already-aborted parent cancels at once
  }

  /**
   * Cancel everything in the scope. Idempotent; the first reason wins. The scope then settles normally
   * (Trio's `cancel_scope.cancel()`), unless a child failed for real.
   */
  cancel(reason?: unknown): void {
    if (this._phase === CLOSED) return;
    this._cancelCalled = true;
    if (!this._signal.aborted) this._abort(explicitReason(reason));
  }

  /**
   * Enter the scope and run `fn` in it. Single-use: entering twice throws. Resolves `fn`'s value, or
   * `undefined` when the scope's own cancellation interrupted it.
   */
  run<T>(fn: (signal: AbortSignal, scope: this) => T | PromiseLike<T>): Promise<T | undefined> {
    if (this._phase !== IDLE) throw new Error("a scope is single-use: it was already entered");
    const done = this._completion();
    this._enter();
    this._runBody(() => fn(this.signal, this));
    return done as Promise<T | undefined>;
  }

  /** @internal */
  _completion(): Promise<unknown> {
    return (this._done ??= new Promise((resolve, reject) => {
      this._resolveDone = resolve;
      this._rejectDone = reject;
    }));
  }

  /** @internal */
  _enter(): void {
    this._phase = OPEN;
    if (this._relativeTimeout !== undefined) {
      this._deadline = this._relativeTimeout === Infinity ? Infinity : now() + this._relativeTimeout;
      this._relativeTimeout = undefined;
    }
    if (this._parent !== undefined && !this._shield) this._linkParent();
    if (this._deadline !== Infinity) this._armDeadline();
  }

  /** @internal */
  _linkParent(): void {
    const parent = this._parent;
    if (parent === undefined || this._linkedToParent) return;
    if (parent.aborted) {
      this._abort(new CancelledError("parent", undefined, { cause: parent.reason }));
      return;
    }
    attachToParent(parent, this);
    this._linkedToParent = true;
  }

  /** @internal */
  _unlinkParent(): void {
    if (!this._linkedToParent) return;
    detachFromParent(this._parent!, this);
    this._linkedToParent = false;
  }

  /** @internal */
  _armDeadline(): void {
    if (this._timer !== undefined) {
      clearTimer(this._timer);
      this._timer = undefined;
    }
    if (this._deadline === Infinity) return;
    const delay = this._deadline - now();
    if (delay <= 0) this._deadlinePassed();
    else this._timer = setTimer(() => this._onTimer(), delay);
  }

  /** @internal */
  _onTimer(): void {
    this._timer = undefined;
    // Long delays are split into several timers; re-arm until the deadline has really passed.
    if (this._deadline > now()) this._armDeadline();
    else this._deadlinePassed();
  }

  /** @internal */
  _deadlinePassed(): void {
    this._cancelCalled = true;
    this._abort(new CancelledError("deadline"));
  }

  /** @internal Abort the scope's signal and every child-owned signal, synchronously. First reason wins. */
  _abort(reason: CancelledError): void {
    const controller = this._controller;
    if (controller.signal.aborted) return;
    controller.abort(reason);
    const tasks = this._tasksWithSignals;
    if (tasks !== undefined) for (const task of tasks) task._controller!.abort(reason);
  }

  /** @internal Is `error` the way a task reports that `signal` (one of ours) was aborted? */
  _isCancellation(error: unknown, signal: AbortSignal): boolean {
    if (!signal.aborted) return false;
    const reason = signal.reason;
    if (error === reason || isCancelled(error)) return true;
    // A child that used the parent's signal directly rejects with the parent's own reason.
    return reason instanceof CancelledError && reason.kind === "parent" && error === reason.cause;
  }

  /** @internal */
  _runBody(body: () => unknown): void {
    let returned: unknown;
    try {
      returned = body();
    } catch (error) {
      this._finishBody(false, error);
      return;
    }
    if (isPromiseLike(returned)) {
      Promise.resolve(returned).then(
        (value) => this._finishBody(true, value),
        (error) => this._finishBody(false, error),
      );
    } else {
      this._finishBody(true, returned);
    }
  }

  /** @internal */
  _finishBody(ok: boolean, value: unknown): void {
    if (ok) {
      this._bodyOk = true;
      this._bodyValue = value;
    } else if (this._isCancellation(value, this._signal)) {
      this._interrupted = true;
    } else {
      this._fail(value, undefined);
    }
    this._bodyDone = true;
    if (this._pending === 0) this._close();
  }

  /** @internal Record a real failure; the first one cancels the scope. `task` undefined = the body. */
  _fail(error: unknown, task: Task<unknown> | undefined): void {
    const errors = (this._errors ??= new Set());
    if (errors.has(error)) return; // e.g. the body re-threw a child's error it awaited: report it once
    errors.add(error);
    if (this._phase !== OPEN) return;
    if (task === undefined) {
      this._cancelCalled = true;
      this._abort(new CancelledError("body-failed", undefined, { cause: error }));
    } else if (this._failFast) {
      this._cancelCalled = true;
      this._abort(new CancelledError("sibling-failed", undefined, { cause: error, task: task.name }));
    }
  }

  /** @internal */
  _taskDone(): void {
    if (--this._pending === 0 && this._bodyDone) this._close();
  }

  /** @internal Body and children are done: stop accepting work, detach from parent and clock, run cleanups. */
  _close(): void {
    this._phase = CLOSING;
    this._unlinkParent();
    if (this._timer !== undefined) {
      clearTimer(this._timer);
      this._timer = undefined;
    }
    const cleanups = this._cleanups;
    if (cleanups === undefined) this._settle();
    else {
      this._cleanups = undefined;
      // Never rejects: _runCleanups collects every cleanup's failure into the scope's outcome, and _settle reports it.
      void this._runCleanups(cleanups).then(() => this._settle());
    }
  }

  /** @internal LIFO, each awaited, failures collected rather than stopping the rest. */
  async _runCleanups(cleanups: (() => unknown)[]): Promise<void> {
    for (let i = cleanups.length - 1; i >= 0; i--) {
      try {
        await cleanups[i]!();
      } catch (error) {
        this._fail(error, undefined);
      }
    }
  }

  /** @internal */
  _outcome(): Outcome {
    const errors = this._errors;
    if (errors !== undefined && errors.size > 0) {
      const list = [...errors];
      return { ok: false, error: list.length === 1 && !this._strict ? list[0] : new NurseryError(list) };
    }
    if (!this._interrupted) return { ok: true, value: this._bodyValue };
    const reason = this._signal.reason as CancelledError;
    const parent = this._parent;
    // Trio: a cancellation belongs to the outermost cancelled scope, so an aborted parent takes precedence.
    if (parent !== undefined && parent.aborted && (!this._shield || reason.kind === "parent")) {
      return { ok: false, error: parent.reason };
    }
    this._cancelledCaught = true;
    if (reason.kind === "deadline" && this._deadlineThrows) {
      return { ok: false, error: new TimeoutError("deadline exceeded", { cause: reason }) };
    }
    return { ok: true, value: this._bodyOk ? this._bodyValue : undefined };
  }

  /** @internal */
  _settle(): void {
    this._phase = CLOSED;
    const outcome = this._outcome();
    const resolve = this._resolveDone;
    const reject = this._rejectDone;
    // Drop references so a settled scope keeps nothing alive.
    this._bodyValue = undefined;
    this._resolveDone = this._rejectDone = undefined;
    this._tasksWithSignals = undefined;
    if (outcome.ok) resolve!(outcome.value);
    else reject!(outcome.error);
  }
}

/** Rarely needed per-task state, allocated only when `result` is read or for `start()`. */
interface TaskWaiter {
  result?: Promise<unknown>;
  resolve?: ((value: unknown) => void) | undefined;
  reject?: ((error: unknown) => void) | undefined;
  /** For `start()`: until `started()` is called, the outcome belongs to the caller. */
  beforeStarted?: ((ok: boolean, value: unknown) => void) | undefined;
}

/**
 * A child of a nursery. Deliberately not thenable, so it cannot be awaited by accident or left floating:
 * read `task.result` to wait for its value.
 */
export class Task<T> {
  /** @internal */ _scope: CancelScope;
  /** @internal */ _fn: Function;
  /** @internal */ _name: string | undefined;
  /** @internal Created lazily: children that declare no signal parameter share the scope's signal. */
  _controller: AbortController | undefined = undefined;
  /** @internal */ _state: TaskState = "pending";
  /** @internal */ _value: unknown = undefined;
  /** @internal */ _waiter: TaskWaiter | undefined = undefined;

  /** @internal */
  constructor(scope: CancelScope, fn: Function, name: string | undefined) {
    this._scope = scope;
    this._fn = fn;
    this._name = name;
  }

  /** Name used in the "sibling-failed" reason: the `name` spawn option, else the function's name. */
  get name(): string {
    return (this._name ??= this._fn.name || "anonymous");
  }

  get state(): TaskState {
    return this._state;
  }

  /** Settles like the child. Never reported as an unhandled rejection if you do not read it. */
  get result(): Promise<T> {
    const waiter = (this._waiter ??= {});
    let result = waiter.result;
    if (result === undefined) {
      if (this._state === "fulfilled") result = Promise.resolve(this._value);
      else if (this._state !== "pending") result = Promise.reject(this._value);
      else {
        result = new Promise((resolve, reject) => {
          waiter.resolve = resolve;
          waiter.reject = reject;
        });
      }
      result.catch(noop);
      waiter.result = result;
    }
    return result as Promise<T>;
  }

  /** The child's own signal: aborted by `task.cancel()` or by its nursery. */
  get signal(): AbortSignal {
    return this._ownSignal();
  }

  /** Cancel this child only. Not a failure of the nursery. */
  cancel(reason?: unknown): void {
    if (this._state !== "pending") return;
    const controller = this._controller;
    if (controller === undefined) {
      this._controller = newOwnedController(this._scope);
      this._controller.abort(explicitReason(reason));
    } else if (!controller.signal.aborted) {
      this._scope._tasksWithSignals?.delete(this as Task<unknown>);
      controller.abort(explicitReason(reason));
    }
  }

  /** @internal */
  _ownSignal(): AbortSignal {
    let controller = this._controller;
    if (controller === undefined) {
      const scope = this._scope;
      controller = this._controller = newOwnedController(scope);
      const scopeSignal = scope._signal;
      if (scopeSignal.aborted) controller.abort(scopeSignal.reason);
      else if (this._state === "pending") (scope._tasksWithSignals ??= new Set()).add(this as Task<unknown>);
    }
    return controller.signal;
  }

  /** @internal */
  _fulfil(value: unknown): void {
    if (this._state !== "pending") return;
    this._state = "fulfilled";
    this._value = value;
    if (this._controller !== undefined) this._scope._tasksWithSignals?.delete(this as Task<unknown>);
    if (this._waiter !== undefined) this._deliver(true, value);
    this._scope._taskDone();
  }

  /** @internal */
  _reject(error: unknown): void {
    if (this._state !== "pending") return;
    const scope = this._scope;
    const controller = this._controller;
    if (controller !== undefined) scope._tasksWithSignals?.delete(this as Task<unknown>);
    this._value = error;
    const beforeStarted = this._waiter?.beforeStarted;
    if (scope._isCancellation(error, controller === undefined ? scope._signal : controller.signal)) {
      this._state = "cancelled";
      if (beforeStarted === undefined && scope._signal.aborted) scope._interrupted = true;
    } else {
      this._state = "rejected";
      if (beforeStarted === undefined) scope._fail(error, this as Task<unknown>);
    }
    if (this._waiter !== undefined) this._deliver(false, error);
    scope._taskDone();
  }

  /** @internal */
  _deliver(ok: boolean, value: unknown): void {
    const waiter = this._waiter!;
    const beforeStarted = waiter.beforeStarted;
    if (beforeStarted !== undefined) {
      waiter.beforeStarted = undefined;
      beforeStarted(ok, value);
    }
    if (ok) waiter.resolve?.(value);
    else waiter.reject?.(value);
    waiter.resolve = waiter.reject = undefined;
  }
}

/**
 * Trio's nursery: a cancel scope that owns child tasks and settles only after all of them have settled.
 * Get one from `nursery(body)` (preferred) or `openNursery()` (for `await using`).
 */
export class Nursery extends CancelScope {
  /** @internal */ _joined = false;
  /** @internal */ _lastSpawned: unknown = undefined;
  /** @internal */ _lastSpawnedWantsSignal = false;

  constructor(options?: NurseryOptions) {
    super(options);
    this._deadlineThrows = true;
    this._strict = options?.strict === true;
    this._failFast = options?.failFast !== false;
  }

  /**
   * Run `fn` as a child. It starts synchronously (up to its first await) and gets a signal that the
   * nursery, or `task.cancel()`, aborts. Throws if the nursery is closed.
   */
  spawn<T>(fn: (signal: AbortSignal) => T | PromiseLike<T>, options?: SpawnOptions): Task<Awaited<T>> {
    if (this._phase !== OPEN) throw new Error("spawn() on a nursery that is not open (it has closed or was never entered)");
    if (typeof fn !== "function") throw new TypeError("spawn() expects a function (signal) => …");
    const task = new Task<Awaited<T>>(this, fn, options?.name);
    // A function that declares no parameter cannot observe its own signal: let it share the scope's and skip
    // an AbortSignal per child (by far the dominant cost of spawning). Reading `task.signal` still makes one.
    // Reading `fn.length` is a native accessor call, as costly as the rest of spawn(); remember the answer
    // for the last function, since loops often spawn the same worker many times.
    if (fn !== this._lastSpawned) {
      this._lastSpawned = fn;
      this._lastSpawnedWantsSignal = fn.length !== 0;
    }
    const signal = this._lastSpawnedWantsSignal ? task._ownSignal() : this._signal;
    this._runTask(task as Task<unknown>, fn, signal);
    return task;
  }

  /**
   * Trio's `nursery.start`: run `fn` as a child and resolve with the value it passes to `started(value)`,
   * while it keeps running in the nursery. Until then its errors reject `start()` instead of failing the
   * nursery, and settling without `started()` rejects `start()`.
   */
  start<V = void>(
    fn: (signal: AbortSignal, started: (value: V) => void) => unknown,
    options?: StartOptions,
  ): Promise<V> {
    if (this._phase !== OPEN) {
      return Promise.reject(new Error("start() on a nursery that is not open (it has closed or was never entered)"));
    }
    if (typeof fn !== "function") return Promise.reject(new TypeError("start() expects a function (signal, started) => …"));
    // Like Trio's nursery.start, this is a checkpoint: in a cancelled scope it throws instead of starting.
    if (this._signal.aborted) return Promise.reject(this._signal.reason);
    const task = new Task<unknown>(this, fn, options?.name);
    const signal = task._ownSignal();
    const caller = options?.signal;
    const onCallerAbort = (): void => task._controller!.abort(caller!.reason);
    const detachCaller = (): void => caller?.removeEventListener("abort", onCallerAbort);
    if (caller !== undefined) {
      if (caller.aborted) onCallerAbort();
      else caller.addEventListener("abort", onCallerAbort, { once: true });
    }
    let resolveStart!: (value: V) => void;
    let rejectStart!: (error: unknown) => void;
    const startPromise = new Promise<V>((resolve, reject) => {
      resolveStart = resolve;
      rejectStart = reject;
    });
    let startedCalled = false;
    const started = (value: V): void => {
      if (startedCalled) throw new Error("started() was already called");
      if (task._state !== "pending") throw new Error("started() called after the task finished");
      startedCalled = true;
      task._waiter!.beforeStarted = undefined; // from now on the child belongs to the nursery
      detachCaller();
      resolveStart(value);
    };
    task._waiter = {
      beforeStarted: (ok, value) => {
        detachCaller();
        rejectStart(ok ? new Error("start(): the task exited without calling started()") : value);
      },
    };
    this._runTask(task, (childSignal) => fn(childSignal, started), signal);
    return startPromise;
  }

  /** Register a cleanup; cleanups run LIFO after every child has settled, even on failure. */
  defer(cleanup: () => unknown): void {
    if (this._phase !== OPEN) throw new Error("defer() on a nursery that is not open");
    if (typeof cleanup !== "function") throw new TypeError("defer() expects a function");
    (this._cleanups ??= []).push(cleanup);
  }

  /**
   * Flat form: the code before `join()` was the body. Waits for every child and rejects like `nursery()`.
   * Single-use.
   */
  join(): Promise<void> {
    if (this._phase === IDLE) throw new Error("join() on a nursery that was never entered");
    if (this._joined) throw new Error("join() was already called: a nursery is single-use");
    this._joined = true;
    const done = this._completion();
    this._finishBody(true, undefined);
    return done as Promise<void>;
  }

  /**
   * `await using` exit. After `join()` it only waits (join already reported the outcome). Without `join()`
   * (throw, return, break) it cancels the children with reason "scope-exit", waits for them, and throws
   * only their real failures.
   */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this._phase === IDLE) return;
    if (this._joined) {
      await this._completion().then(noop, noop);
      return;
    }
    this._joined = true;
    const done = this._completion();
    if (this._pending > 0 && this._phase === OPEN) {
      this._cancelCalled = true;
      this._abort(new CancelledError("scope-exit"));
    }
    this._finishBody(true, undefined);
    await done;
  }

  /** @internal */
  _runTask(task: Task<unknown>, fn: (signal: AbortSignal) => unknown, signal: AbortSignal): void {
    this._pending++;
    let returned: unknown;
    try {
      returned = fn(signal);
    } catch (error) {
      task._reject(error);
      return;
    }
    if (returned instanceof Promise) {
      returned.then((value) => task._fulfil(value), (error) => task._reject(error));
    } else if (isPromiseLike(returned)) {
      Promise.resolve(returned).then((value) => task._fulfil(value), (error) => task._reject(error));
    } else {
      task._fulfil(returned);
    }
  }

}

// Runtimes without Symbol.asyncDispose: expose the disposer under the well-known registry key that
// TypeScript's and esbuild's `await using` helpers fall back to.
if (typeof Symbol.asyncDispose !== "symbol") {
  Object.defineProperty(Nursery.prototype, Symbol.for("Symbol.asyncDispose"), {
    value: (Nursery.prototype as unknown as Record<symbol, unknown>)[Symbol.asyncDispose],
    configurable: true,
    writable: true,
  });
}

/**
 * Run `body` in a new nursery. Settles after the body and every child have settled: with the body's value,
 * with the single failure itself, or with a `NurseryError` for several (always under `strict`).
 * `n.cancel()` makes it resolve normally; its own `timeout`/`deadline` make it reject with `TimeoutError`;
 * an aborted parent `signal` makes it reject with the parent's reason.
 */
export function nursery<T>(body: (n: Nursery) => T | PromiseLike<T>, options?: NurseryOptions): Promise<Awaited<T>> {
  if (typeof body !== "function") throw new TypeError("nursery() expects a body function (n) => …");
  const scope = new Nursery(options);
  const done = scope._completion();
  scope._enter();
  scope._runBody(() => body(scope));
  return done as Promise<Awaited<T>>;
}

/**
 * Flat form for `await using n = openNursery(opts)`: spawn into it, then `await n.join()`. Leaving the block
 * without `join()` cancels the children (reason "scope-exit") and waits for them.
 */
export function openNursery(options?: NurseryOptions): Nursery {
  const scope = new Nursery(options);
  scope._enter();
  return scope;
}
