// Polls until the job is done.
export async function waitForJob(id: string, signal: AbortSignal) {
  while (!(await isDone(id, signal))) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

declare function isDone(id: string, signal: AbortSignal): Promise<boolean>;
