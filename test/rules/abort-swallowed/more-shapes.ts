// More shapes of a swallowed cancellation.
import { once, type EventEmitter } from "events";
export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function lines(url: string, signal: AbortSignal): AsyncIterable<string>;
declare function report(error: unknown): void;

async function pollLoop(url: string, signal: AbortSignal) {
  while (true) {
    try {
      await download(url, signal);
    } catch (error) {
//    ^^^^^ abort-swallowed
      continue;
    }
  }
}

async function forAwait(url: string, signal: AbortSignal) {
  try {
    for await (const line of lines(url, signal)) report(line);
  } catch (error) {
//  ^^^^^ abort-swallowed
    report(error);
  }
}

async function thenChain(url: string, signal: AbortSignal) {
  try {
    return await fetch(url, { signal }).then((response) => response.json());
  } catch {
//  ^^^^^ abort-swallowed
    return null;
  }
}

async function optional(url: string, signal?: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
//  ^^^^^ abort-swallowed
    report(error);
  }
}

async function commentOnly(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch {
//  ^^^^^ abort-swallowed
    // best effort
  }
}

async function nodeOnce(emitter: EventEmitter, signal: AbortSignal) {
  try {
    await once(emitter, "ready", { signal });
  } catch (error) {
//  ^^^^^ abort-swallowed
    report(error);
  }
}

async function secondAwait(url: string, signal: AbortSignal) {
  try {
    await download(url);
    await download(url, signal);
  } catch (error) {
//  ^^^^^ abort-swallowed
    report(error);
  }
}

async function innerSwallows(url: string, signal: AbortSignal) {
  try {
    try {
      await download(url, signal);
    } catch (error) {
//    ^^^^^ abort-swallowed
      report(error);
    }
    await download(`${url}/next`);
  } catch (error) {
    throw error;
  }
}

// valid: a different error is thrown after the test (ordering does not matter)
async function validTestThenReport(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (error) {
    report(error);
    if (signal.aborted) throw error;
  }
}

// valid: for-await without a signal
async function validForAwaitNoSignal(source: AsyncIterable<string>, signal: AbortSignal) {
  try {
    for await (const line of source) report(line);
  } catch (error) {
    report(error);
  }
}

// valid: the signal is module-level, not a caller's
const shutdown = new AbortController();
async function validModuleSignal(url: string) {
  try {
    await download(url, shutdown.signal);
  } catch (error) {
    report(error);
  }
}
