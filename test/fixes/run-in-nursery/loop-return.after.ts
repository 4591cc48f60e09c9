import { nursery } from "nursery";

declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function firstName(ids: string[]) {
  return await nursery(async (n) => {
    for (const id of ids) {
      const profile = getProfile(id);
      const posts = n.spawn(() => getPosts(id));
      const name = await profile;
      if (name !== "") return name;
      log((await posts.result).join());
    }
    return "";
  });
}
