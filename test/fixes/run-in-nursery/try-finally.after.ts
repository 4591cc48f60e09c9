import { nursery } from "nursery";

export async function guarded(user: User) {
  await nursery(async (n) => {
    try {
      n.spawn(() => audit(user));
      await saveUser(user);
    } finally {
      log("done");
    }
  });
}
