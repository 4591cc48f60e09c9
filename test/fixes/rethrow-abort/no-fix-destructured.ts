export {};

declare function download(url: string, signal?: AbortSignal): Promise<string>;
declare function report(message: string): void;

// The error is destructured: there is no name to rethrow.
export async function destructured(url: string, signal: AbortSignal) {
  try {
    await download(url, signal);
  } catch ({ message }: any) {
    report(String(message));
  }
}
