// An options bag handed over as a promise: SDK clients (openai's `this._client.post(path, opts)`) accept
// `Options | Promise<Options>` and resolve the options before the request. A promise of options that carry the signal
// forwards it as the options themselves would.
interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | null;
}
type PromiseOrValue<T> = T | Promise<T>;
interface ApiClient {
  post<Response>(path: string, options?: PromiseOrValue<RequestOptions>): Promise<Response>;
}
interface BodyOnly {
  body?: unknown;
}

function resolveOptions(
  options: RequestOptions | undefined,
  build: (options: RequestOptions | undefined) => RequestOptions | Promise<RequestOptions>,
): Promise<RequestOptions> {
  return Promise.resolve(options).then(build);
}

declare function bodyOnlyLater(body: unknown): Promise<BodyOnly>;

// valid: the caller's options, with their signal, reach the client through a promise
async function validPromisedOptions(client: ApiClient, body: unknown, options?: RequestOptions) {
  await client.post("/items", resolveOptions(options, (resolved) => ({ body, ...resolved })));
  await client.post("/items", Promise.resolve(options).then((resolved) => ({ ...resolved, headers: { "x-kind": "item" } })));
}

// a promise of options that cannot carry a signal passes none
async function invalidPromiseWithoutSignal(client: ApiClient, body: unknown, signal: AbortSignal) {
  await client.post("/items", bodyOnlyLater(body));
  //    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ signal-not-forwarded
}
