export {};

// The timer resolves with a value: `sleep` would change what the await gives.
export async function answerLater(signal: AbortSignal) {
  return await new Promise<number>((resolve) => setTimeout(() => resolve(42), 10));
}
