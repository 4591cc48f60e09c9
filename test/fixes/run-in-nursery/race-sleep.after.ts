import { race, sleep } from "nursery";

declare function load(url: string, options?: { signal?: AbortSignal }): Promise<string>;

export async function loadOrNothing(url: string) {
  const result = await race<string | void>([(signal) => load(url, { signal }), (signal) => sleep(1_000, signal)]);
  return result ?? "";
}
