// Polls until the job is done.
import { sleep } from "nursery";

export async function waitForJob(id: string, signal: AbortSignal) {
  while (!(await isDone(id, signal))) {
    await sleep(500, signal);
  }
}

declare function isDone(id: string, signal: AbortSignal): Promise<boolean>;
