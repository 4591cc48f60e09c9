// A promise in a boolean position is always truthy.
export {};

declare function isReady(): Promise<boolean>;
declare function maybeReady(): Promise<boolean> | undefined;
declare const ready: Promise<boolean>;
declare function sync(): boolean;

async function invalidIf() {
  if (isReady()) log("ready");
  //  ^^^^^^^^^ misused-promise
}

async function invalidIfIdentifier() {
  if (ready) log("ready");
  //  ^^^^^ misused-promise
}

async function invalidWhile() {
  while (isReady()) log("waiting");
  //     ^^^^^^^^^ misused-promise
}

async function invalidDoWhile() {
  do log("tick");
  while (isReady());
  //     ^^^^^^^^^ misused-promise
}

async function invalidFor() {
  for (let i = 0; isReady(); i++) log(String(i));
  //              ^^^^^^^^^ misused-promise
}

async function invalidNot() {
  if (!ready) return;
  //   ^^^^^ misused-promise
}

async function invalidConditional() {
  return ready ? "yes" : "no";
  //     ^^^^^ misused-promise
}

async function invalidAndLeft() {
  const value = ready && "yes";
  //            ^^^^^ misused-promise
  log(String(value));
}

async function invalidOrLeft() {
  const value = ready || "no";
  //            ^^^^^ misused-promise
  log(String(value));
}

async function invalidRightOperandInCondition() {
  if (sync() && isReady()) log("both");
  //            ^^^^^^^^^ misused-promise
}

async function invalidBothOperands() {
  if (ready || isReady()) log("either");
  //  ^^^^^ misused-promise
  //           ^^^^^^^^^ misused-promise
}

async function invalidParenthesized() {
  if ((ready)) log("ready");
  //   ^^^^^ misused-promise
}

async function invalidCustomThenable() {
  if (query<User>("users")) log("query");
  //  ^^^^^^^^^^^^^^^^^^^^ misused-promise
}

function invalidInSyncFunction() {
  if (isReady()) log("ready");
  //  ^^^^^^^^^ misused-promise
}

// valid: awaited
async function validAwaited() {
  if (await isReady()) log("ready");
}

// valid: awaited identifier with a negation
async function validNotAwaited() {
  if (!(await ready)) return;
}

// valid: a presence test on an optional promise
async function validOptional() {
  const pending = maybeReady();
  if (pending) await pending;
}

// valid: nullish coalescing tests for null, not truthiness
async function validNullish() {
  const value = maybeReady() ?? ready;
  await value;
}

// valid: the right operand of && in a value position is the result
async function validAndRight() {
  const value = sync() && isReady();
  await value;
}

// valid: not a promise
async function validBoolean() {
  if (sync()) log("sync");
}

// valid: while on an awaited condition
async function validWhileAwait() {
  while (await isReady()) log("waiting");
}

// valid: the conditional's branches may be promises
async function validBranches() {
  await (sync() ? isReady() : ready);
}

// valid: not a thenable even though it has a `then` property
function validTween() {
  if (tween()) log("tween");
}

// valid: any is not known to be a promise
function validAny() {
  if (anything) log("any");
}

// valid: comparing a promise is not a truthiness test
function validComparison(other: Promise<boolean>) {
  if (ready === other) log("same");
}

// valid: typeof test
function validTypeof() {
  if (typeof ready === "object") log("object");
}

// valid: a function that returns a promise is not itself tested for its result
async function validFunctionReference() {
  if (isReady) log("defined");
}

// valid: `in` and `instanceof` are booleans, whatever their operands (a promise among them)
function validInAndInstanceof(entries: [string, PropertyDescriptor][]) {
  if ("then" in ready || ready instanceof Promise) log("thenable");
  return entries.filter(([, descriptor]) => !("value" in descriptor) || descriptor.value !== undefined);
}

// valid: a `let` declared without a value, tested in a function that may run before it is assigned: is it set yet?
let shared: Promise<void>;
export function ensureShared(start: () => Promise<void>) {
  if (!shared) shared = start();
  return shared;
}
var legacy: Promise<void>;
export const ensureLegacy = (start: () => Promise<void>) => (legacy ? legacy : (legacy = start()));

// a `let` with a value, or one its own function has assigned on every path before the test (the compiler checks that)
let started = Promise.resolve();
export function invalidInitialized() {
  if (started) log("started");
  //  ^^^^^^^ misused-promise
}
export async function invalidAssignedFirst(flag: boolean) {
  let pending: Promise<number>;
  if (flag) pending = Promise.resolve(1);
  else pending = Promise.resolve(2);
  if (pending) log("pending");
  //  ^^^^^^^ misused-promise
}
declare let ambient: Promise<void>;
export function invalidAmbient() {
  if (ambient) log("ambient");
  //  ^^^^^^^ misused-promise
}

// Fields: one declared `!` (definitely assigned, by the author's word) is tested for whether it is set yet
export class LazyStore {
  protected initPromise!: Promise<void>;
  private ready = Promise.resolve();
  private loaded: Promise<void>;
  constructor(load: () => Promise<void>) {
    this.loaded = load();
  }
  // valid: a lazy start on a field declared `!` (Amplify DataStore's `StorageAdapterBase`)
  init(start: () => Promise<void>) {
    if (!this.initPromise) this.initPromise = start();
    return this.initPromise;
  }
  invalidInitializedField() {
    if (this.ready) log("ready");
    //  ^^^^^^^^^^ misused-promise
  }
  invalidAssignedInConstructor() {
    return this.loaded ? "loaded" : "loading";
    //     ^^^^^^^^^^^ misused-promise
  }
}

// Properties read off a reference, and callbacks' parameters: the declared types answer "never a promise" without
// resolving the call a callback is passed to; anything a promise could be goes to the checker, narrowing included.
interface Job {
  name: string;
  done: Promise<void>;
  cancel?: () => void;
}
type Step = { kind: "pending"; result: Promise<number> } | { kind: "settled"; result: number };
declare const jobs: Job[];

export function invalidProperty(job: Job) {
  if (job.done) log(job.name);
  //  ^^^^^^^^ misused-promise
}
export function invalidCallbackParameterProperty() {
  return jobs.filter((job) => !job.done || job.name);
  //                           ^^^^^^^^ misused-promise
}
export function invalidDestructuredParameter() {
  return jobs.map(({ done, name }) => (done ? name : ""));
  //                                   ^^^^ misused-promise
}
export function invalidNarrowedByDiscriminant(step: Step) {
  if (step.kind === "pending" && step.result) log("pending");
  //                             ^^^^^^^^^^^ misused-promise
}
export function invalidNarrowedByTypeof(values: (string | Promise<string>)[]) {
  return values.map((value) => (typeof value === "string" ? value : value ? "promise" : ""));
  //                                                                ^^^^^ misused-promise
}

// valid: never promises, by the declarations along the reference
export function validDescriptorGetters(value: object) {
  const entries = Object.entries(Object.getOwnPropertyDescriptors(value));
  return Object.fromEntries(
    entries.map(([key, descriptor]) => {
      if ("value" in descriptor) return [key, descriptor.value];
      return [key, descriptor.get ? Reflect.apply(descriptor.get, value, []) : undefined];
    }),
  );
}
export function validOptionalMember(job: Job | undefined) {
  if (job?.cancel) job.cancel();
}
// valid: a callback's parameter's members: a function returning nothing, a number
export function validCallbackMembers() {
  return jobs.filter((each) => each.cancel && each.name.length);
}
// valid: a presence test on an optional promise member
export function validOptionalPromiseMember(pending: { settled?: Promise<void> }[]) {
  return pending.filter((each) => !each.settled);
}
// valid: a settled step's result is a number (the discriminant narrows the promise away)
export function validNarrowedAway(step: Step) {
  if (step.kind === "settled" && step.result) log("settled");
}

// Elements read by index: typed as present (noUncheckedIndexedAccess is off), but absent past the end or for a missing key.
const waiting: Promise<void>[] = [];
declare const inflightById: Record<string, Promise<void>>;
declare const promisePair: [Promise<void>, Promise<void>];
declare const promiseHolder: { work: Promise<void> };

// valid: the head of a queue, through a variable it initialized
export async function validQueueHead() {
  const head = waiting[0];
  if (head) await head;
}
// valid: a record's entry, by key or by name
export async function validRecordEntry(id: string) {
  if (inflightById[id]) await inflightById[id];
  if (!inflightById.settings) log("idle");
}
// valid: a variable declared as possibly undefined, whatever the assignment narrowed it to (a listener may clear it)
export async function validDeclaredOptional(user: User, onStop: (listener: () => void) => void) {
  let saving: Promise<void> | undefined = saveUser(user);
  onStop(() => {
    saving = undefined;
  });
  await fetchUser(user.id);
  if (saving) await saving;
}
export async function invalidTupleElement() {
  if (promisePair[0]) await promisePair[1];
  //  ^^^^^^^^^^^^^^ misused-promise
}
export async function invalidDeclaredPropertyByName() {
  if (promiseHolder["work"]) log("always");
  //  ^^^^^^^^^^^^^^^^^^^^^ misused-promise
}

// A test that guards a read of the value's own members is a null check (for untyped callers), not a forgotten await.
type AddressLike = string | Promise<string> | { getAddress(): Promise<string> };
// valid: duck-typing a thenable after the other cases are ruled out (ethers' `resolveAddress`)
export function validThenableGuard(target: AddressLike): string | Promise<string> {
  if (typeof target === "string") return target;
  if ("getAddress" in target) return target.getAddress();
  if (target && typeof target.then === "function") return target;
  throw new TypeError("unsupported address");
}
// valid: a member of the promise itself, read after the guard
export function validGuardedCatch(job: Promise<void>) {
  return job && job.catch(() => log("failed"));
}
export async function invalidGuardOfAnotherValue(job: Promise<void>, other: Promise<void>) {
  if (job && typeof other.then === "function") await other;
  //  ^^^ misused-promise
}

// A test whose branch awaits the very value tested asks whether it is there (a feature the runtime may lack).
interface PreloadEvent {
  readonly preloadResponse: Promise<Response | undefined>;
  readonly mode: string;
}
// valid: Workbox's navigation preload, typed as present, absent on older browsers
export async function validFeatureDetected(event: PreloadEvent) {
  if (event.mode === "navigate" && event.preloadResponse) {
    const preloaded = (await event.preloadResponse) as Response | undefined;
    if (preloaded) return preloaded;
  }
  return event.mode === "navigate" && event.preloadResponse ? await event.preloadResponse : undefined;
}
// the branch awaits something else: the test never looks at the result
export async function invalidBranchAwaitsAnother(event: PreloadEvent, other: Promise<Response>) {
  if (event.preloadResponse) return await other;
  //  ^^^^^^^^^^^^^^^^^^^^^ misused-promise
  return undefined;
}
