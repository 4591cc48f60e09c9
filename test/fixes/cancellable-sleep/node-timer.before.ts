import { setTimeout as delay } from "timers/promises";

export async function throttle(signal: AbortSignal) {
  await delay(100);
}

export async function later(cancel: AbortSignal) {
  return await delay(100, "done");
}

export async function quiet(signal: AbortSignal) {
  await delay(100, undefined, { ref: false });
}
