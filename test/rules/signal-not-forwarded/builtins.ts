// DOM and Node built-ins that take a signal, called without the one in scope.
import { once, EventEmitter } from "events";
import { pipeline, type Stream } from "stream/promises";
import { exec, spawn } from "child_process";
import { setImmediate } from "timers/promises";
import { generateText } from "ai";
export {};

async function syncOne(url: string, signal: AbortSignal) {
  await fetch(url);
//      ^^^^^^^^^^ signal-not-forwarded
}

async function post(url: string, body: string, signal: AbortSignal) {
  await fetch(url, { method: "POST", body });
//      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

async function optionalSignal(url: string, signal?: AbortSignal) {
  return fetch(url);
//       ^^^ signal-not-forwarded
}

function listen(button: HTMLButtonElement, signal: AbortSignal) {
  button.addEventListener("click", () => log("clicked"));
//^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

function listenWithOptions(button: HTMLButtonElement, signal: AbortSignal) {
  button.addEventListener("click", () => log("clicked"), { once: true });
//^^^ signal-not-forwarded
}

function listenCapture(button: HTMLButtonElement, signal: AbortSignal) {
  // a boolean options argument: flagged, but no literal to merge into
  button.addEventListener("click", () => log("clicked"), true);
//^^^ signal-not-forwarded
}

async function waitForEvent(emitter: EventEmitter, signal: AbortSignal) {
  await once(emitter, "ready");
//      ^^^^ signal-not-forwarded
}

async function copy(source: Stream, destination: Stream, signal: AbortSignal) {
  await pipeline(source, destination);
//      ^^^^^^^^ signal-not-forwarded
}

function run(command: string, signal: AbortSignal) {
  spawn(command, ["--verbose"]);
//^^^^^ signal-not-forwarded
}

function runOverload(command: string, signal: AbortSignal) {
  // the one-argument overload takes no options; the two-argument one does
  exec(command);
//^^^^ signal-not-forwarded
}

async function yieldOnce(signal: AbortSignal) {
  await setImmediate();
//      ^^^^^^^^^^^^ signal-not-forwarded
}

async function ask(prompt: string, signal: AbortSignal) {
  const { text } = await generateText({ model: "m", prompt });
//                       ^^^^^^^^^^^^ signal-not-forwarded
  return text;
}

async function fromController(url: string) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 1000);
  return await fetch(url);
//             ^^^^^ signal-not-forwarded
}

// valid: the signal is passed
async function validPassed(url: string, signal: AbortSignal) {
  await fetch(url, { signal });
}

// valid: a different signal is passed
async function validOtherSignal(url: string, signal: AbortSignal) {
  await fetch(url, { signal: AbortSignal.timeout(5_000) });
}

// valid: options spread from a type that has `signal`
async function validSpread(url: string, init: RequestInit, signal: AbortSignal) {
  await fetch(url, { ...init, method: "GET" });
}

// valid: options spread from a bag whose string keys may hold anything (a signal included)
async function validOpaqueBagSpread(url: string, params: { [key: string]: any }, extra: Record<string, unknown>, signal: AbortSignal) {
  await fetch(url, { ...params });
  await fetch(url, { ...extra, method: "POST" });
}

// a bag whose values are all strings holds no signal
async function invalidStringBagSpread(url: string, params: Record<string, string>, signal: AbortSignal) {
  await fetch(url, { ...params });
  //    ^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

// valid: options object variable whose type has `signal`
async function validInitVariable(url: string, init: RequestInit, signal: AbortSignal) {
  await fetch(url, init);
}

// valid: a Request carries its own signal
async function validRequest(request: Request, signal: AbortSignal) {
  await fetch(request);
}

// valid: a listener on the signal itself
function validAbortListener(signal: AbortSignal, onAbort: () => void) {
  signal.addEventListener("abort", onAbort, { once: true });
}

// valid: no signal in scope
async function validNoSignal(url: string) {
  await fetch(url);
}

// valid: the callee takes no signal
async function validNoSlot(signal: AbortSignal) {
  await fetchUser("1");
  JSON.stringify({ a: 1 });
  setTimeout(() => log("x"), 10);
}

// valid: removeEventListener's options have no signal
function validRemove(button: HTMLButtonElement, handler: () => void, signal: AbortSignal) {
  button.removeEventListener("click", handler);
}

// valid: a module-level signal is not a caller's cancellation
const moduleController = new AbortController();
export async function validModuleLevel(url: string) {
  await fetch(url);
}

// valid: Node built-ins given the signal
async function validNode(emitter: EventEmitter, source: Stream, destination: Stream, signal: AbortSignal) {
  await once(emitter, "ready", { signal });
  await pipeline(source, destination, { signal });
  exec("ls", { signal });
  await setImmediate(undefined, { signal });
}

// valid: AI SDK given its `abortSignal`
async function validAi(prompt: string, signal: AbortSignal) {
  await generateText({ model: "m", prompt, abortSignal: signal });
}

// A name destructured from a callback's parameter is a signal when the callee's types make it one: the rule reads that
// from the callee's declared callback type instead of typing the callback (which resolves the whole call).
async function invalidSignalDestructuredFromTuple(jobs: [string, AbortSignal][]) {
  await Promise.all(
    jobs.map(([url, signal]) => fetch(url)),
    //                          ^^^^^^^^^^ signal-not-forwarded
  );
}

async function invalidSignalDestructuredFromObject(jobs: { url: string; options: { signal: AbortSignal } }[]) {
  await Promise.all(
    jobs.map(({ url, options: { signal } }) => fetch(url)),
    //                                         ^^^^^^^^^^ signal-not-forwarded
  );
}

// valid: what is destructured from the entries is a key and a descriptor, neither one a signal
function validDestructuredEntries(value: object) {
  return Object.entries(Object.getOwnPropertyDescriptors(value)).map(([key, descriptor]) =>
    descriptor.get ? Reflect.apply(descriptor.get, value, []) : key,
  );
}

// valid: a destructured value that is no signal, where the callee's parameter is generic
async function validDestructuredGeneric<T extends { url: string }>(items: T[]) {
  return items.map(({ url }) => url);
}

declare function requestWith<Options>(url: string, options?: Options): Promise<void>;

// A parameter typed by a type parameter takes a signal only as what the call makes it: an explicit type argument here.
async function invalidExplicitOptionsTypeArgument(url: string, signal: AbortSignal) {
  await requestWith<{ signal?: AbortSignal }>(url);
  //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

// valid: `thisArgument: T` is given (as `value`), so it is whatever `value` is, never the missing signal
async function validGenericParameterGiven(handler: (this: unknown) => void, value: unknown, signal: AbortSignal) {
  Reflect.apply(handler, value, []);
  await requestWith(url(), { retries: 1 });
}
declare function url(): string;

// valid: the Web Locks API refuses a signal together with `steal: true` (NotSupportedError)
async function validStealLock(name: string, signal: AbortSignal) {
  return navigator.locks.request(name, { mode: "exclusive", steal: true }, async () => "stolen");
}

// valid: ... and together with `ifAvailable: true`
async function validLockIfAvailable(name: string, signal: AbortSignal) {
  return navigator.locks.request(name, { ifAvailable: true }, async (lock) => lock !== null);
}

// other lock requests take it
async function invalidLockRequests(name: string, signal: AbortSignal) {
  await navigator.locks.request(name, { mode: "shared" }, async () => "read");
  //    ^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
  await navigator.locks.request(name, { steal: false }, async () => "waited");
  //    ^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

// valid: `ifAvailable` that may be true is refused with a signal as well
async function validLockMaybeIfAvailable(name: string, wait: boolean, signal: AbortSignal) {
  return navigator.locks.request(name, { ifAvailable: !wait }, async () => "maybe");
}

// a `request` of another API with the same options is judged as any call
interface Pool {
  request(name: string, options: { steal?: boolean; signal?: AbortSignal }, run: () => Promise<void>): Promise<void>;
}
async function invalidOtherRequest(pool: Pool, signal: AbortSignal) {
  await pool.request("db", { steal: true }, async () => {});
  //    ^^^^^^^^^^^^ signal-not-forwarded
}

// valid: the listener this call registers is what aborts the controller
function validListenerThatAborts(socket: WebSocket, channel: BroadcastChannel) {
  const abortController = new AbortController();
  channel.addEventListener("message", () => log("message"), { signal: abortController.signal });
  socket.addEventListener("close", () => abortController.abort(), { once: true });
  socket.addEventListener("error", function () {
    log("error");
    abortController?.abort();
  });
}

// a listener that aborts another controller still takes the signal in scope
function invalidListenerAbortsAnother(socket: WebSocket) {
  const controller = new AbortController();
  const other = new AbortController();
  socket.addEventListener("close", () => other.abort(), { once: true });
//^^^^^^ signal-not-forwarded
}

// valid: listeners the code removes by hand, on settling or in its own abort handler: their lifetime is managed, and
// a signal would cut short one that must observe what the abort causes (the `close` after `socket.close()`)
function validListenersRemovedByHand(socket: WebSocket, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const onClose = () => {
      socket.removeEventListener("error", onError);
      resolve();
    };
    const onError = () => {
      socket.removeEventListener("close", onClose);
      reject(new Error("socket failed"));
    };
    socket.addEventListener("close", onClose);
    socket.addEventListener("error", onError);
    signal.addEventListener("abort", () => socket.close(), { once: true });
  });
}

// valid: added through an optional chain and removed without one: the same target
function validRemovedByHandThroughOptionalChain(connection: { socket: WebSocket } | undefined, signal: AbortSignal) {
  const onMessage = () => log("message");
  connection?.socket.addEventListener("message", onMessage);
  const onAbort = () => {
    if (connection) connection.socket.removeEventListener("message", onMessage);
  };
  signal.addEventListener("abort", onAbort, { once: true });
}

// valid: listeners on what an abort of the signal ends go with it; one that took the signal would miss the `close` the
// abort causes (livekit's `WebSocketStream`)
function validTargetClosedOnAbort(url: string, options?: { signal?: AbortSignal }) {
  const socket = new WebSocket(url);
  socket.addEventListener("close", () => log("closed"), { once: true });
  socket.addEventListener("message", () => log("message"));
  if (options?.signal) options.signal.onabort = () => socket.close();
}

// valid: an EventSource the signal's abort listener closes
function validSourceClosedOnAbort(url: string, signal: AbortSignal) {
  const source = new EventSource(url);
  signal.addEventListener("abort", () => source.close(), { once: true });
  source.addEventListener("message", () => log("message"));
}

// another target closed on abort, or a socket of the same name in another function, still takes the signal
function closeOnAbort(socket: WebSocket, signal: AbortSignal) {
  signal.onabort = () => socket.close();
}
function invalidOtherTargetClosed(url: string, signal: AbortSignal) {
  const socket = new WebSocket(url);
  const source = new EventSource(url);
  signal.addEventListener("abort", () => source.close());
  socket.addEventListener("message", () => log("message"));
//^^^^^^ signal-not-forwarded
}

// valid: a page-lifetime listener held by a field, removed when the owner shuts down
class Session {
  private readonly onPageLeave = () => log("leaving");
  async connect(url: string, signal: AbortSignal) {
    await fetch(url, { signal });
    window.addEventListener("pagehide", this.onPageLeave);
  }
  disconnect() {
    window.removeEventListener("pagehide", this.onPageLeave);
  }
}

// a listener removed from another target, or another handler removed, still takes the signal
function invalidRemovedElsewhere(socket: WebSocket, other: WebSocket, signal: AbortSignal) {
  const onClose = () => log("closed");
  const onError = () => log("error");
  socket.addEventListener("close", onClose);
//^^^^^^ signal-not-forwarded
  other.removeEventListener("close", onClose);
  socket.addEventListener("error", () => onError());
//^^^^^^ signal-not-forwarded
  socket.removeEventListener("error", onError);
}

// What the call made, ended by hand when the signal aborts: the cancellation reaches it that way.
// valid: a child process killed by an abort handler written in place
function validChildKilledOnAbort(command: string, signal: AbortSignal) {
  const child = spawn(command, ["--watch"]);
  signal.addEventListener("abort", () => child.kill(), { once: true });
  return child;
}
// valid: by a handler named elsewhere in the file
function validChildKilledByNamedHandler(command: string, signal: AbortSignal) {
  let child = spawn(command, []);
  const stopChild = () => {
    child.kill();
  };
  signal.addEventListener("abort", stopChild, { once: true });
  child = spawn(command, ["--again"]);
  return child;
}
// valid: the abort handler closes the socket through a helper of the function (Uppy's companion client)
function validTargetClosedThroughHelper(url: string, signal: AbortSignal) {
  let socket: WebSocket | undefined;
  const closeSocket = () => {
    socket?.close();
    socket = undefined;
  };
  return new Promise<void>((resolve) => {
    socket = new WebSocket(url);
    socket.addEventListener("message", () => resolve());
    signal.addEventListener("abort", () => closeSocket());
  });
}
// valid: a listener on what a named abort handler closes
function validTargetClosedByNamedHandler(url: string, signal: AbortSignal) {
  const source = new EventSource(url);
  const closeSource = () => source.close();
  signal.addEventListener("abort", closeSource);
  source.addEventListener("message", () => log("message"));
}
// the abort handler kills another child: this one runs on
function invalidOtherChildKilledOnAbort(command: string, signal: AbortSignal) {
  const watcher = spawn(command, ["--watch"]);
//                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
  const helper = spawn(command, ["--help"], { signal });
  signal.addEventListener("abort", () => helper.kill(), { once: true });
  return watcher;
}
