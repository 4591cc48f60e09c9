// @unavailable: takes no signal that `race()` could abort
declare function primary(query: string, signal?: AbortSignal): Promise<string>;
declare function cached(query: string): Promise<string>;

export async function fastest(query: string, signal: AbortSignal) {
  const answer = await Promise.race([primary(query), cached(query)]);
  signal.throwIfAborted();
  return answer;
}
