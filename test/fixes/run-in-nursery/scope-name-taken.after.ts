import { nursery } from "nursery";

export async function count(users: User[]) {
  const n = users.length;
  await nursery(async (n2) => {
    n2.spawn(() => audit(users[0]!));
    log(`${n} users`);
    await saveUser(users[0]!);
  });
}
