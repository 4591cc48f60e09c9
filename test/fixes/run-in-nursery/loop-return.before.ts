declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function firstName(ids: string[]) {
  for (const id of ids) {
    const profile = getProfile(id);
    const posts = getPosts(id);
    const name = await profile;
    if (name !== "") return name;
    log((await posts).join());
  }
  return "";
}
