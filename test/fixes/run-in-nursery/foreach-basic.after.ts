import { nursery } from "nursery";

export async function saveAll(users: User[]) {
  await nursery(async (n) => {
    for (const user of users) n.spawn(async () => {
      await saveUser(user);
    });
    log("saving");
  });
}
