// Races whose losers keep running.
import { setTimeout as delay } from "timers/promises";
export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function compute(input: string): Promise<number>;

const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));
function rejectAfter(ms: number) {
  return new Promise<never>((_, reject) => setTimeout(reject, ms));
}

async function fetchWithTimeout(url: string) {
  return await Promise.race([fetch(url), timeout(5_000)]);
//             ^^^^^^^^^^^^ leaky-race
}

async function inlineTimer(url: string) {
  return Promise.race([
//       ^^^^^^^^^^^^ leaky-race
    download(url),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("slow")), 1_000)),
  ]);
}

async function timerAgainstPlainPromise(id: string) {
  // the operation takes no signal, but the timer still outlives the race
  return Promise.race([fetchUser(id), rejectAfter(100)]);
//       ^^^^^^^^^^^^ leaky-race
}

async function resolvingTimer(input: string) {
  const result = await Promise.race([compute(input), new Promise((resolve) => setTimeout(resolve, 50))]);
//                     ^^^^^^^^^^^^ leaky-race
  return result;
}

async function nodeTimer(url: string) {
  return Promise.race([download(url), delay(1_000).then(() => "late")]);
//       ^^^^^^^^^^^^ leaky-race
}

async function nodeTimerDirect(url: string) {
  return Promise.race([download(url), delay(1_000)]);
//       ^^^^^^^^^^^^ leaky-race
}

async function twoOperations(primary: string, mirror: string, signal: AbortSignal) {
  return Promise.race([download(primary), download(mirror)]);
//       ^^^^^^^^^^^^ leaky-race
}

async function anyOfMirrors(mirrors: string[], { signal }: { signal: AbortSignal }) {
  return Promise.any([fetch(mirrors[0]!), fetch(mirrors[1]!)]);
//       ^^^^^^^^^^^ leaky-race
}

async function oneSignalledOneNot(url: string, signal: AbortSignal) {
  return Promise.race([fetch(url, { signal }), download(url)]);
//       ^^^^^^^^^^^^ leaky-race
}

async function operationWithOuterSignal(url: string, signal: AbortSignal) {
  // the operation takes a signal but got none
  return Promise.race([download(url), compute(url)]);
//       ^^^^^^^^^^^^ leaky-race
}

async function inSyncFunction(url: string) {
  const winner = Promise.race([fetch(url), timeout(10)]);
//               ^^^^^^^^^^^^ leaky-race
  return winner;
}

async function parenthesizedElements(url: string) {
  return Promise.race([(fetch(url)), (timeout(10))]);
//       ^^^^^^^^^^^^ leaky-race
}

async function threeWay(url: string) {
  return Promise.race([fetch(url), fetch(`${url}?mirror`), timeout(10)]);
//       ^^^^^^^^^^^^ leaky-race
}

// valid: every operation is given a signal and no timer is involved
async function validSignals(url: string, signal: AbortSignal) {
  return Promise.race([fetch(url, { signal }), download(url, signal)]);
}

// valid: operations racing without any cancellation in the function (no signal in scope, no timer)
async function validNoCancellationAnywhere(primary: string, mirror: string) {
  return Promise.race([download(primary), download(mirror)]);
}

// valid: operations that take no signal and no timer
async function validNoSlots(a: string, b: string) {
  return Promise.race([fetchUser(a), fetchUser(b)]);
}

// valid: promise variables (we cannot see how they were started)
async function validVariables(a: Promise<string>, b: Promise<string>) {
  return Promise.race([a, b]);
}

// valid: a timer whose handle is kept (and cleared elsewhere)
async function validClearedTimer(url: string, signal: AbortSignal) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      download(url, signal),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), 10);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// valid: the Node timer is given a signal
async function validNodeTimerSignal(url: string, signal: AbortSignal) {
  return Promise.race([download(url, signal), delay(1_000, undefined, { signal })]);
}

// valid: not Promise.race but a user function of that name
async function validUserRace(url: string) {
  const race = (items: Promise<unknown>[]) => items[0];
  return race([fetch(url), timeout(10)]);
}

// valid: Promise.all is leaky-all's concern
async function validAll(url: string) {
  return Promise.all([fetch(url), fetch(url)]);
}

// valid: the array comes from elsewhere
async function validNonLiteral(promises: Promise<string>[]) {
  return Promise.race(promises);
}

// valid: spread elements
async function validSpread(promises: Promise<string>[]) {
  return Promise.race([...promises]);
}

// valid: Promise.allSettled
async function validAllSettled(url: string) {
  return Promise.allSettled([fetch(url), timeout(10)]);
}

// valid: operations with options that carry a signal
async function validInit(url: string, init: RequestInit) {
  return Promise.race([fetch(url, init), fetch(url, { ...init })]);
}

// valid: a race of already-started tasks' results
async function validResults(tasks: { result: Promise<string> }[]) {
  return Promise.race([tasks[0]!.result, tasks[1]!.result]);
}
