declare function upload(path: string, options?: { signal?: AbortSignal; retries?: number }): Promise<void>;

export async function uploadAll(paths: string[]) {
  paths.forEach(async (path) => {
    await upload(path, { retries: 1 });
    log(`uploaded ${path}`);
  });
}
