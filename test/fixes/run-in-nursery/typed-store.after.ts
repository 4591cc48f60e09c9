import { nursery } from "nursery";

declare function getProfile(id: string): Promise<string>;

export async function show(id: string) {
  await nursery(async (n) => {
    const first = n.spawn(() => fetchUser(id));
    const profile = n.spawn(() => getProfile(id));
    log((await first.result).name);
    log(await profile.result);
  });
}
