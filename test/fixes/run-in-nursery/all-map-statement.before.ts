declare function deleteUser(id: string, options?: { signal?: AbortSignal }): Promise<void>;

export async function purge(ids: string[]) {
  await Promise.all(ids.map(async (id) => {
    await deleteUser(id);
    log(`deleted ${id}`);
  }));
  log("purged");
}
