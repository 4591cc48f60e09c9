declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function skipEmpty(ids: string[]) {
  for (const id of ids) {
    const profile = getProfile(id);
    const posts = getPosts(id);
    const name = await profile;
    const list = await posts;
    if (list.length === 0) continue;
    log(`${name}: ${list.join()}`);
  }
}
