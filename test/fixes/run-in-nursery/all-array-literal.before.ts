declare function getUser(id: string, signal?: AbortSignal): Promise<User>;
declare function getRoles(id: string): Promise<string[]>;

export async function profile(id: string) {
  const [user, roles] = await Promise.all([getUser(id), getRoles(id)]);
  return `${user.name}: ${roles.join(", ")}`;
}
