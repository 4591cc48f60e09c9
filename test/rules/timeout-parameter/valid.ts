// Functions that must not be flagged.
export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function every(ms: number, tick: () => void): void;
declare function withRetry(run: (attempt: number, timeout: number) => Promise<void>): void;
declare function connect(host: string, timeout: number): Promise<void>;

// valid: takes a signal next to the timeout
async function validWithSignal(url: string, timeout: number, signal: AbortSignal) {
  return download(url, AbortSignal.any([signal, AbortSignal.timeout(timeout)]));
}

// valid: takes options that carry a signal
async function validOptionsSignal(url: string, timeout: number, options: { signal?: AbortSignal }) {
  return download(url, options.signal ?? AbortSignal.timeout(timeout));
}

// valid: options nested one level down carry a signal (viem's `ccipRequest({ …, requestOptions: { signal } })`)
async function validNestedOptionsSignal({ url, timeout, requestOptions }: { url: string; timeout: number; requestOptions?: { signal?: AbortSignal } }) {
  return download(url, requestOptions?.signal ?? AbortSignal.timeout(timeout));
}

// valid: destructured options with a signal
async function validDestructuredSignal(url: string, { timeout, signal }: { timeout: number; signal?: AbortSignal }) {
  return download(url, signal ?? AbortSignal.timeout(timeout));
}

// valid: `ms` is a sleep's duration, not a timeout
async function validSleep(ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

// valid: `delay` used as a delay
async function validDelay(url: string, delay: number) {
  await new Promise((resolve) => setTimeout(resolve, delay));
  return download(url);
}

// valid: `ms` used both as a timeout and as something else
async function validMixedUse(url: string, ms: number) {
  log(`waiting ${ms}`);
  return download(url, AbortSignal.timeout(ms));
}

// valid: a sync function
function validSync(timeout: number) {
  return timeout * 2;
}

// valid: a callback whose signature is the caller's
withRetry(async (attempt, timeout) => {
  await download(String(attempt), AbortSignal.timeout(timeout));
});

// valid: a declaration without a body
declare function validDeclared(timeout: number): Promise<void>;

// valid: an overload signature (the implementation takes a signal)
async function validOverloaded(url: string, timeout: number, signal: AbortSignal): Promise<string>;
async function validOverloaded(url: string, timeout: number, signal: AbortSignal): Promise<string> {
  return download(url, signal);
}

// valid: the timeout is not a number
async function validDuration(url: string, timeout: { seconds: number }) {
  return download(url, AbortSignal.timeout(timeout.seconds * 1_000));
}

// valid: a string named timeout
async function validStringTimeout(url: string, timeout: string) {
  return download(`${url}?t=${timeout}`);
}

// valid: an interval, not a timeout
async function validInterval(url: string, intervalMs: number) {
  every(intervalMs, () => void download(url));
}

// valid: the class implements an interface it does not own
abstract class Base {
  abstract connect(host: string, timeout: number): Promise<void>;
}
class Impl extends Base {
  override async connect(host: string, timeout: number) {
    await connect(host, timeout);
  }
}

// valid: a generator
function* validGenerator(timeout: number) {
  yield timeout;
}

// valid: other numeric parameters
async function validRetries(url: string, retries: number, limit: number) {
  for (let i = 0; i < retries && i < limit; i++) await download(url);
}

// valid: a timer handle is a number too, but not a duration
async function validTimerHandle(timerId: number) {
  clearTimeout(timerId);
}

// valid: `ms` passed to a timer whose callback does not reject
async function validTimerNotTimeout(ms: number, done: () => void) {
  setTimeout(done, ms);
}

// valid: Request parameter carries a signal
async function validRequest(request: Request, timeout: number) {
  return fetch(request, { signal: AbortSignal.timeout(timeout) });
}

// valid: an `any` parameter may carry one
async function validAnyOptions(url: string, timeout: number, options: any) {
  return download(url, options.signal);
}

// valid: the nursery style already (signal first)
async function validSignalFirst(signal: AbortSignal, url: string, deadline: number) {
  return download(url, signal);
}

// valid: setter and getter are not async
class Settings {
  private value = 0;
  set timeout(timeout: number) {
    this.value = timeout;
  }
  get timeout() {
    return this.value;
  }
}

// Timeouts handed on as data, for another party to apply: the function waits on nothing with them.
declare class RpcRequest {
  constructor(init: { id: string; responseTimeoutMs?: number });
  toBinary(): Uint8Array;
}
declare function publish(packet: Uint8Array, attributes: Record<string, string>): Promise<void>;
type QueryDict = Record<string, string | number | boolean | undefined>;
declare function request(method: string, path: string, body: QueryDict, options?: { signal?: AbortSignal }): Promise<object>;
declare function rpc(args: { method: string; params: readonly unknown[] }): Promise<unknown>;

// valid: a field of the message published, and text among its attributes (livekit's `publishRpcRequest`)
async function validSentInMessage(id: string, responseTimeout: number) {
  await publish(new RpcRequest({ id, responseTimeoutMs: responseTimeout }).toBinary(), { timeout: `${responseTimeout}` });
}

// valid: sent in a request's body, and only tested otherwise (matrix's `sendTyping`: the indicator lasts that long)
async function validSentInBody(room: string, typing: boolean, timeoutMs: number) {
  const data: QueryDict = { typing };
  if (typing) data.timeout = timeoutMs ? timeoutMs : 20_000;
  return request("PUT", `/rooms/${room}/typing`, data);
}

// valid: a bound the server applies, sent among the call's parameters (viem's `sendRawTransactionSync`)
async function validSentAsParameter({ tx, timeout }: { tx: string; timeout?: number }) {
  return rpc({ method: "eth_sendRawTransactionSync", params: timeout !== undefined ? [tx, timeout] : [tx] });
}

// Functions bound to a signal of the scope that made them: its owner cancels them (Redux Toolkit's listener API).
declare function createPause(signal: AbortSignal): <T>(promise: Promise<T>) => Promise<T>;

// valid: reads the signal it captured, and a wrapper calling it
export function createTake(signal: AbortSignal) {
  const take = async (url: string, timeout?: number) => {
    signal.throwIfAborted();
    return download(url, timeout === undefined ? signal : AbortSignal.any([signal, AbortSignal.timeout(timeout)]));
  };
  return (url: string, timeout?: number) => take(url, timeout);
}

// valid: calls what a call handed the signal returned
export function createDelay(signal: AbortSignal) {
  const pause = createPause(signal);
  return (timeoutMs: number): Promise<void> => pause(new Promise<void>((resolve) => setTimeout(resolve, timeoutMs)));
}

// valid: a nested function declaration that reads the options' signal it captured
export function createPoller(options: { signal: AbortSignal }) {
  async function poll(url: string, timeoutMs: number) {
    return download(url, AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]));
  }
  return poll;
}

// valid: a caller of such a nested function declaration
export function createWatcher(signal: AbortSignal) {
  async function check(url: string) {
    return download(url, signal);
  }
  return async (url: string, timeout: number) => {
    await Promise.race([check(url), new Promise((resolve) => setTimeout(resolve, timeout))]);
  };
}

// valid: sent as a field of a message body, written as a shorthand property
interface TypingNotice {
  roomId: string;
  typing: boolean;
  timeout: number;
}
declare function sendNotice(notice: TypingNotice): Promise<void>;
export async function sendTypingNotice(roomId: string, typing: boolean, timeout: number) {
  const notice: TypingNotice = { roomId, typing, timeout };
  return sendNotice(notice);
}
