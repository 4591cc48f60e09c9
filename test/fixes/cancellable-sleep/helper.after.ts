import { isCancelled, sleep } from "nursery";

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retry<T>(work: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work(signal);
    } catch (error) {
      if (isCancelled(error) || attempt === 3) throw error;
      await sleep(attempt * 250, signal);
    }
  }
}
