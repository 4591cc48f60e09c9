// Calls where the callee's options type has a signal but no signal can or should be passed.
interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | null;
}
declare function send(body: unknown, options?: RequestOptions): Promise<void>;

// valid: the parameter is destructured into `body` only, so the callee drops any signal it is given
function bodyFormat({ body }: RequestOptions): string {
  return typeof body === "string" ? "text" : "json";
}
function renamedFormat({ body: payload, headers }: RequestOptions): string {
  return `${String(payload)} ${Object.keys(headers ?? {}).length}`;
}
async function validDestructuredWithoutSignal(body: unknown, signal: AbortSignal) {
  await send(body, { signal });
  return [bodyFormat({ body }), renamedFormat({ body })];
}

// a destructured parameter that keeps the signal, or the rest of the options, still takes it
function withSignal({ body, signal }: RequestOptions): Promise<void> {
  return send(body, { signal });
}
function withRest({ body, ...rest }: RequestOptions): Promise<void> {
  return send(body, rest);
}
async function invalidDestructuredKeepsSignal(body: unknown, signal: AbortSignal) {
  await withSignal({ body });
  //    ^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
  await withRest({ body });
  //    ^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

// valid: in the branch where the signal was tested and found missing, there is none to pass
async function validBranchWithoutSignal(body: unknown, signal?: AbortSignal) {
  await (signal ? send(body, { signal }) : send(body));
  if (!signal) return send(body);
  return send(body, { signal });
}
async function validOptionsSignalMissing(body: unknown, options?: RequestOptions) {
  if (options?.signal) {
    await send(body, { signal: options.signal });
  } else {
    await send(body);
  }
}

// the branch where the signal is present, or a test of something else, does not excuse the call
async function invalidBranchWithSignal(body: unknown, ready: boolean, signal?: AbortSignal) {
  if (signal) await send(body);
  //                ^^^^^^^^^^ signal-not-forwarded
  await (ready ? send(body, { signal }) : send(body));
  //                                      ^^^^^^^^^^ signal-not-forwarded
}

// valid: options whose type declares that they never hold a signal (the client sets it for every request)
type FetchOptions = Omit<RequestInit, "signal"> & { signal?: never };
declare function assertFetchOptions(options: FetchOptions | RequestInit | undefined): void;
async function validOptionsWithoutSignalByType(fetchOptions: FetchOptions | undefined, signal: AbortSignal) {
  assertFetchOptions(fetchOptions);
  await fetch("https://example.com", { signal });
}

// options whose type allows a signal, handed over without one, are still flagged
declare function configure(options: RequestInit | undefined): void;
function invalidOptionsThatCouldHoldSignal(init: Omit<RequestInit, "signal">, signal: AbortSignal) {
  configure(init);
//^^^^^^^^^^^^^^^ signal-not-forwarded
}

// valid: the callee reads other properties of its options, never the signal
function formatOf(options: RequestOptions): string {
  return typeof options.body === "string" ? "text" : `json ${Object.keys(options["headers"] ?? {}).length}`;
}
const describeOptions = (options?: RequestOptions) => String(options?.body);
// ... or hands them only to callees that drop the signal
function formatVia(options: RequestOptions): string {
  return formatOf(options);
}
const formatPrepared = (prepared: RequestOptions) => (prepared.body === undefined ? "none" : bodyFormat(prepared));
async function validCalleeReadsOtherProperties(body: unknown, signal: AbortSignal) {
  await send(body, { signal });
  return [formatOf({ body }), describeOptions({ body }), formatVia({ body }), formatPrepared({ body })];
}

// a callee that reads the signal, or hands the whole options on, takes it
function sendReadingSignal(options: RequestOptions): Promise<void> {
  return send(options.body, { signal: options.signal });
}
function sendHandingOn(options: RequestOptions): Promise<void> {
  return send(options.body, options);
}
function sendVia(options: RequestOptions): Promise<void> {
  return sendReadingSignal(options);
}
async function invalidCalleeHandsSignalOn(body: unknown, signal: AbortSignal) {
  await sendVia({ body });
  //    ^^^^^^^^^^^^^^^^^ signal-not-forwarded
}
async function invalidCalleeUsesSignal(body: unknown, signal: AbortSignal) {
  await sendReadingSignal({ body });
  //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
  await sendHandingOn({ body });
  //    ^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

// valid: the call names the signal's place and deliberately puts nothing there
declare function subscribe(topic: string, signal?: AbortSignal | null, onMessage?: (message: string) => void): void;
async function validSignalDeclined(body: unknown, signal: AbortSignal) {
  await send(body, { signal: null });
  await send(body, { headers: {}, "signal": undefined });
  subscribe("audit", undefined, (message) => console.log(message));
  subscribe("audit", void 0);
}

// valid: the rest of a destructuring that took the signal out by name leaves it out on purpose (the AI SDK gateway
// builds a request body from it)
interface CallOptions { prompt: string; abortSignal?: AbortSignal }
declare function encodeParts(options: CallOptions): CallOptions;
async function validRestWithoutSignal(options: CallOptions) {
  const { abortSignal: _abortSignal, ...withoutSignal } = options;
  return encodeParts(withoutSignal);
}

// a rest that took something else out says nothing about the signal in scope
async function invalidRestWithoutMention(request: { url: string; prompt: string }, signal: AbortSignal) {
  const { url, ...rest } = request;
  log(url);
  return encodeParts(rest);
  //     ^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

// nothing said about the signal: `undefined` is given for another option
async function invalidSignalNotDeclined(body: unknown, signal: AbortSignal, headers: Record<string, string> | undefined) {
  await send(body, { headers: undefined });
  //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

// Listeners on an event target of the program's own that the function makes and keeps to itself live as long as it
// (libp2p's query paths): its events come from the work started on it, which is what the signal must reach. A
// platform resource (a WebSocket) has a life of its own: see builtins.ts.
declare class JobQueue extends EventTarget {
  add(job: () => Promise<void>, options?: { signal?: AbortSignal }): Promise<void>;
  readonly size: number;
}
declare function keep(queue: JobQueue): void;

// valid: every use of the local queue reads a member of it
async function validListenersOnLocalQueue(jobs: (() => Promise<void>)[], signal: AbortSignal) {
  const queue = new JobQueue();
  let idle = false;
  queue.addEventListener("idle", () => {
    idle = true;
  });
  queue.addEventListener("failure", () => log(`failed with ${queue.size} left`));
  for (const job of jobs) await queue.add(job, { signal });
  return idle;
}

// handed to a function that may keep it: the listener may outlive the call
async function invalidListenerOnQueueHandedOn(signal: AbortSignal) {
  const queue = new JobQueue();
  keep(queue);
  queue.addEventListener("idle", () => log("idle"));
//^^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

// Handed on to outlive the call (returned, stored in a property or a collection): a listener added there is one of the
// object's lifetime hooks; the call's signal would cut it off while the object lives on (libp2p's WebRTC transport).
// valid: returned with the rest of a connection
async function validHookOnReturnedConnection(url: string, signal: AbortSignal) {
  const peer = new WebSocket(url);
  peer.addEventListener("close", () => log("peer closed"));
  await fetch(url, { signal });
  return { peer, url };
}
// valid: stored in a map, and dropped from it when it closes
class Connections {
  private readonly open = new Map<string, WebSocket>();
  private current: WebSocket | undefined;
  async accept(url: string, signal: AbortSignal) {
    let socket: WebSocket;
    socket = new WebSocket(url);
    this.open.set(url, socket);
    socket.addEventListener("close", () => this.open.delete(url));
    await fetch(url, { signal });
  }
  // valid: stored in a property
  async connect(url: string, signal: AbortSignal) {
    const socket = new WebSocket(url);
    this.current = socket;
    socket.addEventListener("error", () => log("socket failed"));
    await fetch(url, { signal });
  }
}

// A signal made by a factory that would take the one in scope, combined with it right away (libp2p's adaptive timeouts).
declare class AdaptiveTimeout {
  getTimeoutSignal(options?: { signal?: AbortSignal }): AbortSignal;
  cleanUp(signal: AbortSignal): void;
}
declare function setListenerLimit(limit: number, ...targets: EventTarget[]): void;

// valid: combined with the signal in scope, configured, and handed back to its maker
async function validMadeSignalCombined(url: string, timeouts: AdaptiveTimeout, options?: { signal?: AbortSignal }) {
  const timeout = timeouts.getTimeoutSignal();
  const signal = AbortSignal.any(options?.signal ? [timeout, options.signal] : [timeout]);
  setListenerLimit(Infinity, timeout, signal);
  try {
    return await fetch(url, { signal });
  } finally {
    timeouts.cleanUp(timeout);
  }
}

// waited on by itself, the made signal leaves the one in scope out
async function invalidMadeSignalAlone(url: string, timeouts: AdaptiveTimeout, signal: AbortSignal) {
  const timeout = timeouts.getTimeoutSignal();
  //              ^^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
  AbortSignal.any([timeout, signal]);
  return fetch(url, { signal: timeout });
}

// a connection of a package lives on its own, local or not: its listeners outlive the call
declare class ReconnectingSocket extends EventTarget {
  constructor(url: string);
  close(): void;
}
async function invalidListenerOnLocalConnection(url: string, signal: AbortSignal) {
  const socket = new ReconnectingSocket(url);
  socket.addEventListener("message", () => log("message"));
//^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}

// A teardown in an event handler the function registers runs when the event comes, mostly after the call: cleanup is
// not cut short by its cancellation (libp2p's WebRTC transport).
interface Closeable {
  close(options?: { signal?: AbortSignal }): Promise<void>;
  onstatechange: (() => void) | null;
  readonly state: string;
}
declare function upgrade(connection: Closeable, options: { signal?: AbortSignal }): Promise<Closeable>;

// valid: close in a handler assigned to an `on…` property, and in a listener
async function validTeardownInHandlers(peer: Closeable, channel: EventTarget, signal: AbortSignal) {
  peer.onstatechange = () => {
    if (peer.state === "closed") void peer.close();
  };
  channel.addEventListener(
    "close",
    () => {
      void peer.close();
    },
    { signal },
  );
  return upgrade(peer, { signal });
}

// the same close in the function's own body is part of the call
async function invalidTeardownInBody(peer: Closeable, signal: AbortSignal) {
  await peer.close();
  //    ^^^^^^^^^^^^ signal-not-forwarded
  return upgrade(peer, { signal });
}

// other work in a handler still takes the signal
async function invalidWorkInHandler(peer: Closeable, url: string, signal: AbortSignal) {
  peer.onstatechange = () => {
    void fetch(url);
    //   ^^^^^^^^^^ signal-not-forwarded
  };
  return upgrade(peer, { signal });
}

// A parameter whose type holds a signal in only some of its members hands none for sure, and
// `documentOrOptions.signal` would not compile: the pass-signal fix must not write it (graphql-request).
interface GraphQLOptions {
  document: string;
  signal?: AbortSignal;
}
// valid: no signal in scope that can be passed
async function validSignalInSomeMembersOnly(documentOrOptions: string | GraphQLOptions) {
  log(typeof documentOrOptions === "string" ? documentOrOptions : documentOrOptions.document);
  return fetch("/graphql", { method: "POST" });
}
// every member has one: it is in scope
async function invalidSignalInEveryMember(options: GraphQLOptions | { signal: AbortSignal; retries: number }) {
  return fetch("/graphql", { method: "POST" });
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}
