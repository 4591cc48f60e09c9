import { all } from "nursery";

declare function getUser(id: string, signal?: AbortSignal): Promise<User>;

export function loadAll(ids: readonly string[]): Promise<User[]> {
  return all(ids.map((id, index) => async (signal) => {
    const user = await getUser(id, signal);
    return { ...user, name: `${index}:${user.name}` };
  }));
}
