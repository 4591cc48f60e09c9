export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function report(error: unknown): void;

// The catch returns a fallback when the function's own timeout fires; only the caller's abort is rethrown.
export async function withDeadline(url: string, shutdown: AbortSignal) {
  const signal = AbortSignal.any([shutdown, AbortSignal.timeout(20_000)]);
  try {
    return await download(url, signal);
  } catch (error) {
    if (shutdown.aborted) throw error;
    report(error);
    return "";
  }
}

export async function withOptionalCaller(url: string, options?: { signal?: AbortSignal }) {
  const timeout = AbortSignal.timeout(5_000);
  const signal = AbortSignal.any(options?.signal ? [timeout, options.signal] : [timeout]);
  try {
    return await download(url, signal);
  } catch (error) {
    if (options?.signal?.aborted) throw error;
    return "";
  }
}
