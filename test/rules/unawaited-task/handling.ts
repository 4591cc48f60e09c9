// @options {"sequentialAwaitTrap": "never"}
// What counts as handling: awaited, returned, combinators, any function, fields, outer variables, then/catch, void…
export {};

declare function get(url: string): Promise<string>;
declare function track(work: Promise<unknown>): void;
declare const queue: Promise<unknown>[];
let lastSave: Promise<void> | undefined;

async function invalidArrayNotAwaitedOnEveryPath() {
  const saves = users.map((user) => saveUser(user));
  //    ^^^^^ unawaited-task
  if (flag) return;
  await Promise.all(saves);
}

async function invalidArrayOnlyMeasured() {
  const saves = users.map((user) => saveUser(user));
  //    ^^^^^ unawaited-task
  log(`saving ${saves.length}`);
}

async function invalidArrayLiteral() {
  const both = [get("/a"), get("/b")];
  //    ^^^^ unawaited-task
  log("started");
}

async function invalidNewPromise() {
  const timer = new Promise<void>((resolve) => setTimeout(resolve, 10));
  //    ^^^^^ unawaited-task
  log("waiting");
}

async function invalidConditionalStore(id: string) {
  const user = flag ? fetchUser(id) : fetchUser("guest");
  //    ^^^^ unawaited-task
  if (!id) return;
  await user;
}

async function invalidThenChainWithoutHandler(id: string) {
  const saved = fetchUser(id).then(saveUser);
  //    ^^^^^ unawaited-task
  log("saving");
}

const invalidArrow = async (id: string) => {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  log(id);
};

class Loader {
  async invalidMethod(id: string) {
    const user = fetchUser(id);
    //    ^^^^ unawaited-task
    if (!id) return null;
    return await user;
  }

  // valid: stored in a field
  async validField(id: string) {
    const user = fetchUser(id);
    this.pending = user;
  }
  pending: Promise<User> | undefined;
}

function invalidSyncFunction(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  log(id);
}

// valid: passed to Promise.all
async function validAll() {
  const a = get("/a");
  const b = get("/b");
  return Promise.all([a, b]);
}

// valid: handed to any function
async function validHandedOn(id: string) {
  const user = fetchUser(id);
  track(user);
}

// valid: stored in an outer variable
async function validOuterVariable(user: User) {
  const saving = saveUser(user);
  lastSave = saving;
}

// valid: pushed into a collection
async function validPushed(user: User) {
  const saving = saveUser(user);
  queue.push(saving);
}

// valid: handled with .catch
async function validCatch(user: User) {
  const saving = saveUser(user);
  saving.catch((error) => log(String(error)));
}

// valid: handled with .then
async function validThen(id: string) {
  const user = fetchUser(id);
  user.then((found) => log(found.name), (error) => log(String(error)));
}

// valid: explicitly detached with void
async function validVoid(user: User) {
  const saving = saveUser(user);
  void saving;
}

// valid: an array of promises awaited with Promise.all
async function validArrayAll() {
  const saves = users.map((user) => saveUser(user));
  await Promise.all(saves);
}

// valid: each element awaited by for…of
async function validArrayForOf() {
  const saves = users.map((user) => saveUser(user));
  for (const save of saves) await save;
}

// valid: destructured from an awaited Promise.all
async function validDestructured() {
  const pa = get("/a");
  const pb = get("/b");
  const [a, b] = await Promise.all([pa, pb]);
  log(a + b);
}

// valid: captured by a closure that someone else runs
async function validCaptured(id: string) {
  const user = fetchUser(id);
  return () => user;
}

// valid: a nested function declaration uses it: it can run at any time, we stop tracking
async function validFunctionDeclaration(id: string) {
  const user = fetchUser(id);
  function later() {
    return user;
  }
  return later;
}

// valid: returned inside an object
async function validReturnedInObject(id: string) {
  const user = fetchUser(id);
  return { user };
}

// valid: yielded
async function* validYielded(id: string) {
  const user = fetchUser(id);
  yield user;
}

// valid: no promise
async function validNotAPromise() {
  const count = users.length;
  log(String(count));
}

// valid: an existing promise read from elsewhere is not a new task of this function
async function validExistingPromise(ready: Promise<void>) {
  const waiting = ready;
  log("not started here");
}

// valid: a chain that already handles rejection
async function validCaughtChain(id: string) {
  const user = fetchUser(id).catch(() => undefined);
  log(id);
}

// valid: not inside a function
const topLevel = fetchUser("1");

// valid: stored and awaited inside an optional element access
async function validAwaitElement() {
  const saves = users.map((user) => saveUser(user));
  await saves[0];
}

// valid: promises taken out of an array were made and stored elsewhere; keeping them starts nothing
const inLock: Promise<void>[] = [];
export async function validTakenFromArray() {
  const removed = inLock.splice(0, 2);
  const head = inLock.shift();
  log(`${removed.length} ${head === undefined}`);
}
