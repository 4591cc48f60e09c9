export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function poll(url: string, intervalMs?: number, signal?: AbortSignal): Promise<void>;
declare function ask(settings: { prompt: string; abortSignal?: AbortSignal }): Promise<string>;

async function one(url: string, signal: AbortSignal) {
  return download(url);
}

async function skipped(url: string, signal: AbortSignal) {
  await poll(url);
}

async function multiline(signal: AbortSignal) {
  await download(
    "https://example.com/a-long-address",
  );
}

async function renamed(prompt: string, cancel: AbortSignal) {
  return ask({ prompt });
}

async function controller(url: string) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 1_000);
  return download(url);
}

async function fromOptions(url: string, options: { signal?: AbortSignal } = {}) {
  return download(url);
}

async function fromOptionalOptions(url: string, options?: { signal?: AbortSignal }) {
  return fetch(url);
}
