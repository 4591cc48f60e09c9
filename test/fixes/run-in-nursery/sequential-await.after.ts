import { nursery } from "nursery";

declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string, signal?: AbortSignal): Promise<string[]>;

export async function page(id: string) {
  await nursery(async (n) => {
    const profile = n.spawn(() => getProfile(id));
    const posts = n.spawn((signal) => getPosts(id, signal));
    log(await profile.result);
    log((await posts.result).join("\n"));
  });
}
