import { nursery } from "nursery";

export async function mark(users: User[]) {
  await nursery(async (n) => {
    for (const user of users) n.spawn(async () => {
      await saveUser({ ...user, name: user.name.toUpperCase() });
    });
    log("marking");
  });
}
