declare function getUser(id: string, signal?: AbortSignal): Promise<User>;

export function loadAll(ids: readonly string[]): Promise<User[]> {
  return Promise.all(ids.map(async (id, index) => {
    const user = await getUser(id);
    return { ...user, name: `${index}:${user.name}` };
  }));
}
