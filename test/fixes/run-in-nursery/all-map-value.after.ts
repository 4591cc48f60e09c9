import { all } from "nursery";

declare function getUser(id: string, signal?: AbortSignal): Promise<User>;

export async function names(ids: string[]) {
  const users = await all(ids.map((id) => (signal) => getUser(id, signal)));
  return users.map((user) => user.name);
}
