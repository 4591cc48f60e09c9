export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function search(query: string, options?: { limit?: number; cancelSignal?: AbortSignal }): Promise<string[]>;

const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));

export async function getJson(url: string) {
  const response = await Promise.race([fetch(url), timeout(5_000)]);
  return response.json();
}

export async function text(url: string) {
  return Promise.race([
    download(url),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("slow")), 1_000)),
  ]);
}

export async function find(query: string) {
  return Promise.race([search(query, { limit: 10 }), timeout(500)]);
}

export async function timerFirst(url: string) {
  return Promise.race([timeout(250), fetch(url, { method: "HEAD" })]);
}
