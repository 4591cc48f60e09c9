// @options {"allowVoid": false}
export {};

async function invalidVoidWhenNotAllowed(user: User) {
  void audit(user);
//^^^ floating-promise
}

// valid: void of a non-promise is fine even with allowVoid off
async function validVoidOfValue() {
  void log("x");
}

// valid: awaited
async function validAwaited(user: User) {
  await audit(user);
}
