declare function load(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function loadOrFail(url: string) {
  return await Promise.race([
    load(url),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), 5_000)),
  ]);
}
