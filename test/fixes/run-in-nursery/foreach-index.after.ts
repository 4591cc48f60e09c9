import { nursery } from "nursery";

export async function rank(users: User[]) {
  await nursery(async (n) => {
    for (const [position, user] of users.entries()) n.spawn(async () => {
      await saveUser({ ...user, name: `${position}. ${user.name}` });
    });
  });
}
