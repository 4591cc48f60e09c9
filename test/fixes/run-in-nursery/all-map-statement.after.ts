import { nursery } from "nursery";

declare function deleteUser(id: string, options?: { signal?: AbortSignal }): Promise<void>;

export async function purge(ids: string[]) {
  await nursery(async (n) => {
    for (const id of ids) n.spawn(async (signal) => {
      await deleteUser(id, { signal });
      log(`deleted ${id}`);
    });
  });
  log("purged");
}
