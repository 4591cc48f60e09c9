// Hand-made timer promises awaited while a signal is in scope.
export {};

declare function spawnTask(body: (signal: AbortSignal) => Promise<void>): void;

async function direct(signal: AbortSignal) {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
//      ^^^ uncancellable-sleep
}

async function typed(ms: number, signal: AbortSignal) {
  await new Promise<void>((r) => setTimeout(r, ms));
//      ^^^ uncancellable-sleep
}

async function arrowCallback(signal: AbortSignal) {
  await new Promise<void>((resolve) => setTimeout(() => resolve(), 250));
//      ^^^ uncancellable-sleep
}

async function blockBody(signal: AbortSignal) {
  await new Promise<void>((resolve) => {
//      ^^^ uncancellable-sleep
    setTimeout(resolve, 10);
  });
}

async function functionExpression(signal: AbortSignal) {
  await new Promise<void>(function (done) {
//      ^^^ uncancellable-sleep
    setTimeout(done, 10);
  });
}

async function parenthesized(signal: AbortSignal) {
  await (new Promise((resolve) => setTimeout(resolve, 5)));
//       ^^^ uncancellable-sleep
}

async function noDelay(signal: AbortSignal) {
  await new Promise((resolve) => setTimeout(resolve));
//      ^^^ uncancellable-sleep
}

async function viaGlobalThis(signal: AbortSignal) {
  await new Promise((resolve) => globalThis.setTimeout(resolve, 5));
//      ^^^ uncancellable-sleep
}

async function withValue(signal: AbortSignal) {
  // flagged; no fix: the promise resolves with a value a sleep would not give
  const value = await new Promise<number>((resolve) => setTimeout(() => resolve(42), 5));
//                    ^^^ uncancellable-sleep
  return value;
}

async function rejecting(signal: AbortSignal) {
  // flagged; no fix: a rejecting timer is no sleep
  await new Promise<never>((_, reject) => setTimeout(() => reject(new Error("late")), 5));
//      ^^^ uncancellable-sleep
}

function inTask() {
  spawnTask(async (signal) => {
    await new Promise((resolve) => setTimeout(resolve, 100));
//        ^^^ uncancellable-sleep
  });
}

async function optionalSignal(signal?: AbortSignal) {
  await new Promise((resolve) => setTimeout(resolve, 100));
//      ^^^ uncancellable-sleep
}

async function controllerInScope() {
  const controller = new AbortController();
  await new Promise((resolve) => setTimeout(resolve, 100));
//      ^^^ uncancellable-sleep
  controller.abort();
}

class Poller {
  async backoff(attempt: number, { signal }: { signal: AbortSignal }) {
    await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));
//        ^^^ uncancellable-sleep
  }
}

async function inLoop(urls: string[], signal: AbortSignal) {
  for (const url of urls) {
    await fetch(url, { signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
//        ^^^ uncancellable-sleep
  }
}

// valid: no signal in scope
async function validNoSignal() {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}

// valid: the timer is cleared when the signal aborts
async function validCleared(signal: AbortSignal) {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, 1_000);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

// valid: not awaited here (stored; someone else decides)
async function validStored(signal: AbortSignal) {
  const wait = new Promise((resolve) => setTimeout(resolve, 10));
  return wait;
}

// valid: a race element is leaky-race's concern
async function validRace(url: string, signal: AbortSignal) {
  await Promise.race([fetch(url, { signal }), new Promise((resolve) => setTimeout(resolve, 10))]);
}

// valid: the executor does something else than a timer
async function validNotTimer(signal: AbortSignal) {
  await new Promise<void>((resolve) => queueMicrotask(resolve));
}

// valid: setInterval is not a one-shot timer (and would never settle a sleep)
async function validInterval(signal: AbortSignal) {
  await new Promise<void>((resolve) => {
    setInterval(resolve, 10);
  });
}

// valid: a local function that happens to be called setTimeout
async function validShadowedTimer(signal: AbortSignal) {
  const setTimeout = (callback: () => void, ms: number) => callback();
  await new Promise<void>((resolve) => setTimeout(resolve, 10));
}

// valid: the timer callback settles something else
async function validOtherCallback(signal: AbortSignal, done: () => void) {
  await new Promise<void>((resolve) => setTimeout(done, 10));
}

// valid: a sync function cannot await
function validSync(signal: AbortSignal) {
  return new Promise((resolve) => setTimeout(resolve, 10));
}

// valid: awaiting a promise that is not a timer
async function validNotATimer(signal: AbortSignal) {
  await fetchUser("1");
}

// valid: a module-level wait has no caller to cancel it
const moduleController = new AbortController();
await new Promise((resolve) => setTimeout(resolve, 1));

// valid: a user-defined Promise class
async function validOwnPromise(signal: AbortSignal) {
  class Promise<T> {
    constructor(executor: (resolve: (value: T) => void) => void) {}
  }
  await new Promise<void>((resolve) => setTimeout(resolve, 10));
}
