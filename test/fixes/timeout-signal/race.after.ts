export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function search(query: string, options?: { limit?: number; cancelSignal?: AbortSignal }): Promise<string[]>;

const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));

export async function getJson(url: string) {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return response.json();
}

export async function text(url: string) {
  return download(url, AbortSignal.timeout(1_000));
}

export async function find(query: string) {
  return search(query, { limit: 10, cancelSignal: AbortSignal.timeout(500) });
}

export async function timerFirst(url: string) {
  return fetch(url, { method: "HEAD", signal: AbortSignal.timeout(250) });
}
