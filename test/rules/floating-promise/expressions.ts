// Expression shapes in statement position.
export {};

async function invalidConditional(user: User) {
  flag ? audit(user) : log("skipped");
//^^^ floating-promise
}

async function invalidConditionalOtherBranch(user: User) {
  flag ? log("skipped") : saveUser(user);
//^^^ floating-promise
}

async function invalidLogicalAnd(user: User) {
  flag && audit(user);
//^^^ floating-promise
}

async function invalidLogicalOr(user: User) {
  flag || audit(user);
//^^^ floating-promise
}

async function invalidNullishCoalescing(user: User) {
  maybeSave(user) ?? audit(user);
//^^^ floating-promise
}

async function invalidComma(user: User) {
  (audit(user), log("audited"));
//^^^ floating-promise
}

async function invalidOptionalCall(user: User) {
  db.users?.insert(user);
//^^^ floating-promise
}

async function invalidAsyncIIFE() {
  (async () => {
//^^^ floating-promise
    await fetchUser("1");
  })();
}

async function invalidAsyncFunctionIIFE() {
  (async function () {
//^^^ floating-promise
    await fetchUser("1");
  })();
}

async function invalidArrayOfPromises() {
  users.map(async (user) => audit(user));
//^^^ floating-promise
}

async function invalidAwaitedArray() {
  await users.map((user) => saveUser(user));
//^^^ floating-promise
}

async function invalidTupleLiteral(user: User) {
  [audit(user), saveUser(user)];
//^^^ floating-promise
}

async function invalidParenthesized(user: User) {
  (audit(user));
//^^^ floating-promise
}

async function invalidNonNull(user: User) {
  maybeSave(user)!;
//^^^ floating-promise
}

// valid: conditional whose branches are both handled
async function validConditional(user: User) {
  flag ? await audit(user) : log("skipped");
}

// valid: logical expression that ends in a handled promise
async function validLogical(user: User) {
  flag && (await audit(user));
}

// valid: comma expression with no promise
async function validComma() {
  (log("a"), log("b"));
}

// valid: awaited array through Promise.all
async function validPromiseAll() {
  await Promise.all(users.map(async (user) => audit(user)));
}

// valid: forEach returns void (misused-promise's business)
async function validForEachStatement() {
  users.forEach((user) => log(user.name));
}

// valid: sync IIFE
async function validSyncIIFE() {
  (() => log("now"))();
}

// valid: awaited IIFE
async function validAwaitedIIFE() {
  await (async () => {
    await fetchUser("1");
  })();
}

// valid: array of plain values
async function validArrayOfValues() {
  users.map((user) => user.name);
}

// valid: voided optional call
async function validVoidOptional(user: User) {
  void db.users?.insert(user);
}
