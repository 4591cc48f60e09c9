import { nursery } from "nursery";

export async function auditAll(users: User[]) {
  await nursery(async (n) => {
    for (const user of users) n.spawn(async () => audit(user));
    await saveUser(users[0]!);
  });
}
