export {};

const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));

// Two operations race the timer: one timeout signal cannot stand in for the race.
export async function mirrors(url: string) {
  return Promise.race([fetch(url), fetch(`${url}?mirror`), timeout(100)]);
}
