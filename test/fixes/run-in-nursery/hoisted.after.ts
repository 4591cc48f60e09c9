import { nursery } from "nursery";

declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function summary(id: string) {
  const [name, list] = await nursery(async (n) => {
    const profile = n.spawn(() => getProfile(id));
    const posts = n.spawn(() => getPosts(id));
    const name = await profile.result;
    const list = await posts.result;
    return [name, list] as const;
  });
  log(`${name}: ${list.length} posts`);
  return list.length;
}
