export {};

// The timer resolves: on timeout the race succeeds with `undefined`, which an aborted fetch would not.
export async function maybe(url: string) {
  return Promise.race([fetch(url), new Promise<undefined>((resolve) => setTimeout(resolve, 100))]);
}
