import { race, sleep } from "nursery";

declare function load(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function loadOrFail(url: string) {
  return await race([
    (signal) => load(url, { signal }),
    async (signal) => {
      await sleep(5_000, signal);
      throw new Error("timed out");
    },
  ]);
}
