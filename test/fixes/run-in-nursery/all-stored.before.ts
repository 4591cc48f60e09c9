declare function getUser(id: string, signal?: AbortSignal): Promise<User>;
declare function getRoles(id: string): Promise<string[]>;

export async function profile(id: string) {
  const user = getUser(id);
  const roles = getRoles(id);
  const [u, r] = await Promise.all([user, roles]);
  log(u.name);
  return r.length;
}
