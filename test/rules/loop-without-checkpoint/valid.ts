// Loops that need no checkpoint, or have one.
export {};

interface Job {
  run(signal?: AbortSignal): Promise<void>;
  runPlain(): Promise<void>;
}
declare function step(): Promise<boolean>;
declare function items(signal: AbortSignal): AsyncIterable<string>;
declare function plainItems(): AsyncIterable<string>;
declare function checkpoint(signal: AbortSignal): Promise<void>;
declare function isCancelled(error: unknown): boolean;

// valid: passes the signal to what it awaits
async function validPassed(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
    await job.run(signal);
  }
}

// valid: throwIfAborted first
async function validThrowIfAborted(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
    signal.throwIfAborted();
    await job.runPlain();
  }
}

// valid: loop condition tests the signal
async function validCondition(signal: AbortSignal) {
  while (!signal.aborted) {
    await step();
  }
}

// valid: breaks when aborted
async function validBreak(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
    if (signal.aborted) break;
    await job.runPlain();
  }
}

// valid: a checkpoint helper
async function validCheckpoint(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
    await checkpoint(signal);
    await job.runPlain();
  }
}

// valid: the awaited call accepts a signal (signal-not-forwarded reports it; its fix makes the loop observe)
async function validSlot(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
    await job.run();
  }
}

// valid: an awaited hand-made timer (uncancellable-sleep reports it; its fix makes the loop observe)
async function validTimer(signal: AbortSignal) {
  while (true) {
    if (await step()) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// valid: for await over a source that was given the signal
async function validForAwaitSignal(signal: AbortSignal) {
  for await (const item of items(signal)) log(item);
}

// valid: a loop that awaits nothing cannot be interrupted anyway (no checkpoint would fire)
async function validSyncLoop(values: number[], signal: AbortSignal) {
  let total = 0;
  for (const value of values) total += value;
  await step();
  return total;
}

// valid: no signal in scope
async function validNoSignal(jobs: Job[]) {
  for (const job of jobs) {
    await job.runPlain();
  }
}

// valid: a sync function (no awaits possible)
function validSync(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) void job.runPlain();
}

// valid: the await is in a callback, not the loop
async function validCallback(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
    setTimeout(async () => {
      await job.runPlain();
    }, 10);
  }
}

// valid: outer loop only awaits inside the inner loop, which checks
async function validOuter(groups: Job[][], signal: AbortSignal) {
  for (const group of groups) {
    for (const job of group) {
      signal.throwIfAborted();
      await job.runPlain();
    }
  }
}

// valid: cancellation tested in a catch inside the loop
async function validCatchTest(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
    try {
      await job.runPlain();
    } catch (error) {
      if (isCancelled(error)) throw error;
    }
  }
}

// valid: Promise.all over callbacks that pass the signal
async function validAllWithSignal(groups: Job[][], signal: AbortSignal) {
  for (const group of groups) {
    await Promise.all(group.map((job) => job.run(signal)));
  }
}

// valid: inside an abort handler the signal is already aborted
function validAbortHandler(jobs: Job[], signal: AbortSignal) {
  signal.addEventListener("abort", async () => {
    for (const job of jobs) await job.runPlain();
  });
}

// valid: module-level loop, no function
const shutdown = new AbortController();
for (const job of [] as Job[]) await job.runPlain();

// valid: fetch given the signal in a while loop
async function validFetch(urls: string[], signal: AbortSignal) {
  while (urls.length > 0) {
    await fetch(urls.pop()!, { signal });
  }
}

// valid: the signal's reason is checked
async function validReason(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
    signal.throwIfAborted();
    await job.runPlain();
  }
}

// valid: do-while testing the signal
async function validDoWhile(signal: AbortSignal) {
  do {
    await step();
  } while (!signal.aborted);
}

// valid: for with the signal in its condition
async function validForCondition(jobs: Job[], signal: AbortSignal) {
  for (let i = 0; i < jobs.length && !signal.aborted; i++) {
    await jobs[i]!.runPlain();
  }
}

// valid: plain for-await without a signal in scope
async function validForAwaitNoSignal() {
  for await (const item of plainItems()) log(item);
}

// valid: a generator without awaits
async function* validGenerator(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) yield job;
}

// valid: the loop awaits a signal-aware sleep
async function validSleep(jobs: Job[], signal: AbortSignal, sleep: (ms: number, signal?: AbortSignal) => Promise<void>) {
  for (const job of jobs) {
    void job.runPlain();
    await sleep(10, signal);
  }
}

// valid: the awaited callback takes its own task signal
async function validTaskSignal(jobs: Job[], signal: AbortSignal, run: (fn: (s: AbortSignal) => Promise<void>) => Promise<void>) {
  for (const job of jobs) {
    await run((taskSignal) => job.run(taskSignal));
  }
}

// valid: a for-of over a sync iterable with an awaited signal-aware call
async function validMixed(urls: string[], signal: AbortSignal) {
  for (const url of urls) {
    const response = await fetch(url, { signal });
    log(String(response.status));
  }
}
