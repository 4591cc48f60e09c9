import { nursery } from "nursery";

export async function index(users: User[]) {
  await nursery(async (n) => {
    for (const user of users) n.spawn(async () => {
      await audit(user);
    });
    log("indexing");
  });
}
