declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string, signal?: AbortSignal): Promise<string[]>;

export async function page(id: string) {
  const profile = getProfile(id);
  const posts = getPosts(id);
  log(await profile);
  log((await posts).join("\n"));
}
