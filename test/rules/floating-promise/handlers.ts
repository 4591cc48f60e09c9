// `.then` / `.catch` / `.finally` chains.
export {};

async function invalidThenWithoutRejectionHandler(id: string) {
  fetchUser(id).then((user) => log(user.name));
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ floating-promise
}

async function invalidFinallyAlone(id: string) {
  fetchUser(id).finally(() => log("done"));
//^^^ floating-promise
}

async function invalidCatchWithoutArgument(id: string) {
  fetchUser(id).catch();
//^^^ floating-promise
}

async function invalidCatchWithUndefined(id: string) {
  fetchUser(id).catch(undefined);
//^^^ floating-promise
}

async function invalidThenWithNullHandler(id: string) {
  fetchUser(id).then((user) => log(user.name), null);
//^^^ floating-promise
}

async function invalidThenWithUndefinedHandler(id: string) {
  fetchUser(id).then(saveUser, undefined);
//^^^ floating-promise
}

async function invalidThenThenChain(id: string) {
  fetchUser(id).then(saveUser).then(() => log("saved"));
//^^^ floating-promise
}

// valid: .catch with a handler
async function validCatch(id: string) {
  fetchUser(id).catch((error) => log(String(error)));
}

// valid: .then with a rejection handler
async function validThenWithRejectionHandler(id: string) {
  fetchUser(id).then(
    (user) => log(user.name),
    (error) => log(String(error)),
  );
}

// valid: .catch then .finally: the finally sees a handled chain
async function validCatchThenFinally(id: string) {
  fetchUser(id)
    .catch((error) => log(String(error)))
    .finally(() => log("done"));
}

// valid: a named handler function
function report(error: unknown): void {
  log(String(error));
}
async function validNamedHandler(id: string) {
  fetchUser(id).then(saveUser).catch(report);
}

// valid: optional chaining into catch with a handler
async function validOptionalCatch(user: User) {
  maybeSave(user)?.catch(report);
}

// The callee may handle the rejection of what it returns (TanStack Query's `cancel()`): its call is handled.
function ignore(): void {}
class Fetcher {
  private inflight: Promise<User> | undefined;

  cancel(): Promise<void> {
    const running = this.inflight;
    return running ? running.then(ignore).catch(ignore) : Promise.resolve();
  }

  settled = (): Promise<User | undefined> => fetchUser("me").then((user) => user, () => undefined);

  sometimesHandled(flag: boolean): Promise<unknown> {
    const running = fetchUser("me");
    return flag ? running.catch(ignore) : running;
  }

  async handledButAsync(): Promise<void> {
    log("before");
    return saveUser(await fetchUser("me")).catch(ignore);
  }

  // valid: every return of the callee ends in a rejection handler or is Promise.resolve()
  destroy(): void {
    this.cancel();
  }

  // valid: an arrow field whose body ends in `.then(f, h)`
  refresh(): void {
    this.settled();
  }

  invalidOneReturnUnhandled(): void {
    this.sometimesHandled(true);
//  ^^^ floating-promise
  }

  // An `async` callee rejects when its body throws, before any handler it returns.
  invalidAsyncCallee(): void {
    this.handledButAsync();
//  ^^^ floating-promise
  }
}

declare const remote: { cancel(): Promise<void> };
// Only a body tells: a declared signature says nothing about handlers.
function invalidDeclaredOnly() {
  remote.cancel();
//^^^ floating-promise
}

// A `pop` of the program's own is work like any other call: only the default library's arrays take out stored promises.
class Outbox {
  pop(): Promise<void> {
    return saveUser({ id: "next", name: "next" } as User);
  }
}
function invalidOwnPop(outbox: Outbox) {
  outbox.pop();
//^^^ floating-promise
}
