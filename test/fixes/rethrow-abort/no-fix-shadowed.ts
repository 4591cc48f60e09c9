export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function report(error: unknown): void;

// The caught error takes the signal's name: a test written in the catch would read the error, not the signal.
export async function shadowed(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch (signal) {
    report(signal);
  }
}
