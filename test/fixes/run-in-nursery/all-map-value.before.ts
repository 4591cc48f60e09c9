declare function getUser(id: string, signal?: AbortSignal): Promise<User>;

export async function names(ids: string[]) {
  const users = await Promise.all(ids.map((id) => getUser(id)));
  return users.map((user) => user.name);
}
