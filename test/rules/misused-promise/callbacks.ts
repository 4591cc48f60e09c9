// Promise-returning functions passed where the parameter's type returns `void` (decided by the type, not the name).
export {};

interface Emitter {
  on(event: string, listener: (...args: unknown[]) => void): this;
}
declare const emitter: Emitter;
declare function onChange(callback: () => void): void;
declare function maybeLater(callback?: () => void): void;
declare function either(callback: (() => void) | undefined): void;
declare function run<T>(callback: () => T): T;
declare function runUnknown(callback: () => unknown): void;
declare function runAny(callback: () => any): void;
declare function runAsync(callback: () => void | Promise<void>): void;
declare function runPromise(callback: () => Promise<void>): Promise<void>;
declare function runThenable(callback: () => PromiseLike<void>): void;
declare const target: EventTarget;
declare function refresh(): Promise<void>;
declare function sync(): void;

async function invalidForEach() {
  users.forEach(async (user) => {
  //            ^^^^^^^^^^^^^^^^ misused-promise
    await saveUser(user);
  });
}

function invalidForEachFunctionValue() {
  users.forEach(saveUser);
  //            ^^^^^^^^ misused-promise
}

function invalidForEachInSyncFunction() {
  users.forEach(async (user) => saveUser(user));
  //            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ misused-promise
}

function invalidListener() {
  emitter.on("change", async () => {
  //                   ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
}

function invalidDomListenerByType() {
  target.addEventListener("sync", async () => {
  //                              ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
}

function invalidSetTimeout() {
  setTimeout(async () => {
  //         ^^^^^^^^^^^^^ misused-promise
    await refresh();
  }, 10);
}

function invalidSetInterval() {
  setInterval(refresh, 1000);
  //          ^^^^^^^ misused-promise
}

function invalidQueueMicrotask() {
  queueMicrotask(async () => refresh());
  //             ^^^^^^^^^^^^^^^^^^^^^ misused-promise
}

function invalidAsyncExecutor() {
  return new Promise<void>(async (resolve) => {
  //                       ^^^^^^^^^^^^^^^^^^^^ misused-promise
    await refresh();
    resolve();
  });
}

function invalidOwnVoidCallback() {
  onChange(async () => {
  //       ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
}

function invalidOptionalCallback() {
  maybeLater(refresh);
  //         ^^^^^^^ misused-promise
}

function invalidUnionWithUndefined() {
  either(async function () {
  //     ^^^^^^^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
}

function invalidParenthesized() {
  onChange((async () => refresh()));
  //       ^^^^^^^^^^^^^^^^^^^^^^^ misused-promise
}

function invalidFunctionReturningPromise() {
  onChange(() => refresh());
  //       ^^^^^^^^^^^^^^^ misused-promise
}

function invalidMethodReference() {
  const store = { async save() {} };
  onChange(store.save);
  //       ^^^^^^^^^^ misused-promise
}

// valid: map expects a result, and keeps the promises
async function validMap() {
  await Promise.all(users.map(async (user) => saveUser(user)));
}

// valid: then accepts a promise-returning callback
async function validThen(id: string) {
  await fetchUser(id).then(async (user) => saveUser(user));
}

// valid: a generic result is the promise itself
async function validGeneric() {
  await run(async () => refresh());
}

// valid: unknown result
function validUnknown() {
  runUnknown(async () => refresh());
}

// valid: any result
function validAny() {
  runAny(async () => refresh());
}

// valid: the callback type accepts a promise
function validVoidOrPromise() {
  runAsync(async () => refresh());
}

// valid: a promise is what is expected
async function validPromiseExpected() {
  await runPromise(async () => refresh());
}

// valid: a thenable is what is expected
function validThenableExpected() {
  runThenable(() => refresh());
}

// valid: a sync callback for forEach
function validSyncForEach() {
  users.forEach((user) => log(user.name));
}

// valid: a sync listener that handles the promise itself
function validSyncListener() {
  emitter.on("change", () => {
    refresh().catch((error) => log(String(error)));
  });
}

// valid: sync timer callback
function validSyncTimer() {
  setTimeout(sync, 10);
}

// DOM's keyed addEventListener declares `any` for the listener's result, but the target drops it all the same
function invalidKeyedDomListener() {
  document.addEventListener("click", async () => {
  //                                 ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
  window.addEventListener("message", async (event) => {
  //                                 ^^^^^^^^^^^^^^^^^^ misused-promise
    await refresh();
    log(String(event.data));
  });
}

// valid: a library callback declared `=> any` with no void-returning overload beside it
declare function onEach(callback: (value: string) => any): void;
function validUserAnyCallback() {
  onEach(async (value) => {
    await refresh();
    log(value);
  });
}

// valid: user code that declares `=> any` beside a `void` overload means it
declare function subscribe(topic: "audit", listener: (value: string) => any): void;
declare function subscribe(topic: string, listener: (value: unknown) => void): void;
function validUserAnyOverload() {
  subscribe("audit", async (value) => {
    await refresh();
    log(value);
  });
}

// valid: a keyed DOM listener that returns nothing
function validSyncKeyedDomListener() {
  document.addEventListener("click", () => {
    refresh().catch((error) => log(String(error)));
  });
}

// valid: filter's predicate returns unknown
async function validFilter() {
  users.filter(async (user) => user.name.length > 0);
}

// valid: Array.from's map function returns its result
async function validArrayFrom() {
  await Promise.all(Array.from(users, async (user) => saveUser(user)));
}

// valid: reduce with an async accumulator returns the promise
async function validReduce() {
  await users.reduce(async (previous, user) => {
    await previous;
    await saveUser(user);
  }, Promise.resolve());
}

// valid: a test body may be async
function validTestRunner() {
  it("saves", async () => {
    await refresh();
  });
}

// valid: a non-function argument
function validValueArgument() {
  log("x");
}

// valid: a function returning `any` passed to a void callback
function validAnyFunction(handler: (...args: unknown[]) => any) {
  onChange(handler);
}

// Overloads like mocha's: `(done) => void` first, a promise-returning callback second.
interface Done {
  (error?: unknown): void;
}
declare function test(title: string, fn: (done: Done) => void): void;
declare function test(title: string, fn: () => PromiseLike<unknown>): void;
declare function listen(event: "a", fn: () => void): void;
declare function listen(event: "b", fn: (value: number) => void): void;

// valid: another overload takes an async callback
function validOverloadAcceptsPromise() {
  test("saves", async () => {
    await refresh();
  });
}

function invalidEveryOverloadVoid() {
  listen("a", async () => refresh());
  //          ^^^^^^^^^^^^^^^^^^^^^ misused-promise
}

// valid: the executor's dropped promise already routes its rejection
function validExecutorWithHandledChain() {
  return new Promise<void>((resolve, reject) => refresh().then(resolve, reject));
}

// valid: a listener whose dropped promise has a catch
function validListenerWithCatch() {
  onChange(() => refresh().catch((error) => log(String(error))));
}

function invalidAsyncEvenWithCatch() {
  onChange(async () => refresh().catch((error) => log(String(error))));
  //       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ misused-promise
}

// The callee's declared signatures decide whether a void callback can be expected before the callback is typed:
// these cover what the declared type alone cannot say (type parameters, indexed access, instantiated classes).
interface ChangeEvents {
  change: () => void;
  data: (chunk: string) => Promise<void>;
}
declare function onEvent<K extends keyof ChangeEvents>(event: K, listener: ChangeEvents[K]): void;
declare class Bus<R> {
  on(callback: () => R): void;
}
declare const voidBus: Bus<void>;
declare function both<R>(first: () => R, second: () => R): void;
declare function withDefault<R = void>(callback: () => R): void;

function invalidIndexedAccessListener() {
  onEvent("change", async () => {
  //                ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
}

// valid: the indexed listener type returns a promise
function validIndexedAccessListenerExpectingPromise() {
  onEvent("data", async () => {
    await refresh();
  });
}

function invalidInstantiatedClassCallback() {
  voidBus.on(async () => {
  //         ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
}

function invalidExplicitVoidTypeArgument() {
  run<void>(async () => {
  //        ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
}

function invalidTypeParameterInferredFromAnotherArgument() {
  both(() => undefined as void, async () => {
  //                            ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
}

// valid: R is inferred from the async callback itself, so it is a promise (its default does not apply)
function validTypeParameterInferredFromTheCallback() {
  withDefault(async () => {
    await refresh();
  });
}

// valid: both arguments make R a promise
function validTypeParameterInferredAsPromiseFromBothArguments() {
  both(async () => {
    await refresh();
  }, async () => {
    await refresh();
  });
}

// valid: the standard `finally` waits for the promise its callback returns, and a rejection of it rejects the chain
async function validAsyncFinally(saving: Promise<void>) {
  await saving.finally(async () => {
    await refresh();
  });
  await saving["finally"](async () => refresh());
}

// a `finally` of one's own that types its callback `() => void` drops the promise
interface Job {
  finally(onDone: () => void): Job;
}
function invalidAsyncFinallyOfOwnType(job: Job) {
  job.finally(async () => {
  //          ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
}

// valid: removing a listener never calls it (the call that added it is the one to judge)
declare const onVisible: () => Promise<void>;
function validListenerRemoval() {
  document.removeEventListener("visibilitychange", onVisible);
  window.removeEventListener("focus", onVisible, { capture: true });
}

// valid: libraries' own emitters remove listeners under the same names (ethers' `provider.off`, livekit's and
// matrix-js-sdk's typed emitters), and never call them there either
declare const bus: { off(topic: string, handler: () => void): void; removeListener(topic: string, handler: () => void): void };
function validLibraryListenerRemoval() {
  bus.off("change", onVisible);
  bus.removeListener("change", onVisible);
}

// an async function given as a property the object's type declares `void`-returning: whoever calls it drops the promise
interface Listener {
  onMessage(message: string): void;
  onClose: () => void;
}
declare function listen(listener: Listener): void;
function invalidListenerProperties() {
  listen({
    onMessage: async (message) => {
    //         ^^^^^^^^^^^^^^^^^^^^ misused-promise
      await refresh();
      log(message);
    },
    async onClose() {
//        ^^^^^^^ misused-promise
      await refresh();
    },
  });
  const typed: Listener = { onMessage: () => refresh(), onClose() {} };
  //                                   ^^^^^^^^^^^^^^^ misused-promise
  return typed;
}

// valid: properties whose type takes a promise, sync functions, references, and objects with no expected type
interface AsyncListener {
  onMessage(message: string): Promise<void> | void;
  onClose?: () => unknown;
}
declare function listenAsync(listener: AsyncListener): void;
function validListenerProperties() {
  listenAsync({ onMessage: async () => refresh(), async onClose() { await refresh(); } });
  listen({ onMessage: (message) => log(message), onClose: () => void refresh() });
  const handlers = { onMessage: async () => refresh(), onClose: async () => refresh() };
  listen({ async *onMessage() { yield await refresh(); }, onClose() {} });
  return handlers;
}

// references to promise-returning functions, given as properties or stored where `void` is expected
declare const closer: { close(): Promise<void> };
function invalidReferenceProperties(onMessage: (message: string) => Promise<void>) {
  const listener: Listener = { onMessage, onClose: closer.close.bind(closer) };
  //                           ^^^^^^^^^ misused-promise
  //                                               ^^^^^^^^^^^^^^^^^^^^^^^^ misused-promise
  let onClose: (() => void) | null = null;
  onClose = refresh;
  //        ^^^^^^^ misused-promise
  return [listener, onClose];
}

// valid: references to functions that return no promise, and values that are no functions
declare function logMessage(message: string): void;
function validReferenceProperties(id: string) {
  const onClose = () => log(id);
  const listener: Listener = { onMessage: logMessage, onClose };
  const record: { id: string; onMessage: Listener["onMessage"] } = { id, onMessage: listener.onMessage };
  return [listener, record];
}

// valid: a promise-returning reference where the property's type takes a promise
function validShorthandAsyncListener(onMessage: (message: string) => Promise<void>) {
  listenAsync({ onMessage });
}

// valid: a promise-returning reference stored where the declared type returns one
function validStoredReference() {
  const run: () => Promise<void> = refresh;
  return run;
}

// valid: a bound method that returns nothing
declare const flusher: { flush(): void };
function validBoundVoidMethod() {
  listen({ onMessage: logMessage, onClose: flusher.flush.bind(flusher) });
}

// a function literal stored where its declared type returns `void`
interface RequestController {
  onResponse: ((response: Response) => void) | null;
}
function invalidStoredListeners(controller: RequestController) {
  const onMessage: (message: string) => void = async (message) => {
  //                                           ^^^^^^^^^^^^^^^^^^^^ misused-promise
    await refresh();
    log(message);
  };
  controller.onResponse = async function (response) {
  //                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ misused-promise
    await refresh();
    log(String(response.status));
  };
  return onMessage;
}
class StoredListeners {
  onMessage: (message: string) => void = async (message) => {
  //                                     ^^^^^^^^^^^^^^^^^^^^ misused-promise
    await refresh();
    log(message);
  };
  static onClose: () => void = async () => {
  //                           ^^^^^^^^^^^^^ misused-promise
    await refresh();
  };
  #onError: (error: unknown) => void = async () => {
  //                                   ^^^^^^^^^^^^^ misused-promise
    await refresh();
  };
}

// valid: stored where the declared type takes a promise, or with no declared type, or a function that returns none
let onIdle: (() => Promise<void>) | undefined;
function validStoredFunctions(controller: RequestController) {
  onIdle = async () => refresh();
  const later = async () => refresh();
  const onMessage: (message: string) => void = (message) => {
    log(message);
  };
  controller.onResponse = (response) => log(String(response.status));
  return [later, onMessage];
}
// valid: a class field whose written type takes the promise
class ValidPromiseField {
  onIdle: () => Promise<void> = async () => refresh();
}
// valid: a class field with no written type: its type is the async function's own
class ValidUntypedField {
  later = async () => refresh();
}
// valid: a synchronous function in a field typed to return `void`
class ValidSyncField {
  onMessage: (message: string) => void = (message) => log(message);
}
// valid: a `void`-typed field that holds no function yet
class ValidEmptyField {
  onClose: (() => void) | undefined = undefined;
}

// valid: lib.dom declares `on…` handler properties `=> any`, with no `void` form beside them
function validDomHandlerProperty(button: HTMLButtonElement) {
  button.onclick = async () => {
    await refresh();
  };
}

// an async method overriding one its base class or interface declares to return `void`
abstract class Handler {
  abstract log(message: string): void;
  run(): void {}
}
interface Startable {
  start(): void;
}
class HttpHandler extends Handler implements Startable {
  async log(message: string) {
  //    ^^^ misused-promise
    await refresh();
    log(message);
  }
  async start() {
  //    ^^^^^ misused-promise
    await refresh();
  }
}

// valid: the base declares a promise, or `any`
abstract class AsyncHandler {
  abstract log(message: string): Promise<void>;
  abstract flush(): any;
}
class QueueHandler extends AsyncHandler {
  async log(message: string) {
    await refresh();
    log(message);
  }
  async flush() {
    await refresh();
  }
}

// valid: a method the base does not have
class DrainingHandler extends Handler {
  log(message: string) {
    log(message);
  }
  async drain() {
    await refresh();
  }
}

// valid: an override that returns no promise
class SyncHandler extends Handler {
  log(message: string) {
    refresh().catch(() => log(message));
  }
}

// a field holding a promise-returning function, where the member it overrides is declared to return `void`
interface MessageSink {
  onMessage(data: string): void;
}
abstract class Listener {
  onClose: () => void = () => {};
  static onReset: () => void = () => {};
}
class SocketListener extends Listener implements MessageSink {
  onMessage = async (data: string) => {
//^^^^^^^^^ misused-promise
    await refresh();
    log(data);
  };
  override onClose = () => refresh();
  //       ^^^^^^^ misused-promise
  static override onReset = async function () {
  //              ^^^^^^^ misused-promise
    await refresh();
  };
}

// valid: the base declares a promise
interface AsyncSink {
  onMessage(data: string): Promise<void>;
}
class QueueListener implements AsyncSink {
  onMessage = async (data: string) => {
    await refresh();
    log(data);
  };
}

// valid: fields that return no promise
class QuietListener extends Listener implements MessageSink {
  onMessage = (data: string) => {
    refresh().catch(() => log(data));
  };
  override onClose = () => log("closed");
}

// valid: a field the base does not have
class DrainingListener extends Listener {
  onDrain = async () => {
    await refresh();
  };
}

// valid: no base at all
class StandaloneListener {
  onMessage = async (data: string) => {
    await refresh();
    log(data);
  };
}

// through an optional chain, the listener is dropped all the same
function invalidOptionalChainListener(channel: BroadcastChannel | null, onDone?: (callback: () => void) => void) {
  channel?.addEventListener("message", async () => {
  //                                   ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
  onDone?.(async () => {
  //       ^^^^^^^^^^^^^ misused-promise
    await refresh();
  });
}

// valid: an optional callee that takes a promise-returning callback
function validOptionalChainAsyncCallback(run?: (callback: () => Promise<void>) => void) {
  run?.(async () => {
    await refresh();
  });
}

// Properties passed on, read off callbacks' parameters: the callee's declared types say whether they return promises.
interface Handlers {
  name: string;
  save: () => Promise<void>;
  render: () => void;
}
declare const handlerList: Handlers[];

function invalidCallbackParameterMember() {
  handlerList.forEach((handlers) => onChange(handlers.save));
  //                                         ^^^^^^^^^^^^^ misused-promise
}

function invalidDestructuredMember() {
  handlerList.forEach(({ save }) => target.addEventListener("change", save));
  //                                                                  ^^^^ misused-promise
}

// valid: a member declared to return nothing
function validVoidMember() {
  handlerList.forEach((handlers) => onChange(handlers.render));
  handlerList.forEach(({ render }) => target.addEventListener("change", render));
}

// valid: a getter that may return anything, passed where any function goes
function validGetter(value: object) {
  return Object.entries(Object.getOwnPropertyDescriptors(value)).map(([, descriptor]) => descriptor.get && Reflect.apply(descriptor.get, value, []));
}
