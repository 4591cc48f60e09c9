interface GetOptions {
  retries?: number;
  signal?: AbortSignal;
}
declare function getJson(url: string, options?: GetOptions): Promise<unknown>;

export async function warm(urls: string[]) {
  for (const url of urls) getJson(url, { retries: 2 });
  await getJson("/health");
}
