import { nursery } from "nursery";

export async function update(user: User, notify: boolean) {
  await nursery(async (n) => {
    if (notify) {
      n.spawn(() => audit(user));
    }
    await saveUser(user);
  });
}
