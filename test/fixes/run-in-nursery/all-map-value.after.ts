import { nursery } from "nursery";

declare function getUser(id: string, signal?: AbortSignal): Promise<User>;

export async function names(ids: string[]) {
  const users = await nursery((n) => Promise.all(ids.map((id) => n.spawn((signal) => getUser(id, signal)).result)));
  return users.map((user) => user.name);
}
