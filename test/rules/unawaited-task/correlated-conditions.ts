// @options {"sequentialAwaitTrap": "never"}
// Paths that a second test of the same constant rules out (TanStack Query's refetchQueries), and the ones it does not.
export {};

declare const noop: () => void;
declare const query: { fetch(): Promise<unknown>; paused: boolean };

// valid: handled by .catch() on every path where it is not returned (TanStack refetchQueries)
function validHandledUnlessReturned(throwOnError: boolean): Promise<unknown> {
  let promise = query.fetch();
  const isPaused = query.paused;
  if (!throwOnError || isPaused) {
    promise = promise.catch(noop);
  }
  return isPaused ? Promise.resolve() : promise;
}

// valid: awaited under one test of the constant or the other
async function validAwaitedUnderEitherBranch(id: string) {
  const quick = id.length < 4;
  const user = fetchUser(id);
  if (quick) await user;
  log("between");
  if (!quick) await user;
}

// valid: handled where the constant is truthy, awaited where it is falsy
async function validHandledWhereNotAwaited(id: string) {
  const cached = id === "";
  const user = fetchUser(id);
  if (cached) user.catch(noop);
  if (!cached) await user;
}

// valid: a parameter never assigned decides both tests
async function validParameterTestedTwice(id: string, force: boolean) {
  const user = fetchUser(id);
  if (force) await user;
  log("between");
  if (!force) await user;
}

async function invalidParameterAssigned(id: string, force: boolean) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (force) await user;
  force = id.length > 2;
  if (!force) await user;
}

async function invalidParameterAssignedByAClosure(id: string, force: boolean) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  const flip = () => {
    force = !force;
  };
  if (force) await user;
  await fetchUser("other").then(flip);
  if (!force) await user;
}

function invalidOuterParameterFlippedBetween(force: boolean) {
  const flip = () => {
    force = !force;
  };
  return async (id: string) => {
    const user = fetchUser(id);
    //    ^^^^ unawaited-task
    if (force) await user;
    flip();
    if (!force) await user;
  };
}

async function invalidFlagReassigned(id: string) {
  let quick = id.length < 4;
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (quick) await user;
  quick = !quick;
  if (!quick) await user;
}

async function invalidDifferentConstants(id: string) {
  const quick = id.length < 4;
  const slow = id.length > 8;
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (quick) await user;
  if (slow) await user;
}

async function invalidSameBranchTwice(id: string) {
  const quick = id.length < 4;
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (quick) log("quick");
  if (quick) await user;
}

// valid: the else branch is ruled out by the return above it
async function validStoredAfterTheTest(ids: string[]) {
  for (const id of ids) {
    const last = id === "z";
    if (last) return;
    const user = fetchUser(id);
    if (!last) await user;
    else log(id);
  }
}

async function invalidConstOfEachIteration(ids: string[]) {
  let user: Promise<User> | undefined;
  for (const id of ids) {
    const last = id === "z";
    if (last) return;
    if (user) await user;
    user = fetchUser(id);
  //^^^^ unawaited-task
    if (!last) log(id);
  }
  await user;
}

// Properties, comparisons with a literal, `instanceof` and `typeof` tests.

// valid: one instanceof test decides both
async function validInstanceofTestedTwice(id: string, input: unknown) {
  const user = fetchUser(id);
  if (input instanceof Error) user.catch(noop);
  log("between");
  if (!(input instanceof Error)) await user;
}

// valid: a property of a parameter never written, tested twice
async function validPropertyTestedAcrossACall(id: string, options: { dryRun?: boolean }) {
  const user = fetchUser(id);
  if (options.dryRun) user.catch(noop);
  log("a call is trusted not to change options.dryRun, as TypeScript's narrowing trusts it");
  if (!options.dryRun) await user;
}

// valid: == null and != null of the same property are one condition
async function validLooseNullCheckTwice(id: string, cache: { hit: string | null }) {
  const user = fetchUser(id);
  if (cache.hit == null) await user;
  log("between");
  if (cache.hit != null) user.catch(noop);
}

// valid: === and !== of the same property and literal are one condition
async function validOptionTestedTwice(id: string, options: { mode: "fast" | "safe"; force?: boolean }) {
  const user = fetchUser(id);
  if (options.mode === "fast") await user;
  log("between");
  if (options.mode !== "fast") await user;
}

// valid: typeof of a parameter never assigned, tested twice
async function validTypeofTestedTwice(id: string | number) {
  const user = fetchUser(String(id));
  if (typeof id === "string") await user;
  log("between");
  if (typeof id !== "string") await user;
}

async function invalidOptionChangedInTheFunction(id: string, options: { force?: boolean }) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (options.force) await user;
  options.force = !options.force;
  if (!options.force) await user;
}

async function invalidOptionReadAcrossAnAwait(id: string, token: { cancelled: boolean }) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (token.cancelled) user.catch(noop);
  await check(id);
  if (!token.cancelled) await user;
}

async function invalidOtherLiteral(id: string, options: { mode: "fast" | "safe" | "slow" }) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (options.mode === "fast") await user;
  if (options.mode === "safe") await user;
}

// A promise binding is falsy before its first store and truthy after it (zod's runChecks).

// valid: the throw needs an async check in a synchronous parse, which throws before any promise is kept
function validCheckedInEachTurn(checks: (() => unknown)[], ctx?: { async?: boolean }): Promise<unknown> | undefined {
  let result: Promise<unknown> | undefined;
  for (const check of checks) {
    const outcome = check();
    if (outcome instanceof Promise && ctx?.async === false) throw new Error("an async check in a synchronous parse");
    if (result || outcome instanceof Promise) result = (result ?? Promise.resolve()).then(() => outcome);
  }
  return result;
}

// valid: the early return is taken only while nothing is stored
async function validReturnWhileEmpty(ids: string[]) {
  let last: Promise<User> | undefined;
  for (const id of ids) {
    if (!last && id === "") return;
    if (last) await last;
    last = fetchUser(id);
  }
  await last;
}

async function invalidClearedByAClosure(id: string) {
  let pending: Promise<User> | undefined;
  const clear = () => {
    pending = undefined;
  };
  pending = fetchUser(id);
  const other = fetchUser("other");
  //    ^^^^^ unawaited-task
  clear();
  if (!pending) return;
  await other;
  await pending;
}

// valid: once a promise is stored the binding is truthy: the early return is never taken with `audit` pending
async function validTruthyAfterStore(id: string, retry: boolean) {
  let user: Promise<User> | undefined;
  const audit = fetchUser("audit");
  if (retry) user = fetchUser(id);
  if (retry && !user) return;
  await audit;
  await user;
}

async function invalidSameNameOtherBinding(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  {
    const quick = id.length < 4;
    if (quick) await user;
  }
  {
    const quick = id.length > 8;
    if (!quick) await user;
  }
}

async function invalidClassReassigned(id: string, input: unknown) {
  let Kind: new () => object = Error;
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (input instanceof Kind) await user;
  Kind = TypeError;
  if (!(input instanceof Kind)) await user;
}

async function invalidVarKeepsItsValue(ids: string[]) {
  for (const id of ids) {
    // eslint-disable-next-line no-var
    var last: Promise<User> | undefined;
    if (!last && id === "") return;
    last = fetchUser(id);
  //^^^^ unawaited-task
  }
  await last;
}

// `??` keeps its left side when it is not nullish: for a promise or `undefined`, when it is truthy.

// valid: returned by `??` whenever the other promise is absent (TanStack Router's loadComponents)
function validReturnedByNullishFallback(
  first: () => Promise<void> | undefined,
  second: () => Promise<void> | undefined,
  onReady?: () => void,
): Promise<void> | undefined {
  const component = first();
  let pending = second();
  if (onReady && pending) pending = pending.then(onReady);
  if (component && pending) return Promise.all([component, pending]).then(() => {});
  return component ?? pending;
}

async function invalidEmptyStringIsNotNullish(label: string) {
  const pending = fetchUser(label);
  //    ^^^^^^^ unawaited-task
  const shown = label ?? (await pending).name;
  log(shown);
  if (!label) return;
  await pending;
}

// valid: a thenable test: where it fails the binding holds no promise to lose (matrix-js-sdk's defensive check of a
// legacy callback-style `getStats`)
function validThenableTest(report: (stats: User) => void) {
  const stats = fetchUser("stats");
  if (typeof stats?.then === "function") return stats.then(report).catch(() => undefined);
  return undefined;
}

// valid: the same test negated, either side
async function validNegatedThenableTest() {
  const stats = fetchUser("stats");
  if ("function" !== typeof stats.then) return;
  await stats;
}

// a test of another property, or of another binding, says nothing about this one
async function invalidOtherThenableTest(other: { then?: unknown }) {
  const stats = fetchUser("stats");
  //    ^^^^^ unawaited-task
  if (typeof other.then === "function") await stats;
}

// valid: an empty array holds no promise to lose (ethers' FallbackProvider: `if (waiting.length === 0) break;`)
async function validEmptyArrayLeaves(ids: string[]) {
  for (;;) {
    const waiting = ids.map((id) => fetchUser(id));
    if (waiting.length === 0) break;
    await Promise.race(waiting);
    ids = ids.slice(1);
  }
}

// valid: `!ps.length`, and `ps.length > 0` around the await
async function validNotLength(ids: string[]) {
  const pending = ids.map((id) => fetchUser(id));
  if (!pending.length) return;
  await Promise.all(pending);
}
async function validLengthAbove(ids: string[]) {
  const pending = ids.map((id) => fetchUser(id));
  if (pending.length > 0) await Promise.all(pending);
}

// a length read off a single promise says nothing of what it holds
async function invalidLengthOfPromise(id: string) {
  const pending = fetchUser(id) as Promise<User> & { length?: number };
  //    ^^^^^^^ unawaited-task
  if (!pending.length) return;
  await pending;
}
