// @unavailable: `Promise.allSettled` waits for every outcome
declare function getUser(id: string): Promise<User>;

export async function check(ids: string[]) {
  const results = await Promise.allSettled(ids.map((id) => getUser(id)));
  return results.filter((result) => result.status === "fulfilled").length;
}
