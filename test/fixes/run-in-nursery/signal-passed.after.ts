import { nursery } from "nursery";

export async function refresh(ids: string[]) {
  await nursery(async (n) => {
    for (const id of ids) {
      n.spawn((signal) => reload(id, signal));
    }
    log("started");
  });
}

declare function reload(id: string, signal?: AbortSignal): Promise<void>;
