// The strict preset (the runner's preset, no options): an `await` that may throw is one more way out.
export {};

declare function get(url: string): Promise<string>;
declare function pause(ms: number): Promise<void>;
declare function lines(): AsyncIterable<string>;

async function invalidSequentialAwaits() {
  const a = get("/a");
  const b = get("/b");
  //    ^ unawaited-task
  await a;
  await b;
}

async function invalidAwaitBetween() {
  const a = get("/a");
  //    ^ unawaited-task
  await pause(10);
  return await a;
}

async function invalidAwaitInInitializer(id: string) {
  const saving = saveUser({ id, name: "x" });
  //    ^^^^^^ unawaited-task
  const user = await fetchUser(id);
  await saving;
  return user;
}

async function invalidForAwait() {
  const a = get("/a");
  //    ^ unawaited-task
  for await (const line of lines()) log(line);
  await a;
}

// valid: awaited together
async function validTogether() {
  const a = get("/a");
  const b = get("/b");
  await Promise.all([a, b]);
}

// valid: allSettled
async function validAllSettled() {
  const a = get("/a");
  const b = get("/b");
  await Promise.allSettled([a, b]);
}

// valid: the first await is the promise itself
async function validSingle() {
  const a = get("/a");
  await a;
}

// valid: the catch that an earlier await can reach awaits it too
async function validCatchAwaits() {
  const a = get("/a");
  try {
    await pause(10);
  } catch (error) {
    await a;
    throw error;
  }
  await a;
}

// valid: awaits before the store do not matter
async function validAwaitBefore() {
  await pause(10);
  const a = get("/a");
  return a;
}
