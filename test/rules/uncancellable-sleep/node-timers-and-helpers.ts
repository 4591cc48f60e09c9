// Node's timers/promises without a signal, and one-line helpers that return an uncancellable timer.
import { setTimeout } from "timers/promises";
import { setTimeout as delay } from "node:timers/promises";
import * as timers from "timers/promises";
export {};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(ms).then(() => resolve()));
const pause = (ms: number) => new Promise<void>((resolve) => globalThis.setTimeout(resolve, ms));
function nap(ms = 100) {
  return new Promise<void>((resolve) => globalThis.setTimeout(resolve, ms));
}
const breather = () => delay(10);
const cancellablePause = (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal });

async function nodeTimer(signal: AbortSignal) {
  await setTimeout(1_000);
//      ^^^^^^^^^^ uncancellable-sleep
}

async function nodeTimerAlias(signal: AbortSignal) {
  await delay(1_000);
//      ^^^^^ uncancellable-sleep
}

async function nodeTimerNamespace(signal: AbortSignal) {
  await timers.setTimeout(5);
//      ^^^^^^ uncancellable-sleep
}

async function nodeTimerValue(signal: AbortSignal) {
  const value = await setTimeout(5, "done");
//                    ^^^^^^^^^^ uncancellable-sleep
  return value;
}

async function nodeTimerOptions(signal: AbortSignal) {
  await setTimeout(5, undefined, { ref: false });
//      ^^^^^^^^^^ uncancellable-sleep
}

async function helperArrow(signal: AbortSignal) {
  await pause(200);
//      ^^^^^ uncancellable-sleep
}

async function helperDeclaration(signal: AbortSignal) {
  await nap();
//      ^^^ uncancellable-sleep
}

async function helperNodeTimer(signal: AbortSignal) {
  await breather();
//      ^^^^^^^^ uncancellable-sleep
}

// valid: signal passed to the Node timer
async function validNodeSignal(signal: AbortSignal) {
  await setTimeout(1_000, undefined, { signal });
}

// valid: options spread from a type that has a signal
async function validNodeSpread(options: { signal?: AbortSignal }, signal: AbortSignal) {
  await delay(1_000, undefined, { ...options });
}

// valid: a helper that takes the signal (signal-not-forwarded's concern when it is not passed)
async function validCancellableHelper(signal: AbortSignal) {
  await cancellablePause(10, signal);
}

// valid: a helper whose body does more than return a timer
async function validBusyHelper(signal: AbortSignal) {
  await wait(10);
}

// valid: the Node timer without a signal in scope
async function validNoSignal() {
  await setTimeout(10);
  await pause(10);
}

// valid: Node timer stored, not awaited here
async function validStoredNodeTimer(signal: AbortSignal) {
  const later = setTimeout(10);
  return later;
}

// valid: the helpers called outside any function
await nap(1);

// valid: setImmediate is a yield, not a sleep
async function validImmediate(signal: AbortSignal) {
  await timers.setImmediate(undefined, { signal });
}

// valid: a library function returning a promise (not our business)
async function validLibrary(signal: AbortSignal) {
  await Promise.resolve();
}

// valid: an abort handler runs after the abort; the wait there is not the caller's
function validInAbortHandler(signal: AbortSignal) {
  signal.addEventListener("abort", async () => {
    await delay(10, undefined, {});
  });
}

// valid: the options literal passes a signal, conditionally
async function validExplicitUndefinedSignal(signal: AbortSignal) {
  await setTimeout(10, undefined, { signal: signal.aborted ? undefined : signal });
}
