// @options {"sequentialAwaitTrap": "never"}
// Re-assigning the binding before the promise is handled loses it: the finding is on the first store.
export {};

async function invalidReassigned(a: string, b: string) {
  let user = fetchUser(a);
  //  ^^^^ unawaited-task
  user = fetchUser(b);
  await user;
}

async function invalidReassignedOnOnePath(a: string, b: string) {
  let user = fetchUser(a);
  //  ^^^^ unawaited-task
  if (flag) user = fetchUser(b);
  await user;
}

async function invalidOverwrittenWithUndefined(a: string) {
  let user: Promise<User> | undefined = fetchUser(a);
  //  ^^^^ unawaited-task
  user = undefined;
  log(String(user));
}

async function invalidReplacedEachIteration() {
  let saving: Promise<void> | undefined;
  for (const user of users) {
    saving = saveUser(user);
  //^^^^^^ unawaited-task
  }
  await saving;
}

async function invalidDeclaredInLoop() {
  for (const user of users) {
    const saving = saveUser(user);
    //    ^^^^^^ unawaited-task
    log(user.name);
  }
}

async function invalidDestructuringOverwrite(a: string, other: Promise<User>) {
  let user = fetchUser(a);
  //  ^^^^ unawaited-task
  [user] = [other];
  await user;
}

// valid: awaited before the re-assignment
async function validAwaitedThenReassigned(a: string, b: string) {
  let user = fetchUser(a);
  await user;
  user = fetchUser(b);
  await user;
}

// valid: a conditional assignment stores only when nothing was there
async function validNullishAssignment(a: string) {
  let user: Promise<User> | undefined;
  user ??= fetchUser(a);
  await user;
}

// valid: awaited in each iteration
async function validAwaitedEachIteration() {
  let saving: Promise<void> | undefined;
  for (const user of users) {
    saving = saveUser(user);
    await saving;
  }
}

// valid: handed on in each iteration, the last one awaited
async function validCollectedEachIteration() {
  const all: Promise<void>[] = [];
  for (const user of users) {
    const saving = saveUser(user);
    all.push(saving);
  }
  await Promise.all(all);
}

// valid: the assignment is awaited in place
async function validAwaitAssignment(a: string) {
  let user: Promise<User>;
  await (user = fetchUser(a));
  log(String(user));
}

// valid: re-assigned in another branch only after the first was returned
async function validReturnedBeforeReassignment(a: string, b: string) {
  let user = fetchUser(a);
  if (flag) return user;
  await user;
  user = fetchUser(b);
  return user;
}

declare const cache: Map<string, Promise<User>>;
declare function maybeStart(id: string): Promise<User> | undefined;

// valid: a cache lookup is not new work, and the branch where it is missing holds no promise
async function validCacheLookup(id: string) {
  let user = cache.get(id);
  if (!user) {
    user = fetchUser(id);
    cache.set(id, user);
  }
  return user;
}

// valid: a promise is always truthy, so the falsy branch holds none to lose
async function validFalsyBranch(id: string, started: Promise<User> | undefined) {
  let user = started ?? fetchUser(id);
  if (user === undefined) user = fetchUser(id);
  return user;
}

// valid: re-assigned only when the binding is nullish
async function validNullishReassign(id: string) {
  let user: Promise<User> | undefined = flag ? fetchUser(id) : undefined;
  if (user == null) user = fetchUser("guest");
  await user;
}

// valid: `||` evaluates the assignment only when empty
async function validOrAssign(id: string) {
  let user: Promise<User> | undefined = flag ? fetchUser(id) : undefined;
  user || (user = fetchUser("guest"));
  await user;
}

async function invalidReassignedWhenPresent(id: string) {
  let user: Promise<User> | undefined = flag ? fetchUser(id) : undefined;
  //  ^^^^ unawaited-task
  if (user !== undefined) user = fetchUser("again");
  await user;
}

async function invalidTypeofDoesNotClearTheOtherBranch(id: string) {
  let user: Promise<User> | undefined = flag ? fetchUser(id) : undefined;
  //  ^^^^ unawaited-task
  if (typeof user === "undefined") log("none");
  else user = fetchUser("again");
  await user;
}

// valid: a placeholder already fulfilled with a plain value, replaced on one branch (SignalR's MessageBuffer): it does
// no work and cannot reject, so nothing is lost
async function validResolvedPlaceholder(message: User, counted: boolean) {
  let backpressure: Promise<void> = Promise.resolve();
  if (counted) backpressure = saveUser(message);
  await backpressure;
}

// valid: the start of a chain, fulfilled with a literal, never awaited
function validResolvedStart() {
  let chain = Promise.resolve(0);
  chain = Promise.resolve(1);
  log(String(chain));
}

// a placeholder resolved with a value that may be a promise is that promise
async function invalidResolvedWithPromise(a: string, pending: Promise<User>) {
  let user = Promise.resolve(pending);
  //  ^^^^ unawaited-task
  user = fetchUser(a);
  await user;
}
