/** Why a scope was cancelled; carried by the `CancelledError` that is the scope signal's `reason`. */
export type CancelKind =
  | "explicit" // `scope.cancel()` / `task.cancel()`
  | "deadline" // the scope's own timeout or deadline passed
  | "sibling-failed" // another child of the nursery failed (fail-fast)
  | "body-failed" // the nursery body failed
  | "parent" // the parent signal was aborted
  | "scope-exit"; // an `await using` block was left without `join()`

// A registry-wide brand, so that two copies of the package (the ESM and the CJS build loaded side by side)
// still recognise each other's cancellations.
const CANCELLED_BRAND = Symbol.for("nursery.CancelledError");

const DEFAULT_MESSAGES: Record<CancelKind, string> = {
  explicit: "cancelled",
  deadline: "deadline exceeded",
  "sibling-failed": "cancelled because a sibling task failed",
  "body-failed": "cancelled because the nursery body failed",
  parent: "cancelled by the parent signal",
  "scope-exit": "cancelled because the scope was left without join()",
};

export interface CancelledErrorOptions {
  /** The error that caused the cancellation (failing task, parent reason, value given to `cancel()`). */
  cause?: unknown;
  /** For "sibling-failed": the name of the task that failed. */
  task?: string;
}

/**
 * The abort `reason` of every signal this library aborts. Not a failure: a nursery drops rejections that are
 * its own cancellation instead of reporting them.
 */
export class CancelledError extends Error {
  readonly kind: CancelKind;
  readonly task: string | undefined;

  constructor(kind: CancelKind = "explicit", message?: string, options?: CancelledErrorOptions) {
    const text = message ?? (kind === "sibling-failed" && options?.task !== undefined
      ? `cancelled because task "${options.task}" failed`
      : DEFAULT_MESSAGES[kind]);
    // Only pass `cause` when there is one, so `"cause" in error` stays meaningful.
    super(text, options && "cause" in options ? { cause: options.cause } : undefined);
    this.kind = kind;
    this.task = options?.task;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[CANCELLED_BRAND] === true;
  }
}
// Names live on the prototypes so V8 prints them in the stack header (instance fields are set after capture).
Object.defineProperty(CancelledError.prototype, "name", { value: "CancelledError", writable: true, configurable: true });
Object.defineProperty(CancelledError.prototype, CANCELLED_BRAND, { value: true });

/** `failAfter()` and a nursery's own `timeout` / `deadline` ran out. */
export class TimeoutError extends Error {
  constructor(message = "deadline exceeded", options?: { cause?: unknown }) {
    super(message, options);
  }
}
Object.defineProperty(TimeoutError.prototype, "name", { value: "TimeoutError", writable: true, configurable: true });

/**
 * Two or more real failures of one nursery (or any number under `strict: true`). `errors` is in completion
 * order and `cause` is the first of them.
 */
export class NurseryError extends AggregateError {
  constructor(errors: readonly unknown[], message?: string) {
    super(errors, message ?? describeErrors(errors), errors.length > 0 ? { cause: errors[0] } : undefined);
  }
}
Object.defineProperty(NurseryError.prototype, "name", { value: "NurseryError", writable: true, configurable: true });

function describeErrors(errors: readonly unknown[]): string {
  const first = errors[0];
  const firstText = first instanceof Error ? `${first.name}: ${first.message}` : String(first);
  return errors.length === 1
    ? `1 error in nursery: ${firstText}`
    : `${errors.length} errors in nursery; first: ${firstText}`;
}

/**
 * True for a cancellation rather than a failure: our `CancelledError` or any `AbortError`
 * (the DOMException that `fetch`, streams and Node's own APIs throw on abort).
 */
export function isCancelled(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  return (error as Record<symbol, unknown>)[CANCELLED_BRAND] === true || (error as { name?: unknown }).name === "AbortError";
}
