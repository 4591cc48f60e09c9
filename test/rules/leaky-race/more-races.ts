// More leaky races: timers behind handlers, helpers, user operations with any signal property name.
export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function search(query: string, options?: { limit?: number; cancelSignal?: AbortSignal }): Promise<string[]>;
declare function listen(target: EventTarget): Promise<Event>;

const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
async function deadline(ms: number): Promise<never> {
  return new Promise<never>((_, reject) => setTimeout(() => reject(new Error("deadline")), ms));
}

async function timerBehindThen(id: string) {
  return Promise.race([fetchUser(id), sleepMs(100).then(() => undefined)]);
//       ^^^^^^^^^^^^ leaky-race
}

async function asyncHelper(url: string) {
  return Promise.race([download(url), deadline(1_000)]);
//       ^^^^^^^^^^^^ leaky-race
}

async function userOptions(query: string) {
  return Promise.race([search(query, { limit: 10 }), deadline(500)]);
//       ^^^^^^^^^^^^ leaky-race
}

async function anyWithTimer(urls: string[]) {
  return Promise.any([download(urls[0]!), sleepMs(1_000)]);
//       ^^^^^^^^^^^ leaky-race
}

function inCallback(urls: string[]) {
  return urls.map((url) => Promise.race([download(url), deadline(10)]));
//                         ^^^^^^^^^^^^ leaky-race
}

async function nested(url: string) {
  return Promise.race([Promise.race([download(url), deadline(10)]), fetchUser("1")]);
//                     ^^^^^^^^^^^^ leaky-race
}

async function listener(target: EventTarget) {
  // the event wait takes no signal, the timer does not stop
  return Promise.race([listen(target), sleepMs(10)]);
//       ^^^^^^^^^^^^ leaky-race
}

async function awaitedInCondition(url: string) {
  if (await Promise.race([download(url), deadline(10)])) return true;
//          ^^^^^^^^^^^^ leaky-race
  return false;
}

async function timerCaught(url: string) {
  return Promise.race([download(url, AbortSignal.timeout(100)), sleepMs(10).catch(() => undefined)]);
//       ^^^^^^^^^^^^ leaky-race
}

// valid: user operation given its `cancelSignal`
async function validUserOptions(query: string, signal: AbortSignal) {
  return Promise.race([search(query, { cancelSignal: signal }), search(`${query}*`, { cancelSignal: signal })]);
}

// valid: a helper that is more than a timer
async function validBusyHelper(url: string, signal: AbortSignal) {
  const slow = async () => {
    await download(url, signal);
    return "slow";
  };
  return Promise.race([download(url, signal), slow()]);
}

// valid: empty and single-element races of non-operations
async function validTrivial(p: Promise<number>) {
  await Promise.race([]);
  return Promise.race([p]);
}

// valid: Promise.race on a non-array argument
async function validSet(promises: Set<Promise<string>>) {
  return Promise.race(promises);
}

// valid: the signal-passing operations race each other
async function validBothSignalled(url: string, signal: AbortSignal) {
  return Promise.race([download(url, signal), fetch(url, { signal })]);
}

// valid: `Promise.resolve` values and constants
async function validConstants() {
  return Promise.race([Promise.resolve(1), 2]);
}

// valid: timer helper not in a race (uncancellable-sleep's concern when a signal is in scope)
async function validNotRaced() {
  await sleepMs(10);
}

// valid: a shadowed Promise
async function validShadowedPromise(url: string) {
  const Promise = { race: (items: unknown[]) => items[0] };
  return Promise.race([download(url), sleepMs(10)]);
}

// valid: runtime-like race over functions (they receive the signal)
async function validFunctions(race: (fns: ((signal: AbortSignal) => Promise<string>)[]) => Promise<string>, url: string) {
  return race([(signal) => download(url, signal), (signal) => download(`${url}?m`, signal)]);
}

// valid: element is an awaited value already
async function validAwaitedElements(url: string, signal: AbortSignal) {
  const text = await download(url, signal);
  return Promise.race([text, Promise.resolve("x")]);
}
