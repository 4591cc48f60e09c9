import { nursery } from "nursery";

declare function getUser(id: string, signal?: AbortSignal): Promise<User>;
declare function getRoles(id: string): Promise<string[]>;

export async function profile(id: string) {
  const [u, r] = await nursery(async (n) => {
    const user = n.spawn((signal) => getUser(id, signal));
    const roles = n.spawn(() => getRoles(id));
    const [u, r] = await Promise.all([user.result, roles.result]);
    return [u, r] as const;
  });
  log(u.name);
  return r.length;
}
