import { nursery } from "nursery";

declare function notify(id: string, urgent: boolean, signal?: AbortSignal): Promise<void>;

export async function close(id: string, signal: AbortSignal) {
  await nursery(async (n) => {
    n.spawn((taskSignal) => notify(id, signal.aborted, taskSignal));
    await shutdown(id, signal);
  });
}

declare function shutdown(id: string, signal: AbortSignal): Promise<void>;
