// User functions: positional signals, options with any property name, overloads, task signals.
export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function downloadRequired(url: string, signal: AbortSignal): Promise<string>;
declare function query(sql: string, options?: { timeout?: number; cancel?: AbortSignal }): Promise<unknown[]>;
declare function retry<T>(work: () => Promise<T>, options?: { attempts?: number; signal?: AbortSignal }): Promise<T>;
declare function upload(url: string): Promise<void>;
declare function upload(url: string, options: { retries?: number; signal?: AbortSignal }): Promise<void>;
declare function store(key: string): Promise<void>;
declare function store(key: string, value: string, signal?: AbortSignal): Promise<void>;
declare function spawnTask(body: (signal: AbortSignal) => Promise<void>): void;
declare function withOptions(input: { url: string; signal?: AbortSignal | null }): Promise<void>;

async function positional(url: string, signal: AbortSignal) {
  return download(url);
//       ^^^^^^^^ signal-not-forwarded
}

async function positionalMissingAndRequired(url: string, signal?: AbortSignal) {
  // flagged; no fix offered: an optional signal does not fit a required parameter
  // @ts-expect-error -- the required signal is missing
  await downloadRequired(url);
//      ^^^^^^^^^^^^^^^^ signal-not-forwarded
}

async function anyPropertyName(signal: AbortSignal) {
  await query("select 1", { timeout: 10 });
//      ^^^^^ signal-not-forwarded
}

async function genericOptions(signal: AbortSignal) {
  await retry(() => fetchUser("1"));
//      ^^^^^ signal-not-forwarded
}

async function overload(url: string, signal: AbortSignal) {
  // the one-argument overload resolves; the two-argument one takes the signal
  await upload(url);
//      ^^^^^^ signal-not-forwarded
}

function taskSignal(urls: string[]) {
  for (const url of urls) {
    spawnTask(async (signal) => {
      await download(url);
//          ^^^^^^^^ signal-not-forwarded
    });
  }
}

async function destructured(url: string, { signal }: { signal: AbortSignal }) {
  await download(url);
//      ^^^^^^^^ signal-not-forwarded
}

async function localSignal(url: string) {
  const signal = AbortSignal.timeout(1_000);
  await download(url);
//      ^^^^^^^^ signal-not-forwarded
}

async function closure(urls: string[], signal: AbortSignal) {
  await Promise.all(urls.map((url) => download(url)));
//                                    ^^^^^^^^ signal-not-forwarded
}

async function nullableProperty(url: string, signal: AbortSignal) {
  await withOptions({ url });
//      ^^^^^^^^^^^ signal-not-forwarded
}

// valid: positional signal passed
async function validPositional(url: string, signal: AbortSignal) {
  await download(url, signal);
}

// valid: passed through the overload that takes it
async function validOverload(url: string, signal: AbortSignal) {
  await upload(url, { signal });
}

// valid: the options literal names the property the callee declares, `cancel`
async function validAnyName(signal: AbortSignal) {
  await query("select 1", { cancel: signal });
}

// valid: the task's own signal is used
function validTask(url: string) {
  spawnTask(async (signal) => {
    await download(url, signal);
  });
}

// valid: signal declared after the call is not in scope yet
async function validDeclaredLater(url: string) {
  await download(url);
  const signal = AbortSignal.timeout(1_000);
  return signal;
}

// valid: a signal in another function is not in scope
async function validOtherFunction(signal: AbortSignal) {
  return signal.aborted;
}
async function validSibling(url: string) {
  await download(url);
}

// valid: cleanup in `finally` must not be cancelled by the signal that stopped the work
async function validFinally(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } finally {
    await download(`${url}/release`);
  }
}

// valid: an abort handler runs once the signal is aborted
function validAbortHandler(url: string, signal: AbortSignal) {
  signal.addEventListener("abort", () => {
    void download(`${url}/cancel`);
  });
  signal.onabort = () => void download(`${url}/cancel`);
}

// valid: shadowed by a binding that is no signal
async function validShadowed(url: string, signal: AbortSignal) {
  const inner = (signal: string) => download(signal);
  return inner(url);
}

// valid: arguments typed `any` may carry a signal
async function validAny(url: string, options: any, signal: AbortSignal) {
  await fetch(url, options);
}

// valid: spread arguments holding the signal
async function validSpreadArgs(args: [string, AbortSignal], signal: AbortSignal) {
  await download(...args);
}

// valid: the overload that takes a signal needs a value we cannot invent
async function validOverloadNeedsMore(key: string, signal: AbortSignal) {
  await store(key);
}

// valid: the elements of a race are leaky-race's concern
async function validRace(url: string, signal: AbortSignal) {
  await Promise.race([download(url), fetchUser("1")]);
}

// valid: a spread whose elements cannot be known may hold the signal
function validUnknowableSpread(signal: AbortSignal, target: EventTarget) {
  const add = target.addEventListener.bind(target);
  return (type: string, ...rest: [never, never]) => add(type, ...rest);
}

async function optionsParameter(url: string, options: { retries?: number; signal?: AbortSignal } = {}) {
  await download(url);
//      ^^^^^^^^ signal-not-forwarded
}

async function optionalOptionsParameter(url: string, options?: { signal?: AbortSignal }) {
  await fetch(url);
//      ^^^^^ signal-not-forwarded
}

// valid: a Request parameter carries the client's signal, but it is no options bag the function declared
async function validRequestParameter(request: Request, backend: string) {
  return fetch(backend);
}

// valid: the options parameter's signal is forwarded
async function validOptionsForwarded(url: string, options: { signal?: AbortSignal }) {
  await download(url, options.signal);
}
