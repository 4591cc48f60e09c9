// Minimal stand-in for @types/node's timers/promises (test/fixes has `types: []`).
declare module "timers/promises" {
  interface TimerOptions {
    ref?: boolean;
    signal?: AbortSignal;
  }
  function setTimeout<T = void>(delay?: number, value?: T, options?: TimerOptions): Promise<T>;
}
