// Catch clauses that let the cancellation through, or that have none to let through.
export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function report(error: unknown): void;
declare function fail(error: unknown): never;
declare function isCancelled(error: unknown): boolean;
declare class CancelledError extends Error {}

// valid: rethrows
async function validRethrow(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    report(error);
    throw error;
  }
}

// valid: wraps in another error (the code does not go on)
async function validWrap(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    throw new Error("download failed", { cause: error });
  }
}

// valid: tests signal.aborted
async function validAbortedTest(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    if (signal.aborted) return;
    report(error);
  }
}

// valid: throwIfAborted
async function validThrowIfAborted(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    signal.throwIfAborted();
    report(error);
  }
}

// valid: AbortError by name
async function validAbortErrorName(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    if (error instanceof Error && error.name === "AbortError") return;
    report(error);
  }
}

// valid: the runtime's isCancelled
async function validIsCancelled(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    if (isCancelled(error)) return;
    report(error);
  }
}

// valid: instanceof a cancellation error class
async function validInstanceof(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    if (error instanceof CancelledError) return;
    report(error);
  }
}

// valid: a never-returning call
async function validNever(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    fail(error);
  }
}

// valid: the loop stops on cancellation
async function validLoopCondition(url: string, signal: AbortSignal) {
  while (!signal.aborted) {
    try {
      await download(url, signal);
    } catch (error) {
      report(error);
    }
  }
}

// valid: checked right after the try
async function validCheckedAfter(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    report(error);
  }
  signal.throwIfAborted();
}

// valid: no signal reaches the awaited operation
async function validNoSignal(url: string, signal: AbortSignal) {
  try {
    await download(url);
  } catch (error) {
    report(error);
  }
}

// valid: a timeout the function chose itself; swallowing it is a fallback
async function validOwnTimeout(url: string) {
  try {
    return await download(url, AbortSignal.timeout(1_000));
  } catch {
    return "";
  }
}

// valid: the function's own controller, aborted on purpose
async function validOwnController(url: string) {
  const controller = new AbortController();
  try {
    return await download(url, controller.signal);
  } catch {
    return "";
  }
}

// valid: the signal is passed to an operation that is not awaited inside the try
async function validNotAwaited(url: string, signal: AbortSignal) {
  try {
    void download(url, signal);
  } catch (error) {
    report(error);
  }
}

// valid: a nested try handles it (and rethrows)
async function validNested(url: string, signal: AbortSignal) {
  try {
    try {
      await download(url, signal);
    } catch (error) {
      throw error;
    }
  } catch (error) {
    if (signal.aborted) throw error;
  }
}

// valid: the operation runs in a callback the try does not await
async function validCallback(url: string, signal: AbortSignal) {
  try {
    setTimeout(async () => {
      await download(url, signal);
    }, 10);
  } catch (error) {
    report(error);
  }
}

// valid: the catch sleeps with the signal, which throws once it aborted
async function validBackoff(url: string, signal: AbortSignal, sleep: (ms: number, signal: AbortSignal) => Promise<void>) {
  for (;;) {
    try {
      return await download(url, signal);
    } catch {
      await sleep(1_000, signal);
    }
  }
}

// valid: finally only, no catch
async function validFinallyOnly(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } finally {
    report("done");
  }
}

// valid: the reason is inspected
async function validReason(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    if (error === signal.reason) throw error;
  }
}

// valid: the error-as-value style: every way out returns a result built from the error, and the caller sees a failure
declare class RequestError extends Error {
  constructor(message: string, cause: unknown);
}
async function errorReturnedAsValue(url: string, signal: AbortSignal) {
  try {
    return { data: await download(url, signal), error: null };
  } catch (error) {
    if (error instanceof RequestError) return { data: null, error };
    return { data: null, error: new RequestError("request failed", error) };
  }
}

// valid: a combination of the function's own signals only
async function validOwnSignalsCombined(url: string) {
  const controller = new AbortController();
  const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(1_000)]);
  try {
    return await download(url, signal);
  } catch {
    return "";
  }
}

// valid: the caller's signal is combined, and the catch rethrows once it has aborted
async function validCombinedAndRethrown(url: string, shutdown: AbortSignal) {
  const signal = AbortSignal.any([shutdown, AbortSignal.timeout(20_000)]);
  try {
    return await download(url, signal);
  } catch (error) {
    if (shutdown.aborted) throw error;
    return "";
  }
}
