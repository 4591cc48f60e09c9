// @options {"ignoreIIFE": true, "allowForKnownSafeCalls": [{"from": "file", "name": "it"}, "startJob"], "allowForKnownSafePromises": [{"from": "lib", "name": "PromiseLike"}]}
export {};

// valid: an allow-listed call (a test runner's `it`)
describe("users", () => {
  it("loads", async () => {
    await fetchUser("1");
  });
});

// valid: allow-listed by bare name
async function validSafeCallByName() {
  startJob();
}

// valid: allow-listed promise type from the default lib
async function validSafePromiseType() {
  loadConfig();
}

// valid: IIFE ignored by option
async function validIgnoredIIFE() {
  (async () => {
    await fetchUser("1");
  })();
}

// still invalid: other calls and other promise types
async function invalidOtherCall(user: User) {
  audit(user);
//^^^ floating-promise
}

async function invalidSpecifierFromOtherPlace() {
  query<User>("users");
//^^^ floating-promise
}
