// Functions held by top-level variables and class fields, edited by test/incremental.test.ts: an edit inside one of
// their bodies is re-analysed alone when the function's type does not depend on it (a written return type, `async`,
// or a written type of the variable or field), and must give what a full analysis gives.
export {};

type Listener = (event: { type: string }) => void;
declare function fetchJson(url: string, init?: { signal?: AbortSignal }): Promise<unknown>;
declare function on(type: string, listener: Listener): void;

const sleep = (ms: number): Promise<void> => {
  return new Promise((resolve) => setTimeout(resolve, ms));
};

// A one-statement helper called elsewhere whose call is a method on a value: no timer helper, re-analysed alone.
function resolveOptions(options: { signal?: AbortSignal } | undefined, build: (options?: { signal?: AbortSignal }) => { signal?: AbortSignal }): Promise<{ signal?: AbortSignal }> {
  return Promise.resolve(options).then(build);
}

export async function useOptions(signal: AbortSignal) {
  const options = await resolveOptions({ signal }, (given) => ({ ...given }));
  await fetchJson("/options", options);
  fetchJson("/options");
}

// Top-level declarations nothing else in the file names: their types may depend on the bodies inside, but no other
// statement of the file reads them.
declare function defineRoutes<T>(table: T): T;
declare function route<R>(handler: (signal: AbortSignal) => R): { handler: (signal: AbortSignal) => R };

export const routes = defineRoutes({
  list: route(async (signal) => {
    const started = Date.now();
    fetchJson(`/routes/${started}`);
    return fetchJson("/list", { signal });
  }),
  count: route((signal) => {
    const pending = fetchJson("/count");
    return pending.then(() => fetchJson("/again", { signal }));
  }),
});

export const [firstHandler] = [
  route(() => {
    fetchJson("/handler");
    return 1;
  }),
];

export function unnamedElsewhere(url: string) {
  fetchJson(url);
  return fetchJson(`${url}/again`);
}

export class Unnamed {
  load(url: string) {
    fetchJson(url);
    return fetchJson(`${url}/more`);
  }
}

export default defineRoutes(() => {
  fetchJson("/default");
  return new Promise((resolve) => setTimeout(resolve, 10));
});

export const poll = async (url: string, signal: AbortSignal) => {
  await sleep(100);
  await fetchJson(url);
  fetchJson(url, { signal });
};

export const onMessage: Listener = async (event) => {
  await fetchJson(`/log/${event.type}`);
  fetchJson("/seen");
};

export const count = (items: readonly string[]): number => {
  const tasks = items.map(async (item) => fetchJson(item));
  if (tasks.length > 1) return tasks.length;
  return 0;
};

export const inferred = () => {
  const started = Date.now();
  fetchJson(`/inferred/${started}`);
  return fetchJson("/value");
};

export async function useInferred(): Promise<void> {
  inferred();
  finalStep();
}

export const onClose: Listener = (event) => {
  fetchJson(`/closed/${event.type}`);
  if (event.type === "error") return;
};

export const later = async function (signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 10));
  await fetchJson("/later", { signal });
};

on("ready", async () => {
  await fetchJson("/ready");
});

export class Poller {
  private readonly stopped = false;

  tick = async (signal: AbortSignal) => {
    await fetchJson("/tick");
    void fetchJson("/tock", { signal });
  };

  handler: Listener = async () => {
    await fetchJson("/handler");
  };

  untyped = () => {
    fetchJson("/untyped");
  };

  async run(): Promise<void> {
    await this.tick(AbortSignal.timeout(10));
    this.handler({ type: "run" });
    if (this.stopped) return;
  }
}

export const [first] = [async () => fetchJson("/destructured")];

// Call statements: their callbacks are re-analysed with the statement (`it(…)` inside `describe`, a route).
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void>): void;
declare const router: { get(path: string, handler: (request: { signal: AbortSignal }) => Promise<unknown>): void };

describe("poller", () => {
  const poller = new Poller();
  it("ticks", async () => {
    await poller.tick(AbortSignal.timeout(5));
    fetchJson("/after-tick");
  });
  it("runs", async () => {
    await poller.run();
  });
  it("steps", async () => {
    const step = async (): Promise<void> => {
      await fetchJson("/step");
      fetchJson("/step-floating");
    };
    await step();
  });
});

describe("listeners", async () => {
  it("closes", async () => {
    onClose({ type: "close" });
    await fetchJson("/closed");
  });
});

router.get("/users", async (request) => {
  const users = await fetchJson("/db/users");
  await fetchJson("/audit");
  return users;
});

// Declared last and called above: a statement that took it in (a template literal not closed yet) changes that call.
export async function finalStep(): Promise<void> {}
