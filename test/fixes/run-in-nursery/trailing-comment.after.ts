import { nursery } from "nursery";

export async function save(user: User) {
  // Audit first: it may take a while.
  await nursery(async (n) => {
    n.spawn(() => audit(user)); // not awaited on purpose?
    await saveUser(user); // the real work
  });
}
