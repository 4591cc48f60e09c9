// Thenable detection is decided by the checker, never by names.
export {};

async function invalidPromiseLike() {
  loadConfig();
//^^^ floating-promise
}

async function invalidCustomThenable() {
  query<User>("users").where("id = 1");
//^^^ floating-promise
}

async function invalidSubclass() {
  startJob();
//^^^ floating-promise
}

async function invalidUnionWithUndefined(user: User) {
  maybeSave(user);
//^^^ floating-promise
}

async function invalidGenericConstraint<T extends Promise<unknown>>(make: () => T) {
  make();
//^^^ floating-promise
}

async function invalidRenamedFunction(user: User) {
  const notObviouslyAsync = saveUser;
  notObviouslyAsync(user);
//^^^ floating-promise
}

async function invalidIntersection(make: () => Promise<void> & { id: number }) {
  make();
//^^^ floating-promise
}

// valid: `any` is handled conservatively
async function validAny() {
  anything.save();
}

// valid: `unknown`
async function validUnknown(make: () => unknown) {
  make();
}

// valid: a `then` that is not a method
async function validThenProperty() {
  tween().start();
}

// valid: a name that sounds async but returns a value
function fetchLocal(): User {
  return { id: "1", name: "local" };
}
async function validAsyncSoundingName() {
  fetchLocal();
}

// valid: awaited custom thenable
async function validAwaitedThenable() {
  await query<User>("users");
}

// valid: a function returning void that happens to be called `then`
declare const chain: { then(): void };
async function validThenWithoutCallback() {
  chain.then();
}

// valid: never
async function validNever(fail: () => never) {
  fail();
}
