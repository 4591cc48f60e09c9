import type { Task } from 'nursery';

export async function boot(tasks: Task<string>[]) {
  warmUp('cache');
  const text = await tasks[0]!.result;
  log(text);
}

declare function warmUp(name: string): Promise<void>;
