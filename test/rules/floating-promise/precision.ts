// Handled promises that a careless rule would flag: every one of these must stay silent.
export {};

declare function track(work: Promise<unknown>): void;
declare const pending: Map<string, Promise<User>>;

class Cache {
  private current: Promise<User> | undefined;
  private queue: Promise<void>[] = [];

  // valid: stored in a field
  refresh(id: string) {
    this.current = fetchUser(id);
  }

  // valid: logical assignment stores it
  ensure(id: string) {
    this.current ??= fetchUser(id);
  }

  // valid: pushed into a collection someone else owns
  enqueue(user: User) {
    this.queue.push(saveUser(user));
  }
}

// valid: passed to a function that takes ownership
function validHandOff(id: string) {
  track(fetchUser(id));
}

// valid: stored in a map
function validMapSet(id: string) {
  pending.set(id, fetchUser(id));
}

// valid: chained assignment
async function validChainedAssignment(id: string) {
  let a: Promise<User>;
  let b: Promise<User>;
  a = b = fetchUser(id);
  await Promise.all([a, b]);
}

// valid: yielded from a generator
function* validYield(id: string) {
  yield fetchUser(id);
}

// valid: awaited combinator
async function validAllSettled() {
  await Promise.allSettled(users.map((user) => audit(user)));
}

// valid: timer callback that detaches explicitly
function validTimerWithVoid(user: User) {
  setTimeout(() => void audit(user), 10);
}

// valid: type assertion on a handled value
async function validSatisfies(id: string) {
  (await fetchUser(id)) satisfies User;
}

// valid: awaited new Promise
async function validAwaitNewPromise() {
  await new Promise<void>((resolve) => setTimeout(resolve, 1));
}

// valid: for await over promises
async function validForAwait() {
  for await (const user of users.map((u) => fetchUser(u.id))) log(user.name);
}

// valid: returned from an arrow in a then callback
async function validReturnedInCallback(id: string) {
  await fetchUser(id).then((user) => saveUser(user));
}

// valid: a promise-valued property read inside an awaited expression
async function validAwaitedProperty(holder: { work: Promise<void> }) {
  await holder.work;
}

// Taken out of an array: promises made and stored elsewhere (Supabase Auth drops the ones it has just awaited).
const pendingInLock: Promise<void>[] = [];

// valid: splice of an array of promises already awaited
async function validSpliceAwaited() {
  const waitOn = [...pendingInLock];
  await Promise.all(waitOn);
  pendingInLock.splice(0, waitOn.length);
}

// valid: shift and pop of an array of promises
async function validShiftAndPop() {
  await pendingInLock[0];
  pendingInLock.shift();
  pendingInLock.pop();
}
