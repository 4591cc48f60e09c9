// Basic statements inside async functions.
export {};

async function invalidCall(user: User) {
  audit(user);
//^^^^^^^^^^^^ floating-promise
}

async function invalidSecondStatement(id: string) {
  const user = await fetchUser(id);
  saveUser(user);
//^^^^^^^^^^^^^^^ floating-promise
  log("saved");
}

async function invalidPromiseVariable(id: string) {
  const pending = fetchUser(id);
  pending;
//^^^^^^^^ floating-promise
}

async function invalidNewPromise() {
  new Promise<void>((resolve) => setTimeout(resolve, 10));
//^^^ floating-promise
}

async function invalidInLoop() {
  for (const user of users) audit(user);
//                          ^^^^^^^^^^^^ floating-promise
}

async function invalidInIfBranch(user: User) {
  if (flag) {
    saveUser(user);
//  ^^^^^^^^^^^^^^^ floating-promise
  }
}

async function invalidPropertyAccess() {
  db.close();
//^^^^^^^^^^^ floating-promise
}

// valid: awaited
async function validAwait(user: User) {
  await audit(user);
}

// valid: returned
async function validReturn(user: User) {
  return audit(user);
}

// valid: assigned to a binding (unawaited-task's business, not this rule's)
async function validAssigned(user: User) {
  const pending = audit(user);
  await pending;
}

// valid: re-assigned
async function validReassigned(user: User) {
  let pending: Promise<void> | undefined;
  pending = audit(user);
  await pending;
}

// valid: passed on to another function
async function validPassedOn(user: User) {
  await Promise.all([audit(user), saveUser(user)]);
}

// valid: void marks an intentional detach (allowVoid defaults to true)
async function validVoid(user: User) {
  void audit(user);
}

// valid: a call that returns no promise
async function validNotAPromise() {
  log("hello");
}

// valid: awaited in a loop
async function validAwaitInLoop() {
  for (const user of users) await audit(user);
}

// Generic callees: the declared return type decides without resolving the call unless inference could still make it a
// promise or an array of promises.
declare function loadNumber(id: string): Promise<number>;
declare function wrapAll<T extends unknown[]>(values: T): { [K in keyof T]: Promise<T[K]> };
declare function later<T>(make: () => T): Promise<T>;
declare function resultOf<T>(make: () => T): Promise<{ value: T }>;

async function invalidMappedTupleOfPromises() {
  wrapAll([1, "a"]);
//^^^^^^^^^^^^^^^^^^ floating-promise
}

async function invalidAwaitedGenericArrayOfPromises(ids: string[]) {
  await later(() => ids.map((id) => loadNumber(id)));
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ floating-promise
}

// valid: awaiting a promise of an object whose member is generic waits for it; nothing is left floating
async function validAwaitedGenericObject(ids: string[]) {
  await resultOf(() => ids.map((id) => loadNumber(id)));
}

// valid: a generic call that is not a promise, whatever its type parameter becomes
function validGenericNonPromise(values: number[]) {
  values.map((value) => value * 2).join(",");
}

// valid: awaiting a Promise combinator waits for every element: the result holds values, not promises
async function validAwaitedPromiseCombinators(ids: string[]) {
  await Promise.all(ids.map((id) => loadNumber(id)));
  await Promise.allSettled([loadNumber("a"), loadNumber("b")]);
  await Promise.race([loadNumber("a"), loadNumber("b")]);
}
