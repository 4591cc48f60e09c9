// Ambient stub of the runtime's API (../../shared RUNTIME.md), for nursery-escape fixtures. Interfaces and functions
// only, so that another folder's stub of the same module merges with this one instead of clashing.
declare module "nursery" {
  export interface Task<T> {
    readonly name: string;
    readonly result: Promise<T>;
    readonly signal: AbortSignal;
    cancel(reason?: unknown): void;
  }
  export interface Nursery {
    readonly signal: AbortSignal;
    spawn<T>(fn: (signal: AbortSignal) => T | PromiseLike<T>, options?: { name?: string }): Task<Awaited<T>>;
    start<V = void>(fn: (signal: AbortSignal, started: (value: V) => void) => unknown): Promise<V>;
    cancel(reason?: unknown): void;
    join(): Promise<void>;
  }
  export function nursery<T>(body: (n: Nursery) => T | PromiseLike<T>, options?: { signal?: AbortSignal; timeout?: number }): Promise<Awaited<T>>;
  export function openNursery(options?: { signal?: AbortSignal }): Nursery;
  export function sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
