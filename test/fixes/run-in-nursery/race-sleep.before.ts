declare function load(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function loadOrNothing(url: string) {
  const result = await Promise.race([load(url), new Promise<void>((resolve) => setTimeout(resolve, 1_000))]);
  return result ?? "";
}
