import { sleep, nursery } from "nursery";

export async function poll(user: User) {
  await nursery(async (n) => {
    n.spawn(() => audit(user));
    await sleep(100);
    await saveUser(user);
  });
}
