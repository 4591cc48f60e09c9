export {};

interface Job {
  run(): Promise<void>;
}
declare function step(): Promise<boolean>;

export async function block(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) {
    await job.run();
  }
}

export async function single(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) await job.run();
}

export async function whileLoop(signal?: AbortSignal) {
    while (true) { // until done
        if (await step()) break;
    }
}

export async function doLoop(controller: AbortController) {
  do {
    await step();
  } while (Math.random() > 0.5);
}

export async function empty(signal: AbortSignal) {
  while (await step()) {}
}

export async function oneLine(jobs: Job[], signal: AbortSignal) {
  for (const job of jobs) { await job.run(); }
}

export async function fromOptions(jobs: Job[], options?: { signal?: AbortSignal }) {
  for (const job of jobs) {
    await job.run();
  }
}
