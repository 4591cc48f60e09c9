// @unavailable: `break` would jump out
declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function untilLast(ids: string[]) {
  for (const id of ids) {
    const profile = getProfile(id);
    const posts = getPosts(id);
    log(await profile);
    if (id === "last") {
      log((await posts).join());
      break;
    }
    log(String((await posts).length));
  }
}
