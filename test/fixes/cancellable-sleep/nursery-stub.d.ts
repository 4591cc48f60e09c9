// Minimal stand-in for the runtime's types (runtime/src/index.ts) so fixed files that import from "nursery" type-check.
declare module "nursery" {
  export function sleep(ms: number, signal?: AbortSignal): Promise<void>;
  export function checkpoint(signal?: AbortSignal): Promise<void>;
  export function isCancelled(error: unknown): boolean;
}
