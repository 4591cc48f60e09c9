export {};

function sleep(ms: number) {
  return ms;
}

// The file has a `sleep` of its own: importing the runtime's would clash.
export async function waitABit(signal: AbortSignal) {
  await new Promise((resolve) => setTimeout(resolve, sleep(10)));
}
