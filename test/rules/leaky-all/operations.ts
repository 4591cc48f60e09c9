// Promise.all / allSettled over operations that share no AbortSignal (strict preset).
export {};

declare function getJson(url: string, options?: { signal?: AbortSignal }): Promise<unknown>;
declare function load(id: string, signal?: AbortSignal): Promise<string>;
declare function compute(n: number): Promise<number>;
declare const urls: string[];
declare const ids: string[];

async function invalidTwoCalls() {
  return Promise.all([getJson("/a"), getJson("/b")]);
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidAllSettled() {
  return Promise.allSettled([load("a"), load("b")]);
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidMap() {
  return Promise.all(urls.map((url) => getJson(url)));
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidMapFunctionReference() {
  return Promise.all(ids.map(load));
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidMapAsyncBody() {
  return Promise.all(
  //     ^^^^^^^^^^^ leaky-all
    urls.map(async (url) => {
      const data = await getJson(url);
      return data;
    }),
  );
}

async function invalidOnlyOneHasTheSignal(signal: AbortSignal) {
  return Promise.all([getJson("/a", { signal }), getJson("/b")]);
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidDifferentSignals(first: AbortSignal, second: AbortSignal) {
  return Promise.all([load("a", first), load("b", second)]);
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidSignalMadePerOperation() {
  return Promise.all(urls.map((url) => getJson(url, { signal: AbortSignal.timeout(1000) })));
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidControllerPerOperation() {
  return Promise.all(
  //     ^^^^^^^^^^^ leaky-all
    urls.map((url) => {
      const controller = new AbortController();
      return getJson(url, { signal: controller.signal });
    }),
  );
}

async function invalidThroughConsts() {
  const a = compute(1);
  const b = compute(2);
  return Promise.all([a, b]);
  //     ^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidArrayConst() {
  const work = [compute(1), compute(2)];
  return Promise.all(work);
  //     ^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidSpreadMap() {
  return Promise.all([getJson("/first"), ...urls.map((url) => getJson(url))]);
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidNewPromises() {
  return Promise.all([
  //     ^^^^^^^^^^^^^ leaky-all
    new Promise<void>((resolve) => setTimeout(resolve, 10)),
    new Promise<void>((resolve) => setTimeout(resolve, 20)),
  ]);
}

async function invalidAwaitedInDestructuring() {
  const [a, b] = await Promise.all([compute(1), compute(2)]);
  //                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
  return a + b;
}

async function invalidSignalOnlyCheckedNotPassed(signal: AbortSignal) {
  return Promise.all(
  //     ^^^^^^^^^^^ leaky-all
    urls.map(async (url) => {
      signal.throwIfAborted();
      return getJson(url);
    }),
  );
}

async function invalidMixedWithValues() {
  return Promise.all([compute(1), 2, compute(3)]);
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidThenChains() {
  return Promise.all([load("a").then((s) => s.length), load("b").then((s) => s.length)]);
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

class Service {
  async invalidInMethod() {
    return Promise.all([load("a"), load("b")]);
    //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
  }

  // valid: every operation shares this.signal
  async validSharedField() {
    return Promise.all([load("a", this.signal), load("b", this.signal)]);
  }
  signal = new AbortController().signal;
}

function invalidInSyncFunction() {
  return Promise.all([load("a"), load("b")]);
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidIdentifierMap(signal: AbortSignal) {
  const pending = ids.map((id) => load(id));
  return Promise.allSettled(pending);
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

async function invalidDifferentControllers() {
  const one = new AbortController();
  const two = new AbortController();
  return Promise.all([load("a", one.signal), load("b", two.signal)]);
  //     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ leaky-all
}

// valid: every operation gets the same signal
async function validSharedSignal(signal: AbortSignal) {
  return Promise.all([getJson("/a", { signal }), getJson("/b", { signal })]);
}

// valid: a shared signal as a positional argument
async function validSharedPositional(signal: AbortSignal) {
  return Promise.all([load("a", signal), load("b", signal)]);
}

// valid: the map callback passes the outer signal
async function validMapShared(signal: AbortSignal) {
  return Promise.all(urls.map((url) => getJson(url, { signal })));
}

// valid: a shared controller
async function validSharedController() {
  const controller = new AbortController();
  try {
    return await Promise.all([load("a", controller.signal), load("b", controller.signal)]);
  } catch (error) {
    controller.abort();
    throw error;
  }
}

// valid: AbortSignal.any combining the shared signal
async function validAnyWithShared(signal: AbortSignal) {
  return Promise.all(urls.map((url) => getJson(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5000)]) })));
}

// valid: async map body that passes the shared signal
async function validMapAsyncShared(signal: AbortSignal) {
  return Promise.all(
    urls.map(async (url) => {
      const data = await getJson(url, { signal });
      return data;
    }),
  );
}

// valid: a single operation leaves no siblings behind
async function validSingle() {
  return Promise.all([load("a")]);
}

// valid: values only, nothing keeps running
async function validResolvedValues() {
  return Promise.all([Promise.resolve(1), Promise.resolve(2)]);
}

// valid: an opaque array (a parameter): we cannot tell what started it
async function validOpaque(pending: Promise<string>[]) {
  return Promise.all(pending);
}

// valid: identifiers of unknown origin
async function validParameters(a: Promise<string>, b: Promise<string>) {
  return Promise.all([a, b]);
}

// valid: an empty array
async function validEmpty() {
  return Promise.all([]);
}

// valid: Promise.race is another rule's business
async function validRace() {
  return Promise.race([load("a"), load("b")]);
}

// valid: a user-defined `all` is not Promise.all
const batch = { all: (work: Promise<unknown>[]) => work.length };
function validOwnAll() {
  return batch.all([load("a"), load("b")]);
}

// valid: through consts that share the signal
async function validConstsShared(signal: AbortSignal) {
  const a = load("a", signal);
  const b = load("b", signal);
  return Promise.all([a, b]);
}

// valid: map over an array const passing the signal
async function validIdentifierMapShared(signal: AbortSignal) {
  const pending = ids.map((id) => load(id, signal));
  return Promise.allSettled(pending);
}

// valid: the shared signal reaches both through then chains
async function validThenShared(signal: AbortSignal) {
  return Promise.all([load("a", signal).then((s) => s.length), load("b", signal).then((s) => s.length)]);
}

// valid: nested Promise.all calls are checked on their own
async function validNestedResolved() {
  return Promise.all([Promise.all([]), Promise.resolve(1)]);
}

// valid: the shared signal comes from an options object
async function validOptionsSignal(options: { signal: AbortSignal }) {
  return Promise.all([load("a", options.signal), load("b", options.signal)]);
}

// valid: values that are not promises
async function validNumbers() {
  return Promise.all([1, 2, 3]);
}

// valid: a spread of an opaque array next to one operation
async function validSpreadOpaque(rest: Promise<string>[]) {
  return Promise.all([load("a"), ...rest]);
}

// valid: the nursery-style shared signal from a controller passed through a helper
async function validHelperSignal(controller: AbortController) {
  return Promise.all(ids.map((id) => load(id, controller.signal)));
}

// valid: a signal held in a const outside the callback is shared
async function validConstSignal() {
  const signal = AbortSignal.timeout(5000);
  return Promise.all(urls.map((url) => getJson(url, { signal })));
}

// valid: Promise.all over already-settled results
async function validAwaitedValues() {
  const a = await compute(1);
  const b = await compute(2);
  return Promise.all([a, b]);
}

// valid: one operation in a map over a single-element literal is still dynamic, but this one shares the signal
async function validTupleMap(signal: AbortSignal) {
  return Promise.all(["/only"].map((url) => getJson(url, { signal })));
}
