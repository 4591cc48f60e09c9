import { race } from "nursery";

declare function primary(query: string, signal?: AbortSignal): Promise<string>;
declare function mirror(query: string, signal?: AbortSignal): Promise<string>;

export async function fastest(query: string, signal: AbortSignal) {
  const answer = await race([(signal) => primary(query, signal), (signal) => mirror(query, signal)]);
  signal.throwIfAborted();
  return answer;
}
