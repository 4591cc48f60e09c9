import { nursery } from "nursery";

export async function greet(user: User) {
  await nursery(async (n) => {
    n.spawn(() => audit(user).then(() => log("audited")));
    await saveUser(user);
  });
}
