// @options {"sequentialAwaitTrap": "never"}
// Paths that a second test of the same constant rules out (TanStack Query's refetchQueries), and the ones it does not.
export {};

declare const noop: () => void;
declare const query: { fetch(): Promise<unknown>; paused: boolean };

function validHandledUnlessReturned(throwOnError: boolean): Promise<unknown> {
  let promise = query.fetch();
  const isPaused = query.paused;
  if (!throwOnError || isPaused) {
    promise = promise.catch(noop);
  }
  return isPaused ? Promise.resolve() : promise;
}

async function validAwaitedUnderEitherBranch(id: string) {
  const quick = id.length < 4;
  const user = fetchUser(id);
  if (quick) await user;
  log("between");
  if (!quick) await user;
}

async function validHandledWhereNotAwaited(id: string) {
  const cached = id === "";
  const user = fetchUser(id);
  if (cached) user.catch(noop);
  if (!cached) await user;
}

async function validParameterTestedTwice(id: string, force: boolean) {
  const user = fetchUser(id);
  if (force) await user;
  log("between");
  if (!force) await user;
}

async function invalidParameterAssigned(id: string, force: boolean) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (force) await user;
  force = id.length > 2;
  if (!force) await user;
}

async function invalidParameterAssignedByAClosure(id: string, force: boolean) {
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  const flip = () => {
    force = !force;
  };
  if (force) await user;
  await fetchUser("other").then(flip);
  if (!force) await user;
}

function invalidOuterParameterFlippedBetween(force: boolean) {
  const flip = () => {
    force = !force;
  };
  return async (id: string) => {
    const user = fetchUser(id);
    //    ^^^^ unawaited-task
    if (force) await user;
    flip();
    if (!force) await user;
  };
}

async function invalidFlagReassigned(id: string) {
  let quick = id.length < 4;
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (quick) await user;
  quick = !quick;
  if (!quick) await user;
}

async function invalidDifferentConstants(id: string) {
  const quick = id.length < 4;
  const slow = id.length > 8;
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (quick) await user;
  if (slow) await user;
}

async function invalidSameBranchTwice(id: string) {
  const quick = id.length < 4;
  const user = fetchUser(id);
  //    ^^^^ unawaited-task
  if (quick) log("quick");
  if (quick) await user;
}

async function validStoredAfterTheTest(ids: string[]) {
  for (const id of ids) {
    const last = id === "z";
    if (last) return;
    const user = fetchUser(id);
    if (!last) await user;
    else log(id);
  }
}

async function invalidConstOfEachIteration(ids: string[]) {
  let user: Promise<User> | undefined;
  for (const id of ids) {
    const last = id === "z";
    if (last) return;
    if (user) await user;
    user = fetchUser(id);
  //^^^^ unawaited-task
    if (!last) log(id);
  }
  await user;
}
