import { nursery } from "nursery";

export async function maybeSave(user: User, keep: boolean) {
  await nursery(async (n) => {
    const saving = n.spawn(() => saveUser(user));
    if (keep) {
      await saving.result;
    }
    log("done");
  });
}
