// @unavailable: `var total` is declared in the region and used outside it
declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function count(id: string) {
  const profile = getProfile(id);
  const posts = getPosts(id);
  log(await profile);
  var total = (await posts).length;
  log("counted");
  return total;
}
