import { nursery } from "nursery";

interface GetOptions {
  retries?: number;
  signal?: AbortSignal;
}
declare function getJson(url: string, options?: GetOptions): Promise<unknown>;

export async function warm(urls: string[]) {
  await nursery(async (n) => {
    for (const url of urls) n.spawn((signal) => getJson(url, { retries: 2, signal }));
    await getJson("/health");
  });
}
