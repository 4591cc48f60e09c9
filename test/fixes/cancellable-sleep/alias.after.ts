import { sleep as nap } from "nursery";

export async function tick(signal: AbortSignal) {
  await nap(1, signal);
  await nap(10, signal);
}
