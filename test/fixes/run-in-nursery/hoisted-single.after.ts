import { nursery } from "nursery";

declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function titles(id: string) {
  const list = await nursery(async (n) => {
    const profile = n.spawn(() => getProfile(id));
    const posts = n.spawn(() => getPosts(id));
    log(await profile.result);
    const list = await posts.result;
    return list;
  });
  log("fetched");
  return list.map((title) => title.toUpperCase());
}
