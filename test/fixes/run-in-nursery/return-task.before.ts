declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function posts(id: string) {
  const profile = getProfile(id);
  const list = getPosts(id);
  log(await profile);
  return list;
}
