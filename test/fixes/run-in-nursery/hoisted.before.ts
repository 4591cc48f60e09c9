declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function summary(id: string) {
  const profile = getProfile(id);
  const posts = getPosts(id);
  const name = await profile;
  const list = await posts;
  log(`${name}: ${list.length} posts`);
  return list.length;
}
