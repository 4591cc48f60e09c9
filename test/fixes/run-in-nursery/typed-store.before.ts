declare function getProfile(id: string): Promise<string>;

export async function show(id: string) {
  const first: Promise<User> = fetchUser(id);
  const profile = getProfile(id);
  log((await first).name);
  log(await profile);
}
