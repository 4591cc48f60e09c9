declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function titles(id: string) {
  const profile = getProfile(id);
  const posts = getPosts(id);
  log(await profile);
  const list = await posts;
  log("fetched");
  return list.map((title) => title.toUpperCase());
}
