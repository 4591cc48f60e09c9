// Loops that await without ever observing the signal in scope.
export {};

interface Job {
  run(): Promise<void>;
}
declare function step(): Promise<boolean>;
declare function drain(queue: string[]): Promise<string | undefined>;
declare function items(): AsyncIterable<string>;
declare function handle(item: string): Promise<void>;
declare function spawnTask(body: (signal: AbortSignal) => Promise<void>): void;

async function forOf(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
//^^^ loop-without-checkpoint
    await job.run();
  }
}

async function whileTrue(signal: AbortSignal) {
  while (true) {
//^^^^^ loop-without-checkpoint
    if (await step()) break;
  }
}

async function doWhile(queue: string[], signal: AbortSignal) {
  let item: string | undefined;
  do {
//^^ loop-without-checkpoint
    item = await drain(queue);
  } while (item !== undefined);
}

async function classicFor(jobs: Job[], signal: AbortSignal) {
  for (let i = 0; i < jobs.length; i++) {
//^^^ loop-without-checkpoint
    await jobs[i]!.run();
  }
}

async function forIn(table: Record<string, Job>, signal: AbortSignal) {
  for (const key in table) {
//^^^ loop-without-checkpoint
    await table[key]!.run();
  }
}

async function forAwait(signal: AbortSignal) {
  for await (const item of items()) {
//^^^ loop-without-checkpoint
    log(item);
  }
}

async function singleStatementBody(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) await job.run();
//^^^ loop-without-checkpoint
}

async function awaitInCondition(signal: AbortSignal) {
  while (await step()) {
//^^^^^ loop-without-checkpoint
    log("again");
  }
}

async function optionalSignal(jobs: Job[], signal?: AbortSignal) {
  for (const job of jobs) {
//^^^ loop-without-checkpoint
    await job.run();
  }
}

async function destructured(jobs: Job[], { signal }: { signal: AbortSignal }) {
  for (const job of jobs) {
//^^^ loop-without-checkpoint
    await job.run();
  }
}

async function controller(jobs: Job[]) {
  const controller = new AbortController();
  for (const job of jobs) {
//^^^ loop-without-checkpoint
    await job.run();
  }
  controller.abort();
}

function inTask(jobs: Job[]) {
  spawnTask(async (signal) => {
    for (const job of jobs) {
//  ^^^ loop-without-checkpoint
      await job.run();
    }
  });
}

async function nested(groups: Job[][], signal: AbortSignal) {
  for (const group of groups) {
    log("group");
    for (const job of group) {
//  ^^^ loop-without-checkpoint
      await job.run();
    }
  }
}

async function bothLevels(groups: Job[][], signal: AbortSignal) {
  for (const group of groups) {
//^^^ loop-without-checkpoint
    await group[0]!.run();
    for (const job of group) {
//  ^^^ loop-without-checkpoint
      await job.run();
    }
  }
}

const arrow = async (jobs: Job[], signal: AbortSignal) => {
  for (const job of jobs) {
//^^^ loop-without-checkpoint
    await job.run();
  }
};

class Worker {
  async drainAll(queue: string[], signal: AbortSignal) {
    while (queue.length > 0) {
//  ^^^^^ loop-without-checkpoint
      await handle(queue.shift()!);
    }
  }
}

async function labeled(jobs: Job[], signal: AbortSignal) {
  outer: for (const job of jobs) {
//       ^^^ loop-without-checkpoint
    await job.run();
    if (jobs.length > 10) break outer;
  }
}

async function signalUsedElsewhere(jobs: Job[], signal: AbortSignal) {
  // the signal is used before the loop, not in it
  await fetch("/start", { signal });
  for (const job of jobs) {
//^^^ loop-without-checkpoint
    await job.run();
  }
}

async function promiseAll(groups: Job[][], signal: AbortSignal) {
  for (const group of groups) {
//^^^ loop-without-checkpoint
    await Promise.all(group.map((job) => job.run()));
  }
}

async function tryCatch(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
//^^^ loop-without-checkpoint
    try {
      await job.run();
    } catch (error) {
      log(String(error));
    }
  }
}

async function emptyishBody(signal: AbortSignal) {
  while (await step()) {}
//^^^^^ loop-without-checkpoint
}
