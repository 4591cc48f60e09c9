// Async functions that take a timeout number instead of an AbortSignal.
export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;

  async function withTimeout(url: string, timeout: number) {
//^^^^^ timeout-parameter
    return download(url, AbortSignal.timeout(timeout));
  }

  export async function exported(url: string, timeoutMs = 5_000) {
//^^^^^^ timeout-parameter
    return download(url, AbortSignal.timeout(timeoutMs));
  }

  async function withDeadline(url: string, deadline: number) {
//^^^^^ timeout-parameter
    return download(url, AbortSignal.timeout(deadline - Date.now()));
  }

  async function optionalTimeout(url: string, timeout?: number) {
//^^^^^ timeout-parameter
    return download(url, timeout === undefined ? undefined : AbortSignal.timeout(timeout));
  }

  async function camelCase(host: string, connectTimeout: number) {
//^^^^^ timeout-parameter
    return download(host, AbortSignal.timeout(connectTimeout));
  }

  async function readDeadline(host: string, readDeadlineMs: number) {
//^^^^^ timeout-parameter
    return download(host, AbortSignal.timeout(readDeadlineMs));
  }

  function promiseReturning(url: string, timeout: number): Promise<string> {
//^^^^^^^^ timeout-parameter
    return download(url, AbortSignal.timeout(timeout));
  }

  const arrow = async (url: string, timeout: number) => download(url, AbortSignal.timeout(timeout));
//              ^^^^^ timeout-parameter

  const expression = async function (url: string, timeout: number) {
//                   ^^^^^ timeout-parameter
    return download(url, AbortSignal.timeout(timeout));
  };

  class Client {
    async get(url: string, timeout: number) {
//  ^^^^^ timeout-parameter
      return download(url, AbortSignal.timeout(timeout));
    }

    static async head(url: string, timeoutSeconds: number) {
//  ^^^^^^ timeout-parameter
      return download(url, AbortSignal.timeout(timeoutSeconds * 1_000));
    }
  }

  async function destructuredOption(url: string, { timeout = 1_000 }: { timeout?: number } = {}) {
//^^^^^ timeout-parameter
    return download(url, AbortSignal.timeout(timeout));
  }

  async function msAsTimeout(url: string, ms: number) {
//^^^^^ timeout-parameter
    return download(url, AbortSignal.timeout(ms));
  }

  async function msRejectingTimer(url: string, ms: number) {
//^^^^^ timeout-parameter
    return Promise.race([
      download(url, AbortSignal.timeout(60_000)),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms)),
    ]);
  }

  async function delayAborts(url: string, delay: number) {
//^^^^^ timeout-parameter
    const controller = new AbortController();
    setTimeout(() => controller.abort(), delay);
    return download(url, controller.signal);
  }

  const handlers = {
    async load(url: string, timeout: number) {
//  ^^^^^ timeout-parameter
      return download(url, AbortSignal.timeout(timeout));
    },
  };

  async function timeoutInSeconds(url: string, timeoutS: number) {
//^^^^^ timeout-parameter
    return download(url, AbortSignal.timeout(timeoutS * 1_000));
  }

  async function unusedTimeout(url: string, timeout: number) {
//^^^^^ timeout-parameter
    return download(url);
  }

  async function* notFlaggedGenerator(timeout: number) {
    yield timeout;
  }

  async function bigintNot(url: string, timeout: number | undefined) {
//^^^^^ timeout-parameter
    return download(url, timeout ? AbortSignal.timeout(timeout) : undefined);
  }

  export default async function (url: string, timeout: number) {
//^^^^^^ timeout-parameter
    return download(url, AbortSignal.timeout(timeout));
  }

// options nested one level down that hold no signal give callers no way to cancel
  export async function nestedOptionsWithoutSignal(url: string, timeout: number, options: { retry: { count: number } }) {
//^^^^^^ timeout-parameter
    return download(url, AbortSignal.timeout(timeout * options.retry.count));
  }

// Timeouts that look like data but that the function (or the call it makes) waits on.
declare function get(url: string, options: { timeout?: number; signal?: AbortSignal }): Promise<string>;

// a request's options, which take a signal too: the call waits on the timeout
  async function timeoutInRequestOptions(url: string, timeout: number) {
//^^^^^ timeout-parameter
    return get(url, { timeout });
  }

// an object written without a declared type says nothing of what it is for
  async function timeoutInUntypedObject(url: string, timeout: number) {
//^^^^^ timeout-parameter
    const options = { timeout };
    return get(url, options);
  }

// kept on the instance, to be waited on later
  class Connection {
    private timeout = 0;
    async open(url: string, timeout: number) {
//  ^^^^^ timeout-parameter
      this.timeout = timeout;
      return download(url, AbortSignal.timeout(this.timeout));
    }
  }

// sent as data and used as a deadline here too
  async function sentAndAwaited(url: string, timeoutMs: number) {
//^^^^^ timeout-parameter
    const body: { timeout?: number } = {};
    body.timeout = timeoutMs;
    return download(url, AbortSignal.timeout(timeoutMs));
  }

// compared with the time elapsed: a deadline this function keeps
  async function comparedWithElapsed(url: string, timeout: number) {
//^^^^^ timeout-parameter
    const started = Date.now();
    const body = await download(url);
    if (Date.now() - started > timeout) throw new Error("too slow");
    return body;
  }

// A closure in a scope with a signal, which neither it nor what it calls observes, still hides its cancellation.
declare function createRetry(times: number): <T>(run: () => Promise<T>) => Promise<T>;
  export function makeClient(signal: AbortSignal) {
    log(String(signal.aborted));
    const retry = createRetry(3);
    return {
      get: async (url: string, timeout: number) => download(url, AbortSignal.timeout(timeout)),
//         ^^^^^ timeout-parameter
      retried: async (url: string, timeout: number) => retry(() => download(url, AbortSignal.timeout(timeout))),
//             ^^^^^ timeout-parameter
    };
  }

// a module's signal is not a scope that made the function: its callers still cannot cancel it
const appController = new AbortController();
  export async function withModuleSignal(url: string, timeout: number) {
//^^^^^^ timeout-parameter
    return download(url, AbortSignal.any([appController.signal, AbortSignal.timeout(timeout)]));
  }
