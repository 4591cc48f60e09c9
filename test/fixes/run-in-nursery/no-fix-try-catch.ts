// @unavailable: inside `try…catch`
declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function page(id: string) {
  const profile = getProfile(id);
  const posts = getPosts(id);
  log(await profile);
  try {
    log((await posts).join());
  } catch {
    log("no posts");
  }
}
