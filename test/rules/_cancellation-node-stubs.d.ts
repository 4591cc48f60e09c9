// Minimal Node.js declarations for the cancellation rules' fixtures (test/rules has `types: []`), shaped like
// @types/node 20's: only what the fixtures call. Also a stand-in for the Vercel AI SDK's `abortSignal` option.
declare module "timers/promises" {
  interface TimerOptions {
    ref?: boolean;
    signal?: AbortSignal;
  }
  function setTimeout<T = void>(delay?: number, value?: T, options?: TimerOptions): Promise<T>;
  function setImmediate<T = void>(value?: T, options?: TimerOptions): Promise<T>;
}
declare module "node:timers/promises" {
  export * from "timers/promises";
}
declare module "events" {
  interface StaticEventEmitterOptions {
    signal?: AbortSignal;
  }
  class EventEmitter {
    on(event: string, listener: (...args: unknown[]) => void): this;
    static once(emitter: EventEmitter, event: string, options?: StaticEventEmitterOptions): Promise<unknown[]>;
  }
  function once(emitter: EventEmitter, event: string, options?: StaticEventEmitterOptions): Promise<unknown[]>;
}
declare module "stream/promises" {
  interface PipelineOptions {
    signal?: AbortSignal;
    end?: boolean;
  }
  interface Stream {
    pipe(destination: Stream): Stream;
  }
  function pipeline(source: Stream, destination: Stream, options?: PipelineOptions): Promise<void>;
  function pipeline(source: Stream, transform: Stream, destination: Stream, options?: PipelineOptions): Promise<void>;
}
declare module "child_process" {
  interface ExecOptions {
    cwd?: string;
    timeout?: number;
    signal?: AbortSignal;
  }
  interface ChildProcess {
    kill(): boolean;
  }
  function exec(command: string, callback?: (error: Error | null, stdout: string) => void): ChildProcess;
  function exec(command: string, options: ExecOptions, callback?: (error: Error | null, stdout: string) => void): ChildProcess;
  function spawn(command: string, args?: readonly string[], options?: ExecOptions): ChildProcess;
}
declare module "ai" {
  interface CallSettings {
    model: string;
    prompt: string;
    abortSignal?: AbortSignal;
  }
  function generateText(settings: CallSettings): Promise<{ text: string }>;
}
