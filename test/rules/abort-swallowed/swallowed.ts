// Catch clauses that eat the cancellation of the caller's signal.
export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function report(error: unknown): void;
declare function fail(error: unknown): never;
declare function spawnTask(body: (signal: AbortSignal) => Promise<void>): void;

async function logged(url: string, signal: AbortSignal) {
  try {
    await fetch(url, { signal });
  } catch (error) {
//  ^^^^^ abort-swallowed
    report(error);
  }
}

async function noBinding(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch {
//  ^^^^^ abort-swallowed
    report("failed");
  }
}

async function empty(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (e) {}
//  ^^^^^ abort-swallowed
}

async function retryForever(url: string, signal: AbortSignal) {
  for (;;) {
    try {
      return await download(url, signal);
    } catch (error) {
//    ^^^^^ abort-swallowed
      report(error);
    }
  }
}

async function returnsFallback(url: string, signal: AbortSignal) {
  try {
    return await fetch(url, { signal });
  } catch {
//  ^^^^^ abort-swallowed
    return undefined;
  }
}

async function optionsSignal(url: string, options: { signal?: AbortSignal }) {
  try {
    await fetch(url, { signal: options.signal });
  } catch (error) {
//  ^^^^^ abort-swallowed
    report(error);
  }
}

async function destructured(url: string, { signal }: { signal: AbortSignal }) {
  try {
    const response = await fetch(url, { signal });
    return await response.text();
  } catch (error) {
//  ^^^^^ abort-swallowed
    return "";
  }
}

function taskSignal(urls: string[]) {
  for (const url of urls) {
    spawnTask(async (signal) => {
      try {
        await download(url, signal);
      } catch (error) {
//      ^^^^^ abort-swallowed
        report(error);
      }
    });
  }
}

async function awaitedLater(url: string, signal: AbortSignal) {
  try {
    const pending = download(url, signal);
    report("started");
    await Promise.all([pending, download(`${url}/2`, signal)]);
  } catch (error) {
//  ^^^^^ abort-swallowed
    report(error);
  }
}

async function nestedInCallback(urls: string[], signal: AbortSignal) {
  try {
    await Promise.all(urls.map((url) => download(url, signal)));
  } catch (error) {
//  ^^^^^ abort-swallowed
    report(error);
  }
}

const arrow = async (url: string, signal: AbortSignal) => {
  try {
    await download(url, signal);
  } catch (error) {
//  ^^^^^ abort-swallowed
    console.error(error);
  }
};

class Client {
  async get(url: string, signal: AbortSignal) {
    try {
      return await download(url, signal);
    } catch (reason) {
//    ^^^^^ abort-swallowed
      report(reason);
      return null;
    }
  }
}

async function otherCheck(url: string, signal: AbortSignal, other: AbortSignal) {
  // flagged: `abort()` is an action, not a test
  try {
    await download(url, signal);
  } catch (error) {
//  ^^^^^ abort-swallowed
    new AbortController().abort();
  }
}

// one way out leaves the error out of the result
async function errorReturnedOnOnePath(url: string, signal: AbortSignal) {
  try {
    return { data: await download(url, signal), error: null };
  } catch (error) {
//  ^^^^^ abort-swallowed
    if (error instanceof TypeError) return { data: null, error: null };
    return { data: null, error };
  }
}

// a result with the error, but another way out goes on with the loop
async function errorReturnedOrContinued(urls: string[], signal: AbortSignal) {
  for (const url of urls) {
    try {
      await download(url, signal);
    } catch (error) {
//    ^^^^^ abort-swallowed
      if (error instanceof TypeError) continue;
      return { error };
    }
  }
  return { error: null };
}

// A signal combining the caller's with the function's own timeout carries the caller's cancellation (libp2p's
// routing table).
async function combinedWithCallers(url: string, shutdown: AbortSignal) {
  const signal = AbortSignal.any([shutdown, AbortSignal.timeout(20_000)]);
  try {
    await download(url, signal);
  } catch {
//  ^^^^^ abort-swallowed
    report("offline");
  }
}

async function combinedWithOptionalOptions(url: string, options?: { signal?: AbortSignal }) {
  const timeout = AbortSignal.timeout(5_000);
  const signal = AbortSignal.any(options?.signal ? [timeout, options.signal] : [timeout]);
  try {
    return await download(url, signal);
  } catch {
//  ^^^^^ abort-swallowed
    return "";
  }
}
