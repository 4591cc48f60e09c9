import { nursery } from "nursery";

export const archive = async (user: User) => {
  await nursery(async (n) => {
    n.spawn(() => audit(user));
    await saveUser({ ...user, name: `${user.name} (archived)` });
  });
};
