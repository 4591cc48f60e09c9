import { nursery } from "nursery";

export async function touch(user: User) {
  await nursery(async (n) => {
    const auditing = n.spawn(() => audit(user));
    await saveUser(user);
  });
}
