declare function notify(id: string, urgent: boolean, signal?: AbortSignal): Promise<void>;

export async function close(id: string, signal: AbortSignal) {
  notify(id, signal.aborted);
  await shutdown(id, signal);
}

declare function shutdown(id: string, signal: AbortSignal): Promise<void>;
