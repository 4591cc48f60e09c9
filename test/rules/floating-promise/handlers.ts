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
