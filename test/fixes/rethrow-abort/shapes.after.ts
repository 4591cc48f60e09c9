export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function report(error: unknown): void;

export async function bound(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (reason) {
    if (signal.aborted) throw reason;
    report(reason);
  }
}

export async function unbound(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    report("failed");
  }
}

export async function empty(url: string, signal: AbortSignal) {
    try {
        await download(url, signal);
    } catch (e) {
        if (signal.aborted) throw e;
    }
}

export async function oneLine(url: string, signal: AbortSignal) {
  try { await download(url, signal); } catch (e) { if (signal.aborted) throw e; report(e); }
}

export async function comment(url: string, signal?: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) { // best effort
    if (signal?.aborted) throw error;
    // nothing to do
  }
}

export async function nameTaken(url: string, options: { signal: AbortSignal }) {
  try {
    await fetch(url, { signal: options.signal });
  } catch (err) {
    if (options.signal.aborted) throw err;
    const error = "failed";
    report(error);
  }
}
