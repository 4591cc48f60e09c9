import { nursery } from "nursery";

declare function getUser(id: string, signal?: AbortSignal): Promise<User>;
declare function getRoles(id: string): Promise<string[]>;

export async function profile(id: string) {
  const [user, roles] = await nursery((n) => Promise.all([n.spawn((signal) => getUser(id, signal)).result, n.spawn(() => getRoles(id)).result]));
  return `${user.name}: ${roles.join(", ")}`;
}
