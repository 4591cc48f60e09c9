export { CancelledError, NurseryError, TimeoutError, isCancelled } from "./errors.js";
export type { CancelKind, CancelledErrorOptions } from "./errors.js";
export { CancelScope, Nursery, Task, nursery, openNursery } from "./scope.js";
export type { NurseryOptions, ScopeOptions, SpawnOptions, StartOptions, TaskState } from "./scope.js";
export { all, checkpoint, failAfter, moveOnAfter, race, sleep } from "./helpers.js";
export type { AllOptions } from "./helpers.js";
