import { nursery } from "nursery";

declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function pages(ids: string[]) {
  const out: string[] = [];
  for (const id of ids) {
    await nursery(async (n) => {
      const profile = n.spawn(() => getProfile(id));
      const posts = n.spawn(() => getPosts(id));
      out.push(await profile.result);
      out.push(...(await posts.result));
    });
  }
  return out;
}
