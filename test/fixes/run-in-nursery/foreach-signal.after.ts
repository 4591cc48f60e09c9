import { nursery } from "nursery";

declare function upload(path: string, options?: { signal?: AbortSignal; retries?: number }): Promise<void>;

export async function uploadAll(paths: string[]) {
  await nursery(async (n) => {
    for (const path of paths) n.spawn(async (signal) => {
      await upload(path, { retries: 1, signal });
      log(`uploaded ${path}`);
    });
  });
}
