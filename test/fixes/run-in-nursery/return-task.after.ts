import { nursery } from "nursery";

declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function posts(id: string) {
  return await nursery(async (n) => {
    const profile = n.spawn(() => getProfile(id));
    const list = n.spawn(() => getPosts(id));
    log(await profile.result);
    return list.result;
  });
}
