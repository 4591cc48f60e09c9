import { nursery } from "nursery";

export async function finish(user: User) {
  await saveUser(user);
  await nursery(async (n) => {
    n.spawn(() => audit(user));
  });
}
