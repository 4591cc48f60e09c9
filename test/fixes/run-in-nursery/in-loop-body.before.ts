declare function getProfile(id: string): Promise<string>;
declare function getPosts(id: string): Promise<string[]>;

export async function pages(ids: string[]) {
  const out: string[] = [];
  for (const id of ids) {
    const profile = getProfile(id);
    const posts = getPosts(id);
    out.push(await profile);
    out.push(...(await posts));
  }
  return out;
}
