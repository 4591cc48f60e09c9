// @unavailable: `continue` would jump out
declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function skipEmpty(ids: string[]) {
  for (const id of ids) {
    const profile = getProfile(id);
    const posts = getPosts(id);
    log(await profile);
    if (id === "") {
      log((await posts).join());
      continue;
    }
    log(String((await posts).length));
  }
}
