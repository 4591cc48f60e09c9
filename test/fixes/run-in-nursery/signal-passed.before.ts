export async function refresh(ids: string[]) {
  for (const id of ids) {
    reload(id);
  }
  log("started");
}

declare function reload(id: string, signal?: AbortSignal): Promise<void>;
