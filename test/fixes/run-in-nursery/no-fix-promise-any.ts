declare function primary(query: string, signal?: AbortSignal): Promise<string>;
declare function mirror(query: string, signal?: AbortSignal): Promise<string>;

export async function anyAnswer(query: string, signal: AbortSignal) {
  const answer = await Promise.any([primary(query), mirror(query)]);
  signal.throwIfAborted();
  return answer;
}
