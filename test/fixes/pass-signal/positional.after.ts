export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function poll(url: string, intervalMs?: number, signal?: AbortSignal): Promise<void>;
declare function ask(settings: { prompt: string; abortSignal?: AbortSignal }): Promise<string>;

async function one(url: string, signal: AbortSignal) {
  return download(url, signal);
}

async function skipped(url: string, signal: AbortSignal) {
  await poll(url, undefined, signal);
}

async function multiline(signal: AbortSignal) {
  await download(
    "https://example.com/a-long-address",
    signal,
  );
}

async function renamed(prompt: string, cancel: AbortSignal) {
  return ask({ prompt, abortSignal: cancel });
}

async function controller(url: string) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 1_000);
  return download(url, controller.signal);
}

async function fromOptions(url: string, options: { signal?: AbortSignal } = {}) {
  return download(url, options.signal);
}

async function fromOptionalOptions(url: string, options?: { signal?: AbortSignal }) {
  return fetch(url, { signal: options?.signal });
}
