import { nursery } from "nursery";

export async function load(id: string) {
  return await nursery(async (n) => {
    n.spawn(() => audit({ id, name: "" }));
    const user = await fetchUser(id);
    return user.name;
  });
}
