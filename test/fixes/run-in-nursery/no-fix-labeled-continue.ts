// @unavailable: `continue outer` would jump out
declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function scan(groups: string[][]) {
  outer: for (const ids of groups) {
    for (const id of ids) {
      const profile = getProfile(id);
      const posts = getPosts(id);
      log(await profile);
      if (id === "") {
        log((await posts).join());
        continue outer;
      }
      log(String((await posts).length));
    }
  }
}
