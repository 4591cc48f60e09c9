import type { Task } from 'nursery';
import { nursery } from 'nursery';

export async function boot(tasks: Task<string>[]) {
  await nursery(async (n) => {
    n.spawn(() => warmUp('cache'));
    const text = await tasks[0]!.result;
    log(text);
  });
}

declare function warmUp(name: string): Promise<void>;
