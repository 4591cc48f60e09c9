export {};

const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));

// `Promise.any` ignores the timer's rejection: the timer never wins, so a deadline would change the outcome.
export async function first(url: string) {
  return Promise.any([fetch(url), timeout(100)]);
}
