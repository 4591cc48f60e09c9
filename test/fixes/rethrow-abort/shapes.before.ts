export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function report(error: unknown): void;

export async function bound(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (reason) {
    report(reason);
  }
}

export async function unbound(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch {
    report("failed");
  }
}

export async function empty(url: string, signal: AbortSignal) {
    try {
        await download(url, signal);
    } catch (e) {}
}

export async function oneLine(url: string, signal: AbortSignal) {
  try { await download(url, signal); } catch (e) { report(e); }
}

export async function comment(url: string, signal?: AbortSignal) {
  try {
    await download(url, signal);
  } catch { // best effort
    // nothing to do
  }
}

export async function nameTaken(url: string, options: { signal: AbortSignal }) {
  try {
    await fetch(url, { signal: options.signal });
  } catch {
    const error = "failed";
    report(error);
  }
}
