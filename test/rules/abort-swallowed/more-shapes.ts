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

// valid: inside a promise's executor, the caught error goes to its `reject` and the code leaves: a rejection, as a
// rethrow would be
declare function wait(ms: number, options: { signal: AbortSignal }): Promise<void>;
function validRejectsFromExecutor(delays: number[], signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const attempt = async (count: number) => {
      try {
        await wait(delays[count] ?? 0, { signal });
      } catch (err) {
        reject(err);
        return;
      }
      if (count < delays.length) void attempt(count + 1);
      else resolve();
    };
    void attempt(0);
  });
}
// valid: `return reject(error)`, the same in one statement
function validReturnsRejection(url: string, signal: AbortSignal) {
  return new Promise<string>((resolve, reject) => {
    void (async () => {
      try {
        resolve(await download(url, signal));
      } catch (error) {
        return reject(error);
      }
    })();
  });
}

// a `reject` that is not the executor's, or one that drops the error and goes on, still swallows it
function invalidRejectGoesOn(url: string, signal: AbortSignal, reject: (error: unknown) => void) {
  return new Promise<void>((resolve, fail) => {
    void (async () => {
      for (;;) {
        try {
          await download(url, signal);
          return resolve();
        } catch (err) {
//        ^^^^^ abort-swallowed
          reject(err);
          return;
        }
      }
    })();
    void fail;
  });
}
async function invalidRejectAndRetry(url: string, signal: AbortSignal) {
  await new Promise<void>((resolve, reject) => {
    const attempt = async () => {
      try {
        await download(url, signal);
        resolve();
      } catch (err) {
//      ^^^^^ abort-swallowed
        report(err);
        void attempt();
        return;
      }
    };
    void attempt();
    void reject;
  });
}
