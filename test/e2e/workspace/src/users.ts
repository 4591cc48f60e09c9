// Nursery end-to-end fixture. The e2e suite (test/e2e/run.mjs) finds lines by their text, so keep the
// `// e2e:` markers; everything else may move. This file must stay free of TypeScript errors.

export interface User {
  id: string;
  name: string;
}

export async function fetchUser(id: string): Promise<User> {
  return { id, name: `user ${id}` };
}

export async function saveUser(user: User, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  console.log(`saved ${user.name}`);
}

// An orphaned promise inside an async function: "Run in a nursery" (or "Add await") applies here.
export async function loadProfile(id: string): Promise<string> {
  fetchUser(id); // e2e: floating
  const user = await fetchUser(id);
  return user.name;
}

// The suite types new floating calls below the marked line (apart from loadProfile, which the quick fix rewrites).
export async function audit(user: User): Promise<void> {
  await saveUser(user); // e2e: type after this line
}

// The caller's AbortSignal is dropped: saveUser could be cancelled but is not, and nobody awaits it.
export async function rename(user: User, name: string, signal: AbortSignal): Promise<void> {
  saveUser({ ...user, name }); // e2e: abort signal
  signal.throwIfAborted();
}

// forEach does not wait for async callbacks: their promises are orphaned.
export async function refreshAll(ids: string[]): Promise<void> {
  ids.forEach(async (id) => { // e2e: forEach async
    await saveUser(await fetchUser(id));
  });
}
