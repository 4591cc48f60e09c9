// A callback's untyped parameter has the type its callee declares for it. The rule reads that declared type instead of
// typing the parameter, which would resolve the call the callback is passed to (and check the callback's whole body).
interface TaskQueue {
  enqueue(task: (taskSignal: AbortSignal) => Promise<void>): void;
}
interface RouteContext {
  signal: AbortSignal;
  params: Record<string, string | undefined>;
}
interface Router {
  get(path: string, handler: (request: Request, context: RouteContext) => Promise<Response>): void;
}
declare function refresh(id: string, signal?: AbortSignal): Promise<void>;

function invalidTaskSignalNotPassed(queue: TaskQueue, id: string) {
  queue.enqueue((taskSignal) => refresh(id));
  //                            ^^^^^^^^^^^ signal-not-forwarded
}

// valid: the task's signal, passed as it is or combined with the caller's
function validTaskSignalPassed(queue: TaskQueue, id: string, signal: AbortSignal) {
  queue.enqueue((taskSignal) => refresh(id, taskSignal));
  queue.enqueue((taskSignal) => refresh(id, AbortSignal.any([signal, taskSignal])));
}

function invalidContextSignalNotPassed(router: Router) {
  router.get("/items/:id", async (_request, context) => {
    await refresh(context.params.id ?? "");
    //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
    return new Response("ok");
  });
}

// valid: the route context's signal, as an argument or in an options bag combined with a timeout
function validContextSignalPassed(router: Router) {
  router.get("/items/:id", async (_request, context) => {
    await refresh(context.params.id ?? "", context.signal);
    await fetch("https://example.com", { signal: AbortSignal.any([context.signal, AbortSignal.timeout(5_000)]) });
    return new Response("ok");
  });
}

// valid: a callback with more required parameters than the callee's type passes gets no contextual type at all; its
// parameters are `any`, not signals
function validMoreParametersThanDeclared(queue: TaskQueue, id: string) {
  // @ts-expect-error: the callback wants two parameters, the queue passes one
  queue.enqueue((taskSignal, attempt) => refresh(id));
}

// valid: an overloaded callee leaves the parameter's type to the checker: here a number
declare function schedule(task: (attempt: number) => Promise<void>): void;
declare function schedule(delayMs: number, task: (attempt: number) => Promise<void>): void;
function validOverloadedCallee(id: string) {
  schedule((attempt) => refresh(`${id}/${attempt}`));
}
