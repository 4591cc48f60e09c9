// @options {"sequentialAwaitTrap": "never"}
// Paths from the store to the exit: early return, throw, branches, switch, loops, try/finally, short-circuits.
export {};

declare function get(url: string): Promise<string>;
declare function check(id: string): Promise<boolean>;
declare const target: { consume(p: Promise<unknown>): void } | undefined;
declare const cached: string | undefined;
declare const kind: number;

async function invalidNoUse() {
  const a = get("/a");
  const b = get("/b");
  //    ^ unawaited-task
  return await a;
}

async function invalidEarlyReturn(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (!id) return;
  log((await user).name);
}

async function invalidThrowBeforeAwait(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (id.length > 10) throw new Error("id too long");
  await user;
}

async function invalidAwaitedInOneBranch(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (flag) {
    await user;
  } else {
    log("skipped");
  }
}

async function invalidSwitchBreak(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  switch (kind) {
    case 1:
      await user;
      break;
    case 2:
      log("two");
      break;
  }
}

async function invalidSwitchWithoutDefault(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  switch (kind) {
    case 1:
    case 2:
      await user;
  }
}

async function invalidAwaitOnlyInLoop(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  for (const other of users) {
    if (other.id === id) log((await user).name);
  }
}

async function invalidContinueSkipsAwait() {
  for (const user of users) {
    const saved = saveUser(user);
    //    ^^^^^ unawaited-task
    if (!user.name) continue;
    await saved;
  }
}

async function invalidBreakSkipsAwait() {
  while (true) {
    const next = get("/next");
    //    ^^^^ unawaited-task
    if (flag) break;
    await next;
  }
}

async function invalidThrowInTryCaughtThenReturn(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  try {
    if (!id) throw new Error("no id");
  } catch {
    return;
  }
  await user;
}

async function invalidAwaitBehindAnd(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  flag && (await user);
}

async function invalidAwaitBehindNullish(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  const name = cached ?? (await user).name;
  log(name);
}

async function invalidAwaitInOneArm(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  const name = flag ? (await user).name : "anonymous";
  log(name);
}

async function invalidLabelledBreak(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  block: {
    if (flag) break block;
    await user;
  }
}

async function invalidFinallyDoesNotAwait(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  try {
    if (!id) return;
  } finally {
    log("done");
  }
  await user;
}

async function invalidOptionalConsumer(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  target?.consume(user);
}

async function invalidOnlyTested(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (user) log("started");
}

async function invalidOnlyPrinted(id: string) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  log(`loading ${user}`);
}

async function invalidDoWhileBreakFirst() {
  do {
    const next = get("/next");
    //    ^^^^ unawaited-task
    if (flag) break;
    await next;
  } while (flag);
}

// valid: awaited right away on the only path
async function validAwaited(id: string) {
  const user = fetchUser(id);
  log((await user).name);
}

// valid: returned
async function validReturned(id: string) {
  const user = fetchUser(id);
  return user;
}

// valid: awaited in both branches
async function validBothBranches(id: string) {
  const user = fetchUser(id);
  if (flag) {
    await user;
  } else {
    log((await user).name);
  }
}

// valid: the early return comes before the store
async function validReturnBeforeStore(id: string) {
  if (!id) return;
  const user = fetchUser(id);
  await user;
}

// valid: switch with a default: every case awaits (the first falls through)
async function validSwitchEveryCase(id: string) {
  const user = fetchUser(id);
  switch (kind) {
    case 1:
      log("one");
    case 2:
      await user;
      break;
    default:
      await user;
  }
}

// valid: while (true) leaves only through the break after the await
async function validEndlessLoopWithBreak() {
  while (true) {
    const next = get("/next");
    const value = await next;
    if (value) break;
  }
}

// valid: do-while runs its body at least once
async function validDoWhile(id: string) {
  const user = fetchUser(id);
  do {
    await user;
  } while (flag);
}

// valid: finally awaits it on every way out
async function validFinallyAwaits(id: string) {
  const user = fetchUser(id);
  try {
    if (!id) return;
    log("working");
  } finally {
    await user;
  }
}

// valid: calls are not assumed to throw, so the catch is not a path
async function validCatchUnreachable(id: string) {
  const user = fetchUser(id);
  try {
    log("working");
  } catch {
    return;
  }
  await user;
}

// valid: a condition branches per operand: the then-branch is reached only after the await
async function validConditionShortCircuit(id: string) {
  const user = fetchUser(id);
  if (flag && (await user).name) return;
  if (!flag) await user;
  else await user;
}

// valid: both arms of ?: await it
async function validBothArms(id: string) {
  const user = fetchUser(id);
  const name = flag ? (await user).name : (await user).id;
  log(name);
}

// valid: the throw happens before the store
async function validThrowBeforeStore(id: string) {
  if (!id) throw new Error("no id");
  const user = fetchUser(id);
  await user;
}

// valid: labelled continue after the await
async function validLabelledContinue() {
  outer: for (const user of users) {
    for (const other of users) {
      const saved = saveUser(other);
      await saved;
      if (other.id === user.id) continue outer;
    }
  }
}

// valid: code after return is unreachable
async function validUnreachable(id: string) {
  return;
  const user = fetchUser(id);
}

// valid: check() is awaited in the condition before either branch
async function validAwaitInCondition(id: string) {
  const ok = check(id);
  if (await ok) return "yes";
  return "no";
}
