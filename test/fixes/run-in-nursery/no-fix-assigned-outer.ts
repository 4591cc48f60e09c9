// @unavailable: is assigned in the region and read after it
declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function page(id: string) {
  let name: string | undefined;
  const profile = getProfile(id);
  const posts = getPosts(id);
  name = await profile;
  log((await posts).join());
  return name.toUpperCase();
}
